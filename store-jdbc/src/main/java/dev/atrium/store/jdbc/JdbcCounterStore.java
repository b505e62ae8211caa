package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.ROOM;
import static dev.atrium.store.jdbc.schema.Tables.ROOM_MEMBER;
import static dev.atrium.store.jdbc.schema.Tables.USER_CONNECTION;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;

import dev.atrium.core.contact.ConnectionStatus;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.user.CounterStore;
import dev.atrium.core.user.UserCounters;
import org.jooq.Field;

/**
 * The counters of {@link UserCounters} in one statement of four scalar subqueries, each an index lookup: the
 * user's memberships by {@code room_member_user_ix} joined to rooms by key, and the connections by the
 * requester and addressee indexes.
 */
public final class JdbcCounterStore implements CounterStore {
  private final JdbcTransactor tx;

  public JdbcCounterStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public UserCounters counters(long userId) {
    Field<Integer> publicRooms = field(select(count()).from(ROOM_MEMBER)
        .join(ROOM).on(ROOM.ID.eq(ROOM_MEMBER.ROOM_ID))
        .where(ROOM_MEMBER.USER_ID.eq(userId), ROOM_MEMBER.LEFT_AT.isNull(), ROOM.KIND.eq(RoomKind.ROOM.name()),
            ROOM.IS_PUBLIC.isTrue(), ROOM.ACTIVE.isTrue()));
    String accepted = ConnectionStatus.ACCEPTED.name();
    String pending = ConnectionStatus.PENDING.name();
    // Two lookups rather than one OR: each side of the pair has its own index.
    Field<Integer> acceptedAsked = field(select(count()).from(USER_CONNECTION)
        .where(USER_CONNECTION.REQUESTER_ID.eq(userId), USER_CONNECTION.STATUS.eq(accepted)));
    Field<Integer> acceptedAnswered = field(select(count()).from(USER_CONNECTION)
        .where(USER_CONNECTION.ADDRESSEE_ID.eq(userId), USER_CONNECTION.STATUS.eq(accepted)));
    Field<Integer> incoming = field(select(count()).from(USER_CONNECTION)
        .where(USER_CONNECTION.ADDRESSEE_ID.eq(userId), USER_CONNECTION.STATUS.eq(pending)));
    Field<Integer> outgoing = field(select(count()).from(USER_CONNECTION)
        .where(USER_CONNECTION.REQUESTER_ID.eq(userId), USER_CONNECTION.STATUS.eq(pending)));
    var r = tx.ctx().select(publicRooms, acceptedAsked, acceptedAnswered, incoming, outgoing).fetchSingle();
    return UserCounters.of(r.value1(), r.value2() + r.value3(), r.value4(), r.value5());
  }
}
