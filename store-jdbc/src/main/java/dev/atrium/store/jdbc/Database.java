package dev.atrium.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
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
  /** {@link #compact} moves an H2 file's data together once less than this share of it (in %) is live. */
  static final int COMPACT_BELOW = 50;
  /** The most chunk bytes one {@link #compact} moves towards the front of an H2 file. */
  private static final long COMPACT_MOVE_BYTES = 64L * 1024 * 1024;
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
    DefaultConfiguration configuration = new DefaultConfiguration();
    configuration.set(dataSource).set(dialect).set(settings);
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
    return new Database(dataSource, dialect);
  }

  /**
   * The H2 URL with what makes an acknowledged commit survive a crash, unless the URL says otherwise. A database
   * on disk ({@code jdbc:h2:file:/path} or {@code jdbc:h2:/path}) goes through {@link SyncedFilePath}
   * ({@code jdbc:h2:fsync:/path}), so that each write is on the device when it returns; {@code WRITE_DELAY=0}
   * makes H2 write each commit before the statement returns (its default keeps commits in memory for up to
   * 500 ms). {@code REUSE_SPACE=FALSE} makes H2 append each commit at the end of the file: a commit written into
   * free space inside the file where the previous one did not predict it is found by no recovery path (H2 2.5
   * points the file header at the chunk before it), so the last acknowledged commit could be lost by a crash
   * (about 1 in 3,000 under {@code kill -9}, bench/durability.sh); {@link #compact} gives the space back. Another
   * file system prefix ({@code nio:}, {@code split:} ...) opts out of the sync only (such a file survives
   * {@code kill -9}, not a crash of the machine), an explicit {@code WRITE_DELAY} or {@code REUSE_SPACE} keeps its
   * value; in-memory and remote databases are left as they are.
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
    if (!settings.toUpperCase(Locale.ROOT).contains(";REUSE_SPACE=")) {
      settings = settings + ";REUSE_SPACE=FALSE";
    }
    if (name.startsWith(SyncedFilePath.SCHEME + ":")) {
      // H2 finds a file system by its prefix in a registry of its own; registering again replaces the same one.
      FilePath.register(new SyncedFilePath());
    }
    return prefix + name + settings;
  }

  /**
   * Gives the free space of an H2 file that appends every commit ({@code REUSE_SPACE=FALSE}, see
   * {@link #durableH2}) back, once less than {@value #COMPACT_BELOW} % of it is live data: live data is moved to the
   * front and the file cut, for up to {@code limit}. Commits wait meanwhile: the work runs under the store's lock,
   * which is also the only time the file's free space is reused, so no commit is ever written into it; H2 writes
   * and syncs its header at each step of the move. Does nothing on PostgreSQL or any other H2.
   */
  public void compact(Duration limit) {
    if (dialect != SQLDialect.H2) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      if (!(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
        return;
      }
      MVStore store = session.getDatabase().getStore().getMvStore();
      FileStore<?> file = store.getFileStore();
      // The share of the file in chunks, and of the chunks' bytes that is live data: the rest is free space between
      // chunks (once a compaction has let H2 free dead chunks at once) and old versions (until then).
      if (file == null || store.isSpaceReused()
          || Math.min(file.getFillRate(), file.getChunksFillRate()) >= COMPACT_BELOW) {
        return;
      }
      int millis = Math.toIntExact(Math.max(1, limit.toMillis()));
      store.executeFilestoreOperation(() -> {
        store.setReuseSpace(true);
        try {
          // Rewrites sparse chunks and moves chunks to the front, for as long as chunks are less than 90 % live.
          store.compactFile(millis);
          if (file instanceof RandomAccessStore chunks) {
            // Once they are (H2 frees dead chunks at once after a first compaction), the file can still be mostly
            // free space between chunks: move chunks into it and cut the file.
            chunks.compactMoveChunks(COMPACT_BELOW, COMPACT_MOVE_BYTES, store);
          }
        } finally {
          store.setReuseSpace(false);
        }
      });
    } catch (SQLException e) {
      throw new DataAccessException("compacting the database file failed", e);
    }
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
