package dev.atrium.store.jdbc;

import dev.atrium.testkit.TestDatabase;
import dev.atrium.testkit.TestPostgres;
import java.util.UUID;

/** The databases the store runs on; each hands a test class a fresh, migrated database of its own. */
enum Backend {
  H2 {
    @Override
    Fresh open() {
      Database database = Database.open("jdbc:h2:mem:atrium_" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null,
          POOL_SIZE);
      return new Fresh(database, () -> {
        // DB_CLOSE_DELAY=-1 keeps an in-memory database, and its rows, until the JVM ends: empty it. (SHUTDOWN
        // would free the rest too, but it closes the pooled connection under the pool, which then fails.)
        database.dsl().execute("drop all objects");
        database.close();
      });
    }
  },
  POSTGRES {
    @Override
    Fresh open() {
      TestDatabase db = TestPostgres.createDatabase();
      try {
        Database database = Database.open(db.url(), db.user(), db.password(), POOL_SIZE);
        return new Fresh(database, () -> {
          database.close();
          db.close();
        });
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    }
  };

  /** Enough for the tests that use several threads at once. */
  static final int POOL_SIZE = 4;

  abstract Fresh open();

  /** An open database and how to get rid of it. */
  record Fresh(Database database, Runnable drop) {}
}
