package dev.atrium.core.room;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's place in a room. A member who leaves keeps the row with {@code leftAt} set (past members stay
 * visible to administrators); joining again makes it current. {@code unreadCount} counts the messages others
 * posted since the member's own last message ({@code lastReadAt}), as Rocket.Chat counts them with
 * {@code Unread_Count=all_messages}.
 */
public record Membership(
    String roomId,
    long userId,
    RoomRole role,
    Instant joinedAt,
    @Nullable Instant leftAt,
    int unreadCount,
    @Nullable Instant lastReadAt) {

  /** A member who joins now. */
  public static Membership joined(String roomId, long userId, RoomRole role, Instant at) {
    return new Membership(roomId, userId, role, at, null, 0, null);
  }

  public boolean current() {
    return leftAt == null;
  }

  public boolean isOwner() {
    return current() && role == RoomRole.OWNER;
  }

  public Membership withRole(RoomRole role) {
    return new Membership(roomId, userId, role, joinedAt, leftAt, unreadCount, lastReadAt);
  }

  public Membership left(Instant at) {
    return new Membership(roomId, userId, role, joinedAt, at, unreadCount, lastReadAt);
  }
}
