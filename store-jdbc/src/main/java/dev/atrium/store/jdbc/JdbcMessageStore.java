package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;
import static dev.atrium.store.jdbc.schema.Tables.MESSAGE;

import dev.atrium.core.message.Message;
import dev.atrium.core.message.MessageStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectField;

/** Messages on jOOQ: one row each, read by an index on (room, sent time, id). */
public final class JdbcMessageStore implements MessageStore {
  private static final List<SelectField<?>> COLUMNS = List.of(MESSAGE.ID, MESSAGE.ROOM_ID, MESSAGE.SENDER_ID,
      MESSAGE.MESSAGE_ML, MESSAGE.PLAIN_TEXT, MESSAGE.DATA_JSON, MESSAGE.SENT_AT, MESSAGE.SUPPRESSED,
      MESSAGE.SUPPRESSED_AT);

  private final JdbcTransactor tx;

  public JdbcMessageStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  private DSLContext ctx() {
    return tx.ctx();
  }

  @Override
  public void insert(Message m) {
    ctx().insertInto(MESSAGE)
        .set(MESSAGE.ID, m.id())
        .set(MESSAGE.ROOM_ID, m.roomId())
        .set(MESSAGE.SENDER_ID, m.senderId())
        .set(MESSAGE.MESSAGE_ML, m.messageMl())
        .set(MESSAGE.PLAIN_TEXT, m.text())
        .set(MESSAGE.DATA_JSON, m.data())
        .set(MESSAGE.SENT_AT, m.sentAt().toEpochMilli())
        .set(MESSAGE.SUPPRESSED, m.suppressed())
        .set(MESSAGE.SUPPRESSED_AT, millis(m.suppressedAt()))
        .execute();
  }

  @Override
  public Optional<Message> byId(String id) {
    return ctx().select(COLUMNS).from(MESSAGE).where(MESSAGE.ID.eq(id)).fetchOptional(JdbcMessageStore::message);
  }

  @Override
  public Optional<Message> lock(String id) {
    return ctx().select(COLUMNS).from(MESSAGE).where(MESSAGE.ID.eq(id)).forUpdate()
        .fetchOptional(JdbcMessageStore::message);
  }

  @Override
  public void suppress(String id, Instant at) {
    ctx().update(MESSAGE).set(MESSAGE.SUPPRESSED, true).set(MESSAGE.SUPPRESSED_AT, at.toEpochMilli())
        .where(MESSAGE.ID.eq(id)).execute();
  }

  @Override
  public int countVisible(String roomId) {
    return ctx().fetchCount(MESSAGE, MESSAGE.ROOM_ID.eq(roomId), MESSAGE.SUPPRESSED.isFalse());
  }

  @Override
  public List<Message> visible(String roomId, Instant since, int skip, int limit) {
    return ctx().select(COLUMNS).from(MESSAGE)
        .where(MESSAGE.ROOM_ID.eq(roomId), MESSAGE.SENT_AT.ge(since.toEpochMilli()), MESSAGE.SUPPRESSED.isFalse())
        .orderBy(MESSAGE.SENT_AT, MESSAGE.ID).offset(skip).limit(limit)
        .fetch(JdbcMessageStore::message);
  }

  private static Message message(Record r) {
    return new Message(r.get(MESSAGE.ID), r.get(MESSAGE.ROOM_ID), r.get(MESSAGE.SENDER_ID),
        r.get(MESSAGE.MESSAGE_ML), r.get(MESSAGE.PLAIN_TEXT), r.get(MESSAGE.DATA_JSON),
        Instant.ofEpochMilli(r.get(MESSAGE.SENT_AT)), r.get(MESSAGE.SUPPRESSED),
        instant(r.get(MESSAGE.SUPPRESSED_AT)));
  }
}
