package dev.atrium.testkit;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** A fresh, empty database handed out by {@link TestPostgres}; closing it drops the database. */
public final class TestDatabase implements AutoCloseable {
  private final String name;
  private final String url;
  private final String user;
  private final @Nullable String password;
  private final Runnable drop;
  private final AtomicBoolean closed = new AtomicBoolean();

  TestDatabase(String name, String url, String user, @Nullable String password, Runnable drop) {
    this.name = name;
    this.url = url;
    this.user = user;
    this.password = password;
    this.drop = drop;
  }

  /** The database's name, {@code atrium_test_} and random letters. */
  public String name() {
    return name;
  }

  /** The JDBC URL of this database. */
  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public @Nullable String password() {
    return password;
  }

  /** Drops the database, ending any connection still open to it. Close pools first; a second close does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      drop.run();
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + url + " as " + user + "]";
  }
}
