package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;

import dev.atrium.core.message.Message;
import dev.atrium.core.message.MessageStore;
import dev.atrium.store.jdbc.Schema.Messages;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;

/** Messages on jOOQ: one row each, read by an index on (room, sent time, id). */
public final class JdbcMessageStore implements MessageStore {
  private static final List<SelectField<?>> COLUMNS = List.of(Messages.ID, Messages.ROOM_ID, Messages.SENDER_ID,
      Messages.MESSAGE_ML, Messages.PLAIN_TEXT, Messages.DATA_JSON, Messages.SENT_AT, Messages.SUPPRESSED,
      Messages.SUPPRESSED_AT);

  private final JdbcTransactor tx;

  public JdbcMessageStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  private DSLContext ctx() {
    return tx.ctx();
  }

  @Override
  public void insert(Message m) {
    ctx().insertInto(Messages.T)
        .set(Messages.ID, m.id())
        .set(Messages.ROOM_ID, m.roomId())
        .set(Messages.SENDER_ID, m.senderId())
        .set(Messages.MESSAGE_ML, m.messageMl())
        .set(Messages.PLAIN_TEXT, m.text())
        .set(Messages.DATA_JSON, m.data())
        .set(Messages.SENT_AT, m.sentAt().toEpochMilli())
        .set(Messages.SUPPRESSED, m.suppressed())
        .set(Messages.SUPPRESSED_AT, millis(m.suppressedAt()))
        .execute();
  }

  @Override
  public Optional<Message> byId(String id) {
    return ctx().select(COLUMNS).from(Messages.T).where(Messages.ID.eq(id)).fetchOptional(JdbcMessageStore::message);
  }

  @Override
  public Optional<Message> lock(String id) {
    return ctx().select(COLUMNS).from(Messages.T).where(Messages.ID.eq(id)).forUpdate()
        .fetchOptional(JdbcMessageStore::message);
  }

  @Override
  public void suppress(String id, Instant at) {
    ctx().update(Messages.T).set(Messages.SUPPRESSED, true).set(Messages.SUPPRESSED_AT, at.toEpochMilli())
        .where(Messages.ID.eq(id)).execute();
  }

  @Override
  public List<Message> visible(String roomId, Instant since, int skip, int limit) {
    return ctx().select(COLUMNS).from(Messages.T)
        .where(Messages.ROOM_ID.eq(roomId), Messages.SENT_AT.ge(since.toEpochMilli()), Messages.SUPPRESSED.isFalse())
        .orderBy(Messages.SENT_AT, Messages.ID).offset(skip).limit(limit)
        .fetch(JdbcMessageStore::message);
  }

  private static Message message(Record r) {
    return new Message(r.get(Messages.ID), r.get(Messages.ROOM_ID), r.get(Messages.SENDER_ID),
        r.get(Messages.MESSAGE_ML), r.get(Messages.PLAIN_TEXT), r.get(Messages.DATA_JSON),
        Instant.ofEpochMilli(r.get(Messages.SENT_AT)), r.get(Messages.SUPPRESSED),
        instant(r.get(Messages.SUPPRESSED_AT)));
  }
}
