package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.schema.Tables.MAIL_OUTBOX;

import dev.atrium.core.mail.MailMessage;
import dev.atrium.core.mail.MailStatus;
import dev.atrium.core.mail.OutboxMail;
import dev.atrium.core.mail.OutboxStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.SelectField;

/** The mail outbox on jOOQ: one row per mail, found by an index on (status, next attempt). */
public final class JdbcOutboxStore implements OutboxStore {
  private static final List<SelectField<?>> COLUMNS = List.of(MAIL_OUTBOX.ID, MAIL_OUTBOX.RECIPIENT,
      MAIL_OUTBOX.SUBJECT, MAIL_OUTBOX.TEXT_BODY, MAIL_OUTBOX.HTML_BODY, MAIL_OUTBOX.STATUS, MAIL_OUTBOX.ATTEMPTS,
      MAIL_OUTBOX.LAST_ERROR, MAIL_OUTBOX.CREATED_AT, MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.SENT_AT);
  private static final List<String> FINISHED = List.of(MailStatus.SENT.name(), MailStatus.FAILED.name(),
      MailStatus.LOCAL.name());

  private final JdbcTransactor tx;

  public JdbcOutboxStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public long insert(MailMessage message, MailStatus status, Instant at) {
    Record r = tx.ctx().insertInto(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.RECIPIENT, message.to())
        .set(MAIL_OUTBOX.SUBJECT, message.subject())
        .set(MAIL_OUTBOX.TEXT_BODY, message.text())
        .set(MAIL_OUTBOX.HTML_BODY, message.html())
        .set(MAIL_OUTBOX.STATUS, status.name())
        .set(MAIL_OUTBOX.ATTEMPTS, 0)
        .set(MAIL_OUTBOX.CREATED_AT, at.toEpochMilli())
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, at.toEpochMilli())
        .returningResult(MAIL_OUTBOX.ID)
        .fetchOne();
    if (r == null) {
      throw new IllegalStateException("the database returned no id for the new mail");
    }
    return r.get(MAIL_OUTBOX.ID);
  }

  @Override
  public Optional<OutboxMail> byId(long id) {
    return tx.ctx().select(COLUMNS).from(MAIL_OUTBOX).where(MAIL_OUTBOX.ID.eq(id))
        .fetchOptional(JdbcOutboxStore::mail);
  }

  @Override
  public List<OutboxMail> due(Instant now, int limit) {
    return tx.ctx().select(COLUMNS).from(MAIL_OUTBOX)
        .where(MAIL_OUTBOX.STATUS.eq(MailStatus.QUEUED.name()), MAIL_OUTBOX.NEXT_ATTEMPT_AT.le(now.toEpochMilli()))
        .orderBy(MAIL_OUTBOX.NEXT_ATTEMPT_AT, MAIL_OUTBOX.ID).limit(limit)
        .fetch(JdbcOutboxStore::mail);
  }

  @Override
  public boolean claim(long id, Instant dueAt, Instant leaseUntil) {
    return tx.ctx().update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.ATTEMPTS, MAIL_OUTBOX.ATTEMPTS.plus(1))
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, leaseUntil.toEpochMilli())
        .where(MAIL_OUTBOX.ID.eq(id), MAIL_OUTBOX.STATUS.eq(MailStatus.QUEUED.name()),
            MAIL_OUTBOX.NEXT_ATTEMPT_AT.eq(dueAt.toEpochMilli()))
        .execute() == 1;
  }

  @Override
  public void markSent(long id, Instant at) {
    tx.ctx().update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.STATUS, MailStatus.SENT.name()).set(MAIL_OUTBOX.SENT_AT, at.toEpochMilli())
        .set(MAIL_OUTBOX.LAST_ERROR, (String) null).where(MAIL_OUTBOX.ID.eq(id)).execute();
  }

  @Override
  public void markRetry(long id, Instant next, String error) {
    tx.ctx().update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, next.toEpochMilli()).set(MAIL_OUTBOX.LAST_ERROR, error)
        .where(MAIL_OUTBOX.ID.eq(id)).execute();
  }

  @Override
  public void markFailed(long id, String error) {
    tx.ctx().update(MAIL_OUTBOX)
        .set(MAIL_OUTBOX.STATUS, MailStatus.FAILED.name()).set(MAIL_OUTBOX.LAST_ERROR, error)
        .where(MAIL_OUTBOX.ID.eq(id)).execute();
  }

  @Override
  public List<OutboxMail> latest(int limit) {
    return tx.ctx().select(COLUMNS).from(MAIL_OUTBOX).orderBy(MAIL_OUTBOX.ID.desc()).limit(limit)
        .fetch(JdbcOutboxStore::mail);
  }

  @Override
  public int deleteFinishedBefore(Instant instant) {
    return tx.ctx().deleteFrom(MAIL_OUTBOX)
        .where(MAIL_OUTBOX.STATUS.in(FINISHED), MAIL_OUTBOX.CREATED_AT.lt(instant.toEpochMilli()))
        .execute();
  }

  private static OutboxMail mail(Record r) {
    return new OutboxMail(r.get(MAIL_OUTBOX.ID),
        new MailMessage(r.get(MAIL_OUTBOX.RECIPIENT), r.get(MAIL_OUTBOX.SUBJECT), r.get(MAIL_OUTBOX.TEXT_BODY),
            r.get(MAIL_OUTBOX.HTML_BODY)),
        MailStatus.valueOf(r.get(MAIL_OUTBOX.STATUS)), r.get(MAIL_OUTBOX.ATTEMPTS), r.get(MAIL_OUTBOX.LAST_ERROR),
        Instant.ofEpochMilli(r.get(MAIL_OUTBOX.CREATED_AT)), Instant.ofEpochMilli(r.get(MAIL_OUTBOX.NEXT_ATTEMPT_AT)),
        instant(r.get(MAIL_OUTBOX.SENT_AT)));
  }
}
