package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.USER_CONNECTION;
import static org.jooq.impl.DSL.falseCondition;
import static org.jooq.impl.DSL.or;

import dev.atrium.core.contact.Connection;
import dev.atrium.core.contact.ConnectionStatus;
import dev.atrium.core.contact.ConnectionStore;
import dev.atrium.core.contact.Relation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;

/** Connections on jOOQ: one row per pair of users, keyed by the pair with the smaller id first. */
public final class JdbcConnectionStore implements ConnectionStore {
  private static final List<Field<?>> COLUMNS = List.of(USER_CONNECTION.REQUESTER_ID, USER_CONNECTION.ADDRESSEE_ID,
      USER_CONNECTION.STATUS, USER_CONNECTION.FIRST_REQUESTED_AT, USER_CONNECTION.UPDATED_AT,
      USER_CONNECTION.REQUEST_COUNTER);
  private final JdbcTransactor tx;

  public JdbcConnectionStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Connection> between(long userId, long otherId) {
    return tx.ctx().select(COLUMNS).from(USER_CONNECTION).where(pair(userId, otherId)).fetchOptional()
        .map(JdbcConnectionStore::connection);
  }

  @Override
  public void insert(Connection c) {
    tx.ctx().insertInto(USER_CONNECTION).set(USER_CONNECTION.USER_LO, Math.min(c.requesterId(), c.addresseeId()))
        .set(USER_CONNECTION.USER_HI, Math.max(c.requesterId(), c.addresseeId())).set(values(c)).execute();
  }

  @Override
  public void update(Connection c) {
    tx.ctx().update(USER_CONNECTION).set(values(c)).where(pair(c.requesterId(), c.addresseeId())).execute();
  }

  @Override
  public void delete(long userId, long otherId) {
    tx.ctx().deleteFrom(USER_CONNECTION).where(pair(userId, otherId)).execute();
  }

  @Override
  public List<Connection> of(long userId, Set<Relation> relations, Set<Long> others) {
    List<Condition> wanted = new ArrayList<>();
    for (Relation relation : relations) {
      wanted.add(switch (relation) {
        case PENDING_INCOMING -> USER_CONNECTION.STATUS.eq(ConnectionStatus.PENDING.name())
            .and(USER_CONNECTION.ADDRESSEE_ID.eq(userId));
        case PENDING_OUTGOING -> USER_CONNECTION.STATUS.eq(ConnectionStatus.PENDING.name())
            .and(USER_CONNECTION.REQUESTER_ID.eq(userId));
        case ACCEPTED -> USER_CONNECTION.STATUS.eq(ConnectionStatus.ACCEPTED.name());
        case REJECTED -> USER_CONNECTION.STATUS.eq(ConnectionStatus.REJECTED.name());
      });
    }
    Condition asked = USER_CONNECTION.REQUESTER_ID.eq(userId);
    Condition wasAsked = USER_CONNECTION.ADDRESSEE_ID.eq(userId);
    if (!others.isEmpty()) {
      asked = asked.and(USER_CONNECTION.ADDRESSEE_ID.in(others));
      wasAsked = wasAsked.and(USER_CONNECTION.REQUESTER_ID.in(others));
    }
    Condition where = asked.or(wasAsked).and(wanted.isEmpty() ? falseCondition() : or(wanted));
    return tx.ctx().select(COLUMNS).from(USER_CONNECTION).where(where)
        .orderBy(USER_CONNECTION.UPDATED_AT.desc(), USER_CONNECTION.USER_LO, USER_CONNECTION.USER_HI)
        .fetch(JdbcConnectionStore::connection);
  }

  private static Condition pair(long a, long b) {
    return USER_CONNECTION.USER_LO.eq(Math.min(a, b)).and(USER_CONNECTION.USER_HI.eq(Math.max(a, b)));
  }

  private static Map<Field<?>, Object> values(Connection c) {
    return Map.of(USER_CONNECTION.REQUESTER_ID, c.requesterId(), USER_CONNECTION.ADDRESSEE_ID, c.addresseeId(),
        USER_CONNECTION.STATUS, c.status().name(),
        USER_CONNECTION.FIRST_REQUESTED_AT, c.firstRequestedAt().toEpochMilli(),
        USER_CONNECTION.UPDATED_AT, c.updatedAt().toEpochMilli(),
        USER_CONNECTION.REQUEST_COUNTER, c.requestCounter());
  }

  private static Connection connection(Record r) {
    return new Connection(r.get(USER_CONNECTION.REQUESTER_ID), r.get(USER_CONNECTION.ADDRESSEE_ID),
        ConnectionStatus.valueOf(r.get(USER_CONNECTION.STATUS)),
        Instant.ofEpochMilli(r.get(USER_CONNECTION.FIRST_REQUESTED_AT)),
        Instant.ofEpochMilli(r.get(USER_CONNECTION.UPDATED_AT)), r.get(USER_CONNECTION.REQUEST_COUNTER));
  }
}
