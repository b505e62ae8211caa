package dev.atrium.core.tx;

import java.util.function.Supplier;

/**
 * Runs work in one transaction: every store call made by {@code work} on this thread joins it, and an
 * exception rolls all of it back. Nested calls join the outer transaction.
 */
public interface Transactor {
  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs work as one attempt inside the transaction open on this thread (opening one if none is): if work throws,
   * what it wrote and the {@link #afterCommit} actions it registered are undone, the exception goes on, and the
   * transaction stays usable for another attempt. A unique violation aborts a whole PostgreSQL transaction; an
   * attempt that may collide with a concurrent insert and then try again runs here (a savepoint).
   */
  <T> T inSavepoint(Supplier<T> work);

  /**
   * Runs the action once the transaction open on this thread has committed, or at once if none is open. A
   * rollback drops it. For work that must not run on uncommitted data, such as waking the mail deliverer.
   */
  void afterCommit(Runnable action);

  default void run(Runnable work) {
    inTransaction(() -> {
      work.run();
      return null;
    });
  }
}
