package dev.atrium.core.barrier;

import java.time.Instant;
import java.util.List;

/**
 * A policy between two groups. Only an active BLOCK policy between two active groups is enforced: their
 * members may not meet. An ALLOW policy records that the two groups may meet, which is what a pod allows
 * anyway: it is stored and listed, never enforced, and it does not lift a BLOCK that another pair of
 * groups puts between two users. A pair of groups has at most one active policy, so the two kinds never
 * contradict each other. {@code memberCount} (distinct users in either group) is read from the store.
 */
public record Policy(String id, Type type, boolean active, List<String> groups, int memberCount,
    Instant createdAt, Instant modifiedAt) {

  public enum Type {
    BLOCK,
    ALLOW
  }

  public Policy {
    groups = List.copyOf(groups);
  }

  Policy withActive(boolean active, Instant at) {
    return new Policy(id, type, active, groups, memberCount, createdAt, at);
  }
}
