package dev.atrium.store.jdbc;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.tx.Transactor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions on the jOOQ context. The transaction's context is bound to the running thread with a
 * {@link ScopedValue}, so stores join it without passing it around; a nested call joins the outer one.
 * Driver errors become domain errors here and never travel further up.
 */
public final class JdbcTransactor implements Transactor {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactor.class);
  private static final ScopedValue<DSLContext> CURRENT = ScopedValue.newInstance();
  private static final ScopedValue<List<Runnable>> AFTER_COMMIT = ScopedValue.newInstance();
  private final DSLContext root;

  public JdbcTransactor(Database database) {
    this(database.dsl());
  }

  /** Over a context of the database's own configuration (a test adds a listener that counts statements). */
  JdbcTransactor(DSLContext root) {
    this.root = root;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (CURRENT.isBound()) {
      return work.get();
    }
    List<Runnable> afterCommit = new ArrayList<>();
    T result;
    try {
      result = root.transactionResult(cfg -> ScopedValue.where(CURRENT, cfg.dsl()).where(AFTER_COMMIT, afterCommit)
          .call(work::get));
    } catch (DataAccessException e) {
      throw translate(e);
    }
    for (Runnable action : afterCommit) {
      try {
        action.run();
      } catch (RuntimeException e) {
        // The transaction committed: its caller must hear success, whatever a follow-up does.
        LOG.warn("an action after commit failed", e);
      }
    }
    return result;
  }

  @Override
  public <T> T inSavepoint(Supplier<T> work) {
    if (!CURRENT.isBound()) {
      return inTransaction(() -> inSavepoint(work));
    }
    // jOOQ runs a transaction nested in another in a savepoint, and rolls back to it when the work throws.
    List<Runnable> attempted = new ArrayList<>();
    T result;
    try {
      result = CURRENT.get().transactionResult(cfg -> ScopedValue.where(CURRENT, cfg.dsl())
          .where(AFTER_COMMIT, attempted).call(work::get));
    } catch (DataAccessException e) {
      throw translate(e);
    }
    AFTER_COMMIT.get().addAll(attempted);
    return result;
  }

  @Override
  public void afterCommit(Runnable action) {
    if (AFTER_COMMIT.isBound()) {
      AFTER_COMMIT.get().add(action);
    } else {
      action.run();
    }
  }

  /** The context to run a statement on: the transaction's, or the pool's outside one. */
  DSLContext ctx() {
    return CURRENT.isBound() ? CURRENT.get() : root;
  }

  /**
   * A unique or foreign-key violation is a conflict with data another request wrote meanwhile (the services
   * check first, so only a race gets here). Any other constraint violation is a bug and stays a 5xx.
   */
  static RuntimeException translate(DataAccessException e) {
    return switch (e.sqlState()) {
      case "23505" -> AtriumException.conflict("The change collides with existing data: a duplicate");
      // H2's answer, at once, to a unique key that another transaction has written and not yet committed
      // (PostgreSQL waits for that transaction instead, then answers 23505 or goes ahead).
      case "90131" -> AtriumException.conflict("The change collides with a concurrent change");
      // 23503 is PostgreSQL's foreign-key violation, 23506 and 23503 H2's.
      case "23503", "23506" -> AtriumException.conflict("The change refers to something that no longer exists");
      default -> e;
    };
  }
}
