package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.AUDIT_LOG;

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
    tx.ctx().insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ACTOR_ID, e.actorId()).set(AUDIT_LOG.ACTION, e.action()).set(AUDIT_LOG.TARGET, e.target())
        .set(AUDIT_LOG.BEFORE_STATE, json(e.before())).set(AUDIT_LOG.AFTER_STATE, json(e.after()))
        .set(AUDIT_LOG.AT_MS, e.at().toEpochMilli())
        .execute();
  }

  @Override
  public List<AuditEntry> latest(int limit) {
    return tx.ctx().select(AUDIT_LOG.ACTOR_ID, AUDIT_LOG.ACTION, AUDIT_LOG.TARGET, AUDIT_LOG.BEFORE_STATE,
        AUDIT_LOG.AFTER_STATE, AUDIT_LOG.AT_MS).from(AUDIT_LOG).orderBy(AUDIT_LOG.ID.desc()).limit(limit)
        .fetch(r -> new AuditEntry(r.get(AUDIT_LOG.ACTOR_ID), r.get(AUDIT_LOG.ACTION), r.get(AUDIT_LOG.TARGET),
            r.get(AUDIT_LOG.BEFORE_STATE), r.get(AUDIT_LOG.AFTER_STATE), Instant.ofEpochMilli(r.get(AUDIT_LOG.AT_MS))));
  }

  private static @Nullable String json(@Nullable Object state) {
    return state == null ? null : Json.write(state);
  }
}
