package dev.atrium.core.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One admin action: who did what to which target, with the state before and after. The states are model
 * values (records, lists, maps); the audit log stores them as JSON and reads them back as JSON text.
 */
public record AuditEntry(
    long actorId, String action, String target, @Nullable Object before, @Nullable Object after, Instant at) {}
