package dev.atrium.server;

import dev.atrium.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The real server on port 0 with a fresh in-memory H2 database and data directory, for tests that talk to
 * it over the wire. The administrator's password is {@link #ADMIN_PASSWORD}; hashing is cheap; failed logins never
 * wait unless the test sets {@code ATRIUM_LOGIN_LIMITS}.
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_EMAIL = "admin@atrium.test";
  public static final String ADMIN_PASSWORD = "admin-password-1";

  private final Atrium atrium;
  private final Path dataDir;

  private TestServer(Atrium atrium, Path dataDir) {
    this.atrium = atrium;
    this.dataDir = dataDir;
  }

  /** The settings that put a server on the database: none for the default in-memory H2. */
  public static Map<String, String> databaseSettings(@Nullable TestDatabase db) {
    Map<String, String> values = new HashMap<>();
    if (db != null) {
      values.put("ATRIUM_DB_URL", db.url());
      values.put("ATRIUM_DB_USER", db.user());
      if (db.password() != null) {
        values.put("ATRIUM_DB_PASSWORD", db.password());
      }
    }
    return values;
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /** Starts with extra settings (environment variable names) over the test defaults. */
  public static TestServer start(Map<String, String> overrides) {
    return start(overrides, InstantSource.system());
  }

  /** Starts with extra settings and the clock every expiry reads (a {@code FakeClock} the test moves). */
  public static TestServer start(Map<String, String> overrides, InstantSource clock) {
    try {
      Path dataDir = Files.createTempDirectory("atrium-test-");
      Map<String, String> values = new HashMap<>();
      values.put("ATRIUM_PORT", "0");
      values.put("ATRIUM_HOST", "127.0.0.1");
      values.put("ATRIUM_DATA_DIR", dataDir.toString());
      values.put("ATRIUM_DB_URL", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
      values.put("ATRIUM_ADMIN_EMAIL", ADMIN_EMAIL);
      values.put("ATRIUM_ADMIN_PASSWORD", ADMIN_PASSWORD);
      values.put("ATRIUM_PASSWORD_HASH", "m=64,t=1,p=1");
      values.put("ATRIUM_POD_ID", "103");
      // Many test classes share a server and sign in wrongly on purpose from one address: login protection waits
      // only where a test asks for it (LoginProtectionTest sets its own limits).
      values.put("ATRIUM_LOGIN_LIMITS", "account=1000000,address=1000000");
      values.putAll(overrides);
      return new TestServer(Atrium.start(Config.from(values), clock), dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return atrium.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public Atrium atrium() {
    return atrium;
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    atrium.close();
  }
}
