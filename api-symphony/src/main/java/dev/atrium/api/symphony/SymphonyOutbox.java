package dev.atrium.api.symphony;

import dev.atrium.core.mail.MailStatus;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.mail.OutboxMail;
import dev.atrium.core.user.User;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * Atrium's own admin call beside the pod API: the newest mails of the outbox with their bodies, so that an
 * administrator can read the links and codes when no SMTP server is configured (status LOCAL), and see what
 * failed when one is.
 */
final class SymphonyOutbox {
  static final int DEFAULT_LIMIT = 50;

  private final Outbox outbox;
  private final Requests requests;

  SymphonyOutbox(Outbox outbox, Requests requests) {
    this.outbox = outbox;
    this.requests = requests;
  }

  /** One mail; times in epoch milliseconds; absent fields are left out. */
  record MailOut(long id, String to, String subject, String text, @Nullable String html, String status, int attempts,
      @Nullable String lastError, long createdAt, @Nullable Long nextAttemptAt, @Nullable Long sentAt) {}

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/pod/v1/admin/atrium/outbox", this::list);
  }

  private void list(Context ctx) {
    User actor = requests.admin(ctx);
    int limit = Requests.intQuery(ctx, "limit", DEFAULT_LIMIT, 1, Outbox.MAX_LIST);
    ctx.json(outbox.latest(actor, limit).stream().map(SymphonyOutbox::mail).toList());
  }

  private static MailOut mail(OutboxMail m) {
    boolean queued = m.status() == MailStatus.QUEUED;
    return new MailOut(m.id(), m.message().to(), m.message().subject(), m.message().text(), m.message().html(),
        m.status().name(), m.attempts(), m.lastError(), m.createdAt().toEpochMilli(),
        queued ? m.nextAttemptAt().toEpochMilli() : null, m.sentAt() == null ? null : m.sentAt().toEpochMilli());
  }
}
