package dev.atrium.core.user;

/**
 * The counts Roomful pushes in its counter events and in {@code user:update}, derived from stored state each
 * time (nothing is counted incrementally, so nothing can drift):
 *
 * <ul>
 *   <li>{@code publicRoomCount}: active public chat rooms (not IMs) the user is a current member of; the
 *       creator of a room is its first OWNER member, so rooms the user owns count while they are a member.
 *   <li>{@code contactCount}: ACCEPTED connections of the user.
 *   <li>{@code pendingContactCount}: PENDING connection requests addressed to the user.
 *   <li>{@code pendingRequestCount}: PENDING connection requests the user sent.
 *   <li>{@code newInvitationsCount}, {@code newNotificationsCount}, {@code idealMatchCount}: Atrium has no
 *       invitations inbox, notifications or matchmaking yet, so they are always 0.
 * </ul>
 */
public record UserCounters(
    int publicRoomCount,
    int contactCount,
    int pendingContactCount,
    int pendingRequestCount,
    int newInvitationsCount,
    int newNotificationsCount,
    int idealMatchCount) {

  /** The counts with a source; the others are 0 until Atrium has what they count. */
  public static UserCounters of(int publicRoomCount, int contactCount, int pendingContactCount,
      int pendingRequestCount) {
    return new UserCounters(publicRoomCount, contactCount, pendingContactCount, pendingRequestCount, 0, 0, 0);
  }
}
