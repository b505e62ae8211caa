package dev.atrium.core.event;

import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.Policy;
import dev.atrium.core.cert.CompanyCert;
import dev.atrium.core.contact.Connection;
import dev.atrium.core.message.Message;
import dev.atrium.core.presence.UserPresence;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.user.User;
import java.time.Instant;
import java.util.List;

/** Something that happened to the model, published after its transaction committed. */
public sealed interface DomainEvent {
  Instant at();

  record UserCreated(User user, Instant at) implements DomainEvent {}

  record UserUpdated(User before, User after, Instant at) implements DomainEvent {}

  record UserStatusChanged(User user, Instant at) implements DomainEvent {}

  /** The user is gone, with what hung off them; their sessions were revoked first ({@code SessionsRevoked}). */
  record UserDeleted(User user, Instant at) implements DomainEvent {}

  record AvatarUpdated(User user, Instant at) implements DomainEvent {}

  record SessionsRevoked(long userId, java.util.List<String> sessionIds, Instant at) implements DomainEvent {}

  record CompanyCertCreated(CompanyCert cert, Instant at) implements DomainEvent {}

  record CompanyCertUpdated(CompanyCert before, CompanyCert after, Instant at) implements DomainEvent {}

  record CompanyCertDeleted(CompanyCert cert, Instant at) implements DomainEvent {}

  /** A barrier group was created or switched on or off. */
  record BarrierGroupChanged(Group group, Instant at) implements DomainEvent {}

  /** Users joined or left a barrier group. */
  record BarrierMembersChanged(String groupId, List<Long> added, List<Long> removed, Instant at)
      implements DomainEvent {}

  /** A barrier policy was created or switched on or off. */
  record BarrierPolicyChanged(Policy policy, Instant at) implements DomainEvent {}

  /** A user asked another to connect (first time or again). */
  record ConnectionRequested(Connection connection, Instant at) implements DomainEvent {}

  record ConnectionAccepted(Connection connection, Instant at) implements DomainEvent {}

  record ConnectionRejected(Connection connection, Instant at) implements DomainEvent {}

  /** {@code userId} removed the connection with {@code otherId}. */
  record ConnectionRemoved(long userId, long otherId, Instant at) implements DomainEvent {}

  /**
   * A user's presence changed: set explicitly, by a socket coming or going, or by an explicit status falling
   * back to OFFLINE after it was not refreshed in time.
   */
  record PresenceChanged(UserPresence presence, Instant at) implements DomainEvent {}

  /** A chat room, IM or MIM was created with these first members. */
  record RoomCreated(Room room, List<Long> memberIds, Instant at) implements DomainEvent {}

  /** A room's attributes or its active flag changed. */
  record RoomUpdated(Room before, Room after, Instant at) implements DomainEvent {}

  record RoomMemberAdded(Room room, Membership membership, Instant at) implements DomainEvent {}

  /** The membership as it is now: with {@code leftAt} set. */
  record RoomMemberRemoved(Room room, Membership membership, Instant at) implements DomainEvent {}

  record RoomMemberRoleChanged(Room room, Membership before, Membership after, Instant at) implements DomainEvent {}

  /** A chat room was deleted, with its memberships and messages; {@code memberIds} were its current members. */
  record RoomDeleted(Room room, List<Long> memberIds, Instant at) implements DomainEvent {}

  /** A member read a stream: its unread count is 0 again. */
  record RoomRead(Membership membership, Instant at) implements DomainEvent {}

  /** A message was posted to a stream. */
  record MessageSent(Message message, Room room, Instant at) implements DomainEvent {}

  /** An administrator suppressed a message. */
  record MessageSuppressed(Message message, Instant at) implements DomainEvent {}

  // ---- the Roomful user model

  /** A user's 3D avatar was set or removed ({@code user.avatar3D()} absent). */
  record Avatar3DChanged(dev.atrium.core.user.User user, Instant at) implements DomainEvent {}

  /** A user registered a z-address or retitled one. */
  record ZAddressSet(dev.atrium.core.user.ZAddress zAddress, Instant at) implements DomainEvent {}

  /** A user's email, navigation or collision settings changed; {@code settings} is the whole, as it is now. */
  record SettingsChanged(long userId, dev.atrium.core.settings.UserSettings settings, Instant at)
      implements DomainEvent {}

  /** A session reported its device settings. */
  record DeviceSettingsChanged(dev.atrium.core.settings.SessionDevice device, Instant at) implements DomainEvent {}

  /** A user's state in a network changed. */
  record NetworkStateChanged(dev.atrium.core.settings.NetworkState state, Instant at) implements DomainEvent {}

  record SocialAccountLinked(dev.atrium.core.social.SocialAccount account, Instant at) implements DomainEvent {}

  record SocialAccountUnlinked(dev.atrium.core.social.SocialAccount account, Instant at) implements DomainEvent {}

  /** A badge was granted, or its data replaced. */
  record BadgeGranted(dev.atrium.core.badge.Badge badge, Instant at) implements DomainEvent {}

  record BadgeRevoked(dev.atrium.core.badge.Badge badge, Instant at) implements DomainEvent {}

  /**
   * {@code fromUserId} was merged into {@code intoUserId} (and disabled); {@code contactIds} are the users whose
   * connection moved from one to the other, whose counters changed as well.
   */
  record UsersMerged(long intoUserId, long fromUserId, List<Long> contactIds, Instant at) implements DomainEvent {
    public UsersMerged {
      contactIds = List.copyOf(contactIds);
    }
  }

  record SpaceCreated(dev.atrium.core.space.Space space, Instant at) implements DomainEvent {}

  /** A space's name, public flag, description or logo changed. */
  record SpaceUpdated(dev.atrium.core.space.Space before, dev.atrium.core.space.Space after, Instant at)
      implements DomainEvent {}

  /** The space is gone, with its members ({@code memberIds}, who were its members) and invites. */
  record SpaceDeleted(dev.atrium.core.space.Space space, List<Long> memberIds, Instant at) implements DomainEvent {
    public SpaceDeleted {
      memberIds = List.copyOf(memberIds);
    }
  }

  /** A member joined a space or changed role, or ({@code removed}) left it. */
  record SpaceMemberChanged(dev.atrium.core.space.SpaceMember member, boolean removed, Instant at)
      implements DomainEvent {}
}
