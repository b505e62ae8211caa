package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.BADGE;
import static org.jooq.impl.DSL.notExists;
import static org.jooq.impl.DSL.selectOne;

import dev.atrium.core.badge.Badge;
import dev.atrium.core.badge.BadgeStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Badges on jOOQ; a type's page reads {@code badge_type_ix} in (created_at, id) order. */
public final class JdbcBadgeStore implements BadgeStore {
  private static final List<Field<?>> COLUMNS = List.of(BADGE.ID, BADGE.USER_ID, BADGE.BADGE_TYPE, BADGE.DATA_JSON,
      BADGE.CREATED_AT, BADGE.UPDATED_AT);
  private final JdbcTransactor tx;

  public JdbcBadgeStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Badge b) {
    tx.ctx().insertInto(BADGE)
        .set(BADGE.ID, b.id()).set(BADGE.USER_ID, b.userId()).set(BADGE.BADGE_TYPE, b.badgeType())
        .set(BADGE.DATA_JSON, Json.writeData(b.data())).set(BADGE.CREATED_AT, b.createdAt().toEpochMilli())
        .set(BADGE.UPDATED_AT, b.updatedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void update(Badge b) {
    tx.ctx().update(BADGE)
        .set(BADGE.DATA_JSON, Json.writeData(b.data())).set(BADGE.UPDATED_AT, b.updatedAt().toEpochMilli())
        .where(BADGE.ID.eq(b.id())).execute();
  }

  @Override
  public Optional<Badge> byId(String id) {
    return tx.ctx().select(COLUMNS).from(BADGE).where(BADGE.ID.eq(id)).fetchOptional(JdbcBadgeStore::badge);
  }

  @Override
  public Optional<Badge> of(long userId, String badgeType) {
    return tx.ctx().select(COLUMNS).from(BADGE).where(BADGE.USER_ID.eq(userId), BADGE.BADGE_TYPE.eq(badgeType))
        .fetchOptional(JdbcBadgeStore::badge);
  }

  @Override
  public List<Badge> ofUser(long userId) {
    return tx.ctx().select(COLUMNS).from(BADGE).where(BADGE.USER_ID.eq(userId)).orderBy(BADGE.CREATED_AT, BADGE.ID)
        .fetch(JdbcBadgeStore::badge);
  }

  @Override
  public boolean delete(String id) {
    return tx.ctx().deleteFrom(BADGE).where(BADGE.ID.eq(id)).execute() == 1;
  }

  @Override
  public List<Badge> ofType(String badgeType, int offset, int limit) {
    return tx.ctx().select(COLUMNS).from(BADGE).where(BADGE.BADGE_TYPE.eq(badgeType))
        .orderBy(BADGE.CREATED_AT, BADGE.ID)
        .offset(offset).limit(limit).fetch(JdbcBadgeStore::badge);
  }

  @Override
  public int move(long fromUserId, long intoUserId) {
    // The types both hold stay with into: from's badge of such a type goes.
    var held = BADGE.as("held");
    int moved = tx.ctx().update(BADGE).set(BADGE.USER_ID, intoUserId)
        .where(BADGE.USER_ID.eq(fromUserId),
            notExists(selectOne().from(held)
                .where(held.USER_ID.eq(intoUserId), held.BADGE_TYPE.eq(BADGE.BADGE_TYPE))))
        .execute();
    tx.ctx().deleteFrom(BADGE).where(BADGE.USER_ID.eq(fromUserId)).execute();
    return moved;
  }

  private static Badge badge(Record r) {
    return new Badge(r.get(BADGE.ID), r.get(BADGE.USER_ID), r.get(BADGE.BADGE_TYPE),
        Json.readData(r.get(BADGE.DATA_JSON)), Instant.ofEpochMilli(r.get(BADGE.CREATED_AT)),
        Instant.ofEpochMilli(r.get(BADGE.UPDATED_AT)));
  }
}
