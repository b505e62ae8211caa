package dev.atrium.core.barrier;

import java.time.Instant;
import java.util.List;

/**
 * An information-barrier group: users an administrator puts together so that policies can keep them apart
 * from another group. {@code memberCount} and {@code policies} (the ids of every policy naming the group,
 * active or not, oldest first) are read from the store; writing a group ignores them.
 */
public record Group(String id, String name, boolean active, int memberCount, List<String> policies,
    Instant createdAt, Instant modifiedAt) {

  public Group {
    policies = List.copyOf(policies);
  }

  Group withActive(boolean active, Instant at) {
    return new Group(id, name, active, memberCount, policies, createdAt, at);
  }

  Group touched(Instant at) {
    return new Group(id, name, active, memberCount, policies, createdAt, at);
  }
}
