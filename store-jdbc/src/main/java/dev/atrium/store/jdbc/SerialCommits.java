package dev.atrium.store.jdbc;

import java.util.concurrent.locks.ReentrantLock;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;

/**
 * Commits one transaction at a time: H2's MVStore may return from a commit without writing it when another
 * commit's write was under way ({@code MVStore.commit} gives up when the store's version moved while it waited
 * for the store lock, although the write it waited for may have been collected before this transaction's
 * changes), so that an acknowledged commit was lost by a crash until the next one. Serialised, each commit finds
 * the store idle and writes its own changes before it returns. Only for H2 on disk; PostgreSQL needs no help.
 */
final class SerialCommits implements TransactionProvider {
  private final TransactionProvider delegate;
  private final ReentrantLock lock = new ReentrantLock();

  SerialCommits(TransactionProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public void begin(TransactionContext ctx) {
    delegate.begin(ctx);
  }

  @Override
  public void commit(TransactionContext ctx) {
    lock.lock();
    try {
      delegate.commit(ctx);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void rollback(TransactionContext ctx) {
    delegate.rollback(ctx);
  }
}
