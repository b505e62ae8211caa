package dev.atrium.core.barrier;

import java.util.Collection;

/**
 * Information barriers as the rest of the model sees them: the one question every path by which two users
 * could meet (a room, an IM, a connection) asks before it changes anything.
 */
public interface Barriers {
  /**
   * Refuses with {@code AtriumException.Forbidden} if the user may not meet any of the others: they are in
   * two groups that an active BLOCK policy separates. Runs inside the caller's transaction.
   */
  void requireMayMeet(long userId, Collection<Long> others);

  /** No barriers at all. */
  Barriers NONE = (userId, others) -> {};
}
