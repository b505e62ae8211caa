package dev.atrium.core.contact;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Storage of connections. Every call joins the caller's transaction. */
public interface ConnectionStore {
  /** The connection between the two users, whichever of them asked. */
  Optional<Connection> between(long userId, long otherId);

  /** Stores a connection for a pair that has none; a pair that has one raises {@code Conflict}. */
  void insert(Connection connection);

  /** Replaces the stored connection of the same pair (the requester may change sides). */
  void update(Connection connection);

  /** Removes the pair's connection, if any. */
  void delete(long userId, long otherId);

  /**
   * The user's connections whose relation, seen from the user, is one of {@code relations}, restricted to the
   * users in {@code others} unless it is empty; the most recently changed first.
   */
  List<Connection> of(long userId, Set<Relation> relations, Set<Long> others);
}
