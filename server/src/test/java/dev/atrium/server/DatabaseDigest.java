package dev.atrium.server;

import dev.atrium.store.jdbc.schema.DefaultSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A digest of everything the server has stored, table by table, for the security suites: a refused request must
 * leave it identical. Columns that a refused request may legitimately write (a session's last use, say) are left
 * out by name, as {@code table.column}; whole tables by {@code table}.
 */
public final class DatabaseDigest {
  private DatabaseDigest() {}

  /** The digest of each table of the schema, by table name, in name order. */
  public static Map<String, String> of(Atrium atrium, Set<String> ignored) {
    DSLContext dsl = atrium.services().database().dsl();
    Map<String, String> digests = new LinkedHashMap<>();
    DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
        .sorted(Comparator.comparing(Table::getName))
        .filter(table -> !ignored.contains(table.getName()))
        .forEach(table -> digests.put(table.getName(), digest(dsl, table, ignored)));
    return digests;
  }

  private static String digest(DSLContext dsl, Table<?> table, Set<String> ignored) {
    Field<?>[] fields = java.util.Arrays.stream(table.fields())
        .filter(f -> !ignored.contains(table.getName() + "." + f.getName()))
        .toArray(Field<?>[]::new);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Record row : dsl.select(fields).from(table).orderBy(fields).fetch()) {
      sha.update(row.formatCSV(false).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
