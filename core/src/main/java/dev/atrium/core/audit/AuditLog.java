package dev.atrium.core.audit;

import java.util.List;

/** Append-only record of admin actions; appends join the caller's transaction. */
public interface AuditLog {
  void append(AuditEntry entry);

  /** The newest entries first. */
  List<AuditEntry> latest(int limit);
}
