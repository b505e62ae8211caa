package dev.atrium.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
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

  private Database(HikariDataSource dataSource, SQLDialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    // Unquoted names fold the same way in the migrations and in the queries, on both databases.
    Settings settings = new Settings()
        .withRenderQuotedNames(RenderQuotedNames.NEVER)
        .withExecuteLogging(false)
        .withRenderSchema(false);
    this.dsl = DSL.using(new DefaultConfiguration().set(dataSource).set(dialect).set(settings)
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
    if (dialect == SQLDialect.H2 && !url.toUpperCase(java.util.Locale.ROOT).contains("DATABASE_TO_LOWER")) {
      // Fold unquoted names to lower case, as PostgreSQL does, so both report the same column names.
      url = url + ";DATABASE_TO_LOWER=TRUE";
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
    return new Database(dataSource, dialect);
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
