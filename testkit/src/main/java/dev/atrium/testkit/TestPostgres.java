package dev.atrium.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.jspecify.annotations.Nullable;

/**
 * Fresh, empty PostgreSQL databases for tests, one per test class.
 *
 * <p>With {@code ATRIUM_TEST_PG_URL} set (CI sets {@code jdbc:postgresql://127.0.0.1:5432/test}) every
 * database is created on that server as {@code atrium_test_<random>}, connecting as {@code ATRIUM_TEST_PG_USER}
 * (password {@code ATRIUM_TEST_PG_PASSWORD}, if any); the URL's own database is only used to issue
 * {@code CREATE DATABASE}. Without it, one embedded PostgreSQL (zonky's binaries) is started for the whole JVM
 * at the first request, databases are created in it, and it stops when the JVM exits.
 *
 * <p>PostgreSQL refuses to run initdb and postgres as root. Run as root, zonky starts them under
 * {@code unshare -U}: in a new user namespace the process is no longer root (it is the overflow user, which
 * also appears to own the root-owned data directory), so PostgreSQL starts. That needs unprivileged user
 * namespaces; where the kernel or a container forbids them, the embedded server cannot start as root, and
 * {@link #createDatabase} aborts the calling test class (JUnit reports it skipped) with a message naming
 * {@code ATRIUM_TEST_PG_URL}. Any other failure to start is an error, never a skip.
 */
public final class TestPostgres {
  public static final String URL_VARIABLE = "ATRIUM_TEST_PG_URL";
  public static final String USER_VARIABLE = "ATRIUM_TEST_PG_USER";
  public static final String PASSWORD_VARIABLE = "ATRIUM_TEST_PG_PASSWORD";

  private static final String JDBC_PREFIX = "jdbc:postgresql://";

  /** The server of this JVM, or why there is none; set once, at the first request. */
  private static @Nullable Object server;

  private TestPostgres() {}

  /**
   * Creates a new, empty database and returns it; close it (after the pools on it) to drop it. If no server can
   * be had because the embedded one cannot run as root here, the calling test is aborted with the reason.
   */
  public static TestDatabase createDatabase() {
    Server s = server();
    String name = "atrium_test_" + HexFormat.of().formatHex(randomBytes(6));
    s.execute("create database " + name);
    return new TestDatabase(name, s.url(name), s.user(), s.password(),
        () -> s.execute("drop database if exists " + name + " with (force)"));
  }

  private static synchronized Server server() {
    if (server == null) {
      server = connect();
      if (server instanceof Server s) {
        // One line per JVM, so a build log shows which server the PostgreSQL tests ran on.
        System.out.println("[testkit] PostgreSQL test databases on the " + s.description() + " server");
      }
    }
    if (server instanceof String reason) {
      Assumptions.abort(reason);
    }
    return (Server) server;
  }

  private static Object connect() {
    String url = System.getenv(URL_VARIABLE);
    if (url != null && !url.isBlank()) {
      String user = System.getenv(USER_VARIABLE);
      if (user == null || user.isBlank()) {
        throw new IllegalStateException(URL_VARIABLE + " is set but " + USER_VARIABLE + " is not: set both");
      }
      if (!url.startsWith(JDBC_PREFIX)) {
        throw new IllegalStateException(URL_VARIABLE + " must start with " + JDBC_PREFIX + ", got " + url);
      }
      Server external = new Server("external (" + url + ")", url, user, System.getenv(PASSWORD_VARIABLE));
      external.execute("select 1");
      return external;
    }
    return startEmbedded();
  }

  private static Object startEmbedded() {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          // Durability buys nothing in a throwaway test server and costs time at every commit.
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .start();
      int port = pg.getPort();
      return new Server("embedded (port " + port + ")", JDBC_PREFIX + "localhost:" + port + "/postgres", "postgres",
          null);
    } catch (IOException | RuntimeException e) {
      if (!runningAsRoot()) {
        throw new IllegalStateException("the embedded PostgreSQL did not start; to use a server of your own, set "
            + URL_VARIABLE + " and " + USER_VARIABLE, e);
      }
      String reason = "SKIPPED: the PostgreSQL tests need a PostgreSQL server. The embedded one did not start: "
          + "PostgreSQL refuses to run as root, and running it under 'unshare -U' (a user namespace) failed here: "
          + e + ". Set " + URL_VARIABLE + " (e.g. jdbc:postgresql://127.0.0.1:5432/test) and " + USER_VARIABLE
          + " (e.g. postgres) to run them on a server of your own, or run the build as a user other than root.";
      System.err.println("\n" + "*".repeat(100) + "\n" + reason + "\n" + "*".repeat(100) + "\n");
      return reason;
    }
  }

  /** The URL with its database replaced, keeping hosts, ports and parameters. */
  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String head = query < 0 ? url : url.substring(0, query);
    String params = query < 0 ? "" : url.substring(query);
    int slash = head.indexOf('/', JDBC_PREFIX.length());
    String hosts = slash < 0 ? head : head.substring(0, slash);
    return hosts + "/" + database + params;
  }

  private static boolean runningAsRoot() {
    return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  /** A server to create databases on, through its maintenance URL. */
  private record Server(String description, String adminUrl, String user, @Nullable String password) {
    String url(String database) {
      return withDatabase(adminUrl, database);
    }

    void execute(String sql) {
      Properties props = new Properties();
      props.setProperty("user", user);
      if (password != null) {
        props.setProperty("password", password);
      }
      try (Connection c = DriverManager.getConnection(adminUrl, props); Statement st = c.createStatement()) {
        st.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("on " + description + ": " + sql + ": " + e.getMessage(), e);
      }
    }
  }
}
