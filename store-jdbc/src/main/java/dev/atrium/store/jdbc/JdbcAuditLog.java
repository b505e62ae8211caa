package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Schema.Audit.*;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The audit log on jOOQ; states are stored as JSON and read back as JSON text. */
public final class JdbcAuditLog implements AuditLog {
  private final JdbcTransactor tx;

  public JdbcAuditLog(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void append(AuditEntry e) {
    tx.ctx().insertInto(T)
        .set(ACTOR_ID, e.actorId()).set(ACTION, e.action()).set(TARGET, e.target())
        .set(BEFORE, json(e.before())).set(AFTER, json(e.after())).set(AT, e.at().toEpochMilli())
        .execute();
  }

  @Override
  public List<AuditEntry> latest(int limit) {
    return tx.ctx().select(ACTOR_ID, ACTION, TARGET, BEFORE, AFTER, AT).from(T).orderBy(ID.desc()).limit(limit).fetch(r -> new AuditEntry(r.get(ACTOR_ID),
        r.get(ACTION), r.get(TARGET), r.get(BEFORE), r.get(AFTER), Instant.ofEpochMilli(r.get(AT))));
  }

  private static @Nullable String json(@Nullable Object state) {
    return state == null ? null : Json.write(state);
  }
}
