package dev.atrium.core.tx;

import java.util.function.Supplier;

/**
 * Runs work in one transaction: every store call made by {@code work} on this thread joins it, and an
 * exception rolls all of it back. Nested calls join the outer transaction.
 */
public interface Transactor {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(() -> {
      work.run();
      return null;
    });
  }
}
