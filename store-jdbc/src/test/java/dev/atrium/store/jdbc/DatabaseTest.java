package dev.atrium.store.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * A test class that runs on one {@link Backend}: it gets a fresh, migrated database for the whole class, and
 * every table is emptied before each test, so a test sees only what it wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseTest {
  /** Every table of the migrations, children before parents, so deleting in this order breaks no reference. */
  static final List<String> TABLES = List.of("guest_link_once", "space_guest", "space_room", "mail_outbox",
      "email_verification", "password_restore", "badge", "social_account", "user_network_state", "space_invite",
      "space_member", "space", "session_device", "user_settings", "user_zaddress", "user_params", "message",
      "room_term", "room_member", "room", "presence_feed", "user_presence", "user_connection", "barrier_policy_group",
      "barrier_policy", "barrier_member", "barrier_group",
      "company_cert", "user_app", "pod_app", "disclaimer", "audit_log", "sessions", "user_delegate",
      "user_feature", "user_key", "user_term", "room_removal", "users", "permission_grant", "api_client",
      "livedigital_key", "livedigital_refresh");

  private final Backend backend;
  private Backend.@Nullable Fresh fresh;
  private @Nullable String unavailable;
  // Opened before every test by openDatabase; a test never runs without them (it is aborted instead).
  @SuppressWarnings("NullAway.Init") Database database;
  @SuppressWarnings("NullAway.Init") JdbcTransactor tx;

  DatabaseTest(Backend backend) {
    this.backend = backend;
  }

  @BeforeAll
  void openDatabase() {
    try {
      fresh = backend.open();
    } catch (TestAbortedException e) {
      // Skip each test rather than the class: the build's summary then counts them as skipped, not as nothing.
      unavailable = e.getMessage();
      return;
    }
    database = fresh.database();
    tx = new JdbcTransactor(database);
  }

  @AfterAll
  void dropDatabase() {
    if (fresh != null) {
      fresh.drop().run();
    }
  }

  @BeforeEach
  void emptyEveryTable() {
    if (unavailable != null) {
      Assumptions.abort(unavailable);
    }
    for (String table : TABLES) {
      // The default space is the schema's, not a test's: it stays, as it does in every real database.
      database.dsl().execute("delete from " + table + (table.equals("space") ? " where id <> 'roomful'" : ""));
    }
  }

  Backend backend() {
    return backend;
  }

  /** Every row of every table, in a stable order: two equal snapshots mean nothing was changed. */
  Map<String, String> snapshot() {
    Map<String, String> rows = new LinkedHashMap<>();
    for (String table : TABLES) {
      rows.put(table, database.dsl().fetch("select * from " + table + " order by 1, 2").formatCSV());
    }
    return rows;
  }
}
