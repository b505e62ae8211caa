package dev.atrium.core.event;

import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.Policy;
import dev.atrium.core.cert.CompanyCert;
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
}
