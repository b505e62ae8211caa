package dev.atrium.api.atrium;

import dev.atrium.core.mail.MailStatus;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.mail.OutboxMail;
import dev.atrium.core.session.Principal;
import dev.atrium.http.Params;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /atrium/v1/outbox?limit=}: the newest mails of the outbox with their bodies, so that a
 * SUPER_ADMINISTRATOR can read the links and codes when no SMTP server is configured (status LOCAL), and see what
 * failed when one is. Each reading is audited.
 */
final class AtriumOutbox {
  static final int DEFAULT_LIMIT = 50;

  private final Outbox outbox;

  AtriumOutbox(Outbox outbox) {
    this.outbox = outbox;
  }

  /** One mail; times in epoch milliseconds; absent fields are left out. */
  record MailOut(long id, String to, String subject, String text, @Nullable String html, String status, int attempts,
      @Nullable String lastError, long createdAt, @Nullable Long nextAttemptAt, @Nullable Long sentAt) {}

  void list(Context ctx, Principal caller) {
    int limit = Params.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, Outbox.MAX_LIST);
    ctx.json(outbox.latest(caller.user(), limit).stream().map(AtriumOutbox::mail).toList());
  }

  private static MailOut mail(OutboxMail m) {
    boolean queued = m.status() == MailStatus.QUEUED;
    return new MailOut(m.id(), m.message().to(), m.message().subject(), m.message().text(), m.message().html(),
        m.status().name(), m.attempts(), m.lastError(), m.createdAt().toEpochMilli(),
        queued ? m.nextAttemptAt().toEpochMilli() : null, m.sentAt() == null ? null : m.sentAt().toEpochMilli());
  }
}
