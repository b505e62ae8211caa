package dev.atrium.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.h2.store.fs.FilePath;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The connection pool, the migrated schema and the jOOQ context for one database: H2 (embedded) or
 * PostgreSQL, told apart by the JDBC URL.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final SQLDialect dialect;

  private Database(HikariDataSource dataSource, SQLDialect dialect, boolean serialCommits) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    // Unquoted names fold the same way in the migrations and in the queries, on both databases.
    Settings settings = new Settings()
        .withRenderQuotedNames(RenderQuotedNames.NEVER)
        .withExecuteLogging(false)
        .withRenderSchema(false);
    DefaultConfiguration configuration = new DefaultConfiguration();
    configuration.set(dataSource).set(dialect).set(settings);
    if (serialCommits) {
      configuration.set(new SerialCommits(configuration.transactionProvider()));
    }
    this.dsl = DSL.using(configuration
        // Each statement's driver error becomes a domain error where it happens, in a transaction or not.
        .set(ExecuteListener.onException(ctx -> {
          if (ctx.exception() instanceof DataAccessException e) {
            RuntimeException translated = JdbcTransactor.translate(e);
            if (translated != e) {
              ctx.exception(translated);
            }
          }
        })));
  }

  /** Opens the database at the URL, migrates its schema, and returns it ready for use. */
  public static Database open(String url, @Nullable String user, @Nullable String password, int poolSize) {
    SQLDialect dialect = url.startsWith("jdbc:postgresql:") ? SQLDialect.POSTGRES
        : url.startsWith("jdbc:h2:") ? SQLDialect.H2 : null;
    if (dialect == null) {
      throw new IllegalArgumentException("database URL must start with jdbc:h2: or jdbc:postgresql:, got " + url);
    }
    if (dialect == SQLDialect.H2 && !url.toUpperCase(Locale.ROOT).contains("DATABASE_TO_LOWER")) {
      // Fold unquoted names to lower case, as PostgreSQL does, so both report the same column names.
      url = url + ";DATABASE_TO_LOWER=TRUE";
    }
    if (dialect == SQLDialect.H2) {
      url = durableH2(url);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (password != null) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("atrium");
    config.setAutoCommit(true);
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      // db/postgresql holds what only PostgreSQL needs (outside db/migration, which Flyway scans recursively).
      String[] locations = dialect == SQLDialect.POSTGRES
          ? new String[] {"classpath:db/migration", "classpath:db/postgresql"}
          : new String[] {"classpath:db/migration"};
      Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    return new Database(dataSource, dialect, url.startsWith("jdbc:h2:" + SyncedFilePath.SCHEME + ":"));
  }

  /**
   * The H2 URL with what makes an acknowledged commit survive a crash, unless the URL says otherwise. A database
   * on disk ({@code jdbc:h2:file:/path} or {@code jdbc:h2:/path}) goes through {@link SyncedFilePath}
   * ({@code jdbc:h2:fsync:/path}), so that each write is on the device when it returns; {@code WRITE_DELAY=0}
   * makes H2 write each commit before the statement returns (its default keeps commits in memory for up to
   * 500 ms). Another file system prefix ({@code nio:}, {@code split:} ...) opts out of the sync, an explicit
   * {@code WRITE_DELAY} keeps its value; in-memory and remote databases are left as they are.
   */
  static String durableH2(String url) {
    String prefix = "jdbc:h2:";
    int end = url.indexOf(';');
    String name = url.substring(prefix.length(), end < 0 ? url.length() : end);
    String settings = end < 0 ? "" : url.substring(end);
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
      return url;
    }
    if (lower.startsWith("file:")) {
      name = SyncedFilePath.SCHEME + ":" + name.substring("file:".length());
    } else if (name.indexOf(':') < 2) {
      // No file system prefix (a one-letter one is a Windows drive): H2's default disk file system.
      name = SyncedFilePath.SCHEME + ":" + name;
    }
    if (!settings.toUpperCase(Locale.ROOT).contains(";WRITE_DELAY=")) {
      settings = settings + ";WRITE_DELAY=0";
    }
    if (name.startsWith(SyncedFilePath.SCHEME + ":")) {
      // H2 finds a file system by its prefix in a registry of its own; registering again replaces the same one.
      FilePath.register(new SyncedFilePath());
    }
    return prefix + name + settings;
  }

  /** An H2 database file under the directory. */
  public static String h2FileUrl(java.nio.file.Path directory) {
    return "jdbc:h2:file:" + directory.toAbsolutePath().resolve("atrium") + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  public DSLContext dsl() {
    return dsl;
  }

  public SQLDialect dialect() {
    return dialect;
  }

  /** Whether the database answers a trivial query within a second. */
  public boolean healthy() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }

  public String product() {
    return dialect == SQLDialect.POSTGRES ? "postgresql" : "h2";
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
