package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Schema.Connections.*;
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
  private static final List<Field<?>> COLUMNS = List.of(REQUESTER_ID, ADDRESSEE_ID, STATUS, FIRST_REQUESTED_AT,
      UPDATED_AT, REQUEST_COUNTER);
  private final JdbcTransactor tx;

  public JdbcConnectionStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<Connection> between(long userId, long otherId) {
    return tx.ctx().select(COLUMNS).from(T).where(pair(userId, otherId)).fetchOptional()
        .map(JdbcConnectionStore::connection);
  }

  @Override
  public void insert(Connection c) {
    tx.ctx().insertInto(T).set(USER_LO, Math.min(c.requesterId(), c.addresseeId()))
        .set(USER_HI, Math.max(c.requesterId(), c.addresseeId())).set(values(c)).execute();
  }

  @Override
  public void update(Connection c) {
    tx.ctx().update(T).set(values(c)).where(pair(c.requesterId(), c.addresseeId())).execute();
  }

  @Override
  public void delete(long userId, long otherId) {
    tx.ctx().deleteFrom(T).where(pair(userId, otherId)).execute();
  }

  @Override
  public List<Connection> of(long userId, Set<Relation> relations, Set<Long> others) {
    List<Condition> wanted = new ArrayList<>();
    for (Relation relation : relations) {
      wanted.add(switch (relation) {
        case PENDING_INCOMING -> STATUS.eq(ConnectionStatus.PENDING.name()).and(ADDRESSEE_ID.eq(userId));
        case PENDING_OUTGOING -> STATUS.eq(ConnectionStatus.PENDING.name()).and(REQUESTER_ID.eq(userId));
        case ACCEPTED -> STATUS.eq(ConnectionStatus.ACCEPTED.name());
        case REJECTED -> STATUS.eq(ConnectionStatus.REJECTED.name());
      });
    }
    Condition asked = REQUESTER_ID.eq(userId);
    Condition wasAsked = ADDRESSEE_ID.eq(userId);
    if (!others.isEmpty()) {
      asked = asked.and(ADDRESSEE_ID.in(others));
      wasAsked = wasAsked.and(REQUESTER_ID.in(others));
    }
    Condition where = asked.or(wasAsked).and(wanted.isEmpty() ? falseCondition() : or(wanted));
    return tx.ctx().select(COLUMNS).from(T).where(where).orderBy(UPDATED_AT.desc(), USER_LO, USER_HI)
        .fetch(JdbcConnectionStore::connection);
  }

  private static Condition pair(long a, long b) {
    return USER_LO.eq(Math.min(a, b)).and(USER_HI.eq(Math.max(a, b)));
  }

  private static Map<Field<?>, Object> values(Connection c) {
    return Map.of(REQUESTER_ID, c.requesterId(), ADDRESSEE_ID, c.addresseeId(), STATUS, c.status().name(),
        FIRST_REQUESTED_AT, c.firstRequestedAt().toEpochMilli(), UPDATED_AT, c.updatedAt().toEpochMilli(),
        REQUEST_COUNTER, c.requestCounter());
  }

  private static Connection connection(Record r) {
    return new Connection(r.get(REQUESTER_ID), r.get(ADDRESSEE_ID), ConnectionStatus.valueOf(r.get(STATUS)),
        Instant.ofEpochMilli(r.get(FIRST_REQUESTED_AT)), Instant.ofEpochMilli(r.get(UPDATED_AT)),
        r.get(REQUEST_COUNTER));
  }
}
