package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;

import dev.atrium.core.mail.MailMessage;
import dev.atrium.core.mail.MailStatus;
import dev.atrium.core.mail.OutboxMail;
import dev.atrium.core.mail.OutboxStore;
import dev.atrium.store.jdbc.Schema.Outbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.SelectField;

/** The mail outbox on jOOQ: one row per mail, found by an index on (status, next attempt). */
public final class JdbcOutboxStore implements OutboxStore {
  private static final List<SelectField<?>> COLUMNS = List.of(Outbox.ID, Outbox.RECIPIENT, Outbox.SUBJECT,
      Outbox.TEXT_BODY, Outbox.HTML_BODY, Outbox.STATUS, Outbox.ATTEMPTS, Outbox.LAST_ERROR, Outbox.CREATED_AT,
      Outbox.NEXT_ATTEMPT_AT, Outbox.SENT_AT);
  private static final List<String> FINISHED = List.of(MailStatus.SENT.name(), MailStatus.FAILED.name(),
      MailStatus.LOCAL.name());

  private final JdbcTransactor tx;

  public JdbcOutboxStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public long insert(MailMessage message, MailStatus status, Instant at) {
    Record r = tx.ctx().insertInto(Outbox.T)
        .set(Outbox.RECIPIENT, message.to())
        .set(Outbox.SUBJECT, message.subject())
        .set(Outbox.TEXT_BODY, message.text())
        .set(Outbox.HTML_BODY, message.html())
        .set(Outbox.STATUS, status.name())
        .set(Outbox.ATTEMPTS, 0)
        .set(Outbox.CREATED_AT, at.toEpochMilli())
        .set(Outbox.NEXT_ATTEMPT_AT, at.toEpochMilli())
        .returningResult(Outbox.ID)
        .fetchOne();
    if (r == null) {
      throw new IllegalStateException("the database returned no id for the new mail");
    }
    return r.get(Outbox.ID);
  }

  @Override
  public Optional<OutboxMail> byId(long id) {
    return tx.ctx().select(COLUMNS).from(Outbox.T).where(Outbox.ID.eq(id)).fetchOptional(JdbcOutboxStore::mail);
  }

  @Override
  public List<OutboxMail> due(Instant now, int limit) {
    return tx.ctx().select(COLUMNS).from(Outbox.T)
        .where(Outbox.STATUS.eq(MailStatus.QUEUED.name()), Outbox.NEXT_ATTEMPT_AT.le(now.toEpochMilli()))
        .orderBy(Outbox.NEXT_ATTEMPT_AT, Outbox.ID).limit(limit)
        .fetch(JdbcOutboxStore::mail);
  }

  @Override
  public boolean claim(long id, Instant dueAt, Instant leaseUntil) {
    return tx.ctx().update(Outbox.T)
        .set(Outbox.ATTEMPTS, Outbox.ATTEMPTS.plus(1))
        .set(Outbox.NEXT_ATTEMPT_AT, leaseUntil.toEpochMilli())
        .where(Outbox.ID.eq(id), Outbox.STATUS.eq(MailStatus.QUEUED.name()),
            Outbox.NEXT_ATTEMPT_AT.eq(dueAt.toEpochMilli()))
        .execute() == 1;
  }

  @Override
  public void markSent(long id, Instant at) {
    tx.ctx().update(Outbox.T).set(Outbox.STATUS, MailStatus.SENT.name()).set(Outbox.SENT_AT, at.toEpochMilli())
        .set(Outbox.LAST_ERROR, (String) null).where(Outbox.ID.eq(id)).execute();
  }

  @Override
  public void markRetry(long id, Instant next, String error) {
    tx.ctx().update(Outbox.T).set(Outbox.NEXT_ATTEMPT_AT, next.toEpochMilli()).set(Outbox.LAST_ERROR, error)
        .where(Outbox.ID.eq(id)).execute();
  }

  @Override
  public void markFailed(long id, String error) {
    tx.ctx().update(Outbox.T).set(Outbox.STATUS, MailStatus.FAILED.name()).set(Outbox.LAST_ERROR, error)
        .where(Outbox.ID.eq(id)).execute();
  }

  @Override
  public List<OutboxMail> latest(int limit) {
    return tx.ctx().select(COLUMNS).from(Outbox.T).orderBy(Outbox.ID.desc()).limit(limit)
        .fetch(JdbcOutboxStore::mail);
  }

  @Override
  public int deleteFinishedBefore(Instant instant) {
    return tx.ctx().deleteFrom(Outbox.T)
        .where(Outbox.STATUS.in(FINISHED), Outbox.CREATED_AT.lt(instant.toEpochMilli()))
        .execute();
  }

  private static OutboxMail mail(Record r) {
    return new OutboxMail(r.get(Outbox.ID),
        new MailMessage(r.get(Outbox.RECIPIENT), r.get(Outbox.SUBJECT), r.get(Outbox.TEXT_BODY),
            r.get(Outbox.HTML_BODY)),
        MailStatus.valueOf(r.get(Outbox.STATUS)), r.get(Outbox.ATTEMPTS), r.get(Outbox.LAST_ERROR),
        Instant.ofEpochMilli(r.get(Outbox.CREATED_AT)), Instant.ofEpochMilli(r.get(Outbox.NEXT_ATTEMPT_AT)),
        instant(r.get(Outbox.SENT_AT)));
  }
}
