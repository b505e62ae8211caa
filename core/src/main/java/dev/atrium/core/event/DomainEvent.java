package dev.atrium.core.event;

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

  /** A chat room, IM or MIM was created with these first members. */
  record RoomCreated(Room room, List<Long> memberIds, Instant at) implements DomainEvent {}

  /** A room's attributes or its active flag changed. */
  record RoomUpdated(Room before, Room after, Instant at) implements DomainEvent {}

  record RoomMemberAdded(Room room, Membership membership, Instant at) implements DomainEvent {}

  /** The membership as it is now: with {@code leftAt} set. */
  record RoomMemberRemoved(Room room, Membership membership, Instant at) implements DomainEvent {}

  record RoomMemberRoleChanged(Room room, Membership before, Membership after, Instant at) implements DomainEvent {}
}
