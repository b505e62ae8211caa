package dev.atrium.server.hostile;

import dev.atrium.server.Atrium;
import dev.atrium.store.jdbc.schema.DefaultSchema;
import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.api.Trigger;
import org.jooq.DSLContext;
import org.jooq.Table;

/**
 * Counts the rows written to each table of an H2 database (a trigger on every table), so that the hostile suite
 * digests only the tables a request wrote to: a request that wrote nowhere left everything as it was, and one that
 * did is checked table by table with {@link dev.atrium.server.DatabaseDigest}. A rolled-back write counts too; the
 * digest then tells whether anything stayed.
 */
public final class WriteCounter implements Trigger {
  private static final Map<String, AtomicLong> WRITES = new ConcurrentHashMap<>();

  private String table = "";

  /** Puts the trigger on every table of the server's (H2) database. */
  static void install(Atrium atrium) {
    DSLContext dsl = atrium.services().database().dsl();
    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      dsl.execute("create trigger if not exists " + dsl.render(org.jooq.impl.DSL.name("count_" + table.getName()))
          + " after insert, update, delete on " + dsl.render(table) + " for each row call '"
          + WriteCounter.class.getName() + "'");
    }
  }

  /** Rows written so far, by table name (lower case). */
  static Map<String, Long> counts() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    WRITES.forEach((table, n) -> counts.put(table, n.get()));
    return counts;
  }

  @Override
  public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before,
      int type) {
    table = tableName.toLowerCase(Locale.ROOT);
    WRITES.computeIfAbsent(table, t -> new AtomicLong());
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
    WRITES.get(table).incrementAndGet();
  }
}
