package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Schema.Badges.*;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import dev.atrium.core.badge.Badge;
import dev.atrium.core.badge.BadgeStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Badges on jOOQ; a type's page reads {@code badge_type_ix} in (created_at, id) order. */
public final class JdbcBadgeStore implements BadgeStore {
  private static final List<Field<?>> COLUMNS = List.of(ID, USER_ID, BADGE_TYPE, DATA_JSON, CREATED_AT, UPDATED_AT);
  private final JdbcTransactor tx;

  public JdbcBadgeStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Badge b) {
    tx.ctx().insertInto(T).set(ID, b.id()).set(USER_ID, b.userId()).set(BADGE_TYPE, b.badgeType())
        .set(DATA_JSON, Json.writeData(b.data())).set(CREATED_AT, b.createdAt().toEpochMilli())
        .set(UPDATED_AT, b.updatedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void update(Badge b) {
    tx.ctx().update(T).set(DATA_JSON, Json.writeData(b.data())).set(UPDATED_AT, b.updatedAt().toEpochMilli())
        .where(ID.eq(b.id())).execute();
  }

  @Override
  public Optional<Badge> byId(String id) {
    return tx.ctx().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(JdbcBadgeStore::badge);
  }

  @Override
  public Optional<Badge> of(long userId, String badgeType) {
    return tx.ctx().select(COLUMNS).from(T).where(USER_ID.eq(userId), BADGE_TYPE.eq(badgeType))
        .fetchOptional(JdbcBadgeStore::badge);
  }

  @Override
  public List<Badge> ofUser(long userId) {
    return tx.ctx().select(COLUMNS).from(T).where(USER_ID.eq(userId)).orderBy(CREATED_AT, ID)
        .fetch(JdbcBadgeStore::badge);
  }

  @Override
  public boolean delete(String id) {
    return tx.ctx().deleteFrom(T).where(ID.eq(id)).execute() == 1;
  }

  @Override
  public List<Badge> ofType(String badgeType, int offset, int limit) {
    return tx.ctx().select(COLUMNS).from(T).where(BADGE_TYPE.eq(badgeType)).orderBy(CREATED_AT, ID)
        .offset(offset).limit(limit).fetch(JdbcBadgeStore::badge);
  }

  @Override
  public int move(long fromUserId, long intoUserId) {
    // The types both hold stay with into: from's badge of such a type goes.
    var held = table(name("badge")).as("held");
    Field<Long> heldUser = field(name("held", "user_id"), Long.class);
    Field<String> heldType = field(name("held", "badge_type"), String.class);
    int moved = tx.ctx().update(T).set(USER_ID, intoUserId)
        .where(USER_ID.eq(fromUserId),
            notExists(selectOne().from(held).where(heldUser.eq(intoUserId),
                heldType.eq(field(name("badge", "badge_type"), String.class)))))
        .execute();
    tx.ctx().deleteFrom(T).where(USER_ID.eq(fromUserId)).execute();
    return moved;
  }

  private static Badge badge(Record r) {
    return new Badge(r.get(ID), r.get(USER_ID), r.get(BADGE_TYPE), Json.readData(r.get(DATA_JSON)),
        Instant.ofEpochMilli(r.get(CREATED_AT)), Instant.ofEpochMilli(r.get(UPDATED_AT)));
  }
}
