package dev.atrium.core.mail;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A mail of the outbox and its delivery so far: how many attempts were made, the last error, and when the
 * next attempt is due (for a QUEUED mail).
 */
public record OutboxMail(
    long id,
    MailMessage message,
    MailStatus status,
    int attempts,
    @Nullable String lastError,
    Instant createdAt,
    Instant nextAttemptAt,
    @Nullable Instant sentAt) {}
