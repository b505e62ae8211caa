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

  /** A message was posted to a stream. */
  record MessageSent(Message message, Room room, Instant at) implements DomainEvent {}

  /** An administrator suppressed a message. */
  record MessageSuppressed(Message message, Instant at) implements DomainEvent {}
}
