package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.PRESENCE_FEED;
import static dev.atrium.store.jdbc.schema.Tables.USERS;
import static dev.atrium.store.jdbc.schema.Tables.USER_PRESENCE;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.presence.PresenceFeed;
import dev.atrium.core.presence.PresenceRecord;
import dev.atrium.core.presence.PresenceStore;
import dev.atrium.core.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/** Presences and presence feeds on jOOQ. */
public final class JdbcPresenceStore implements PresenceStore {
  private static final List<Field<?>> COLUMNS = List.of(USER_PRESENCE.USER_ID, USER_PRESENCE.CATEGORY,
      USER_PRESENCE.SET_AT, USER_PRESENCE.SEEN_AT, USER_PRESENCE.PENDING);
  private static final List<Field<?>> FEED_COLUMNS = List.of(PRESENCE_FEED.ID, PRESENCE_FEED.OWNER_ID,
      PRESENCE_FEED.CREATED_AT, PRESENCE_FEED.READ_AT, PRESENCE_FEED.CURSOR_AT, PRESENCE_FEED.CURSOR_USER_ID);

  private final JdbcTransactor tx;

  public JdbcPresenceStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<PresenceRecord> get(long userId) {
    return tx.ctx().select(COLUMNS).from(USER_PRESENCE).where(USER_PRESENCE.USER_ID.eq(userId)).fetchOptional()
        .map(JdbcPresenceStore::presence);
  }

  @Override
  public void put(PresenceRecord p) {
    String pending = p.pending() == null ? null : p.pending().name();
    tx.ctx().insertInto(USER_PRESENCE)
        .set(USER_PRESENCE.USER_ID, p.userId()).set(USER_PRESENCE.CATEGORY, p.category().name())
        .set(USER_PRESENCE.SET_AT, p.setAt().toEpochMilli()).set(USER_PRESENCE.SEEN_AT, p.seenAt().toEpochMilli())
        .set(USER_PRESENCE.PENDING, pending)
        .onConflict(USER_PRESENCE.USER_ID).doUpdate()
        .set(USER_PRESENCE.CATEGORY, p.category().name()).set(USER_PRESENCE.SET_AT, p.setAt().toEpochMilli())
        .set(USER_PRESENCE.SEEN_AT, p.seenAt().toEpochMilli()).set(USER_PRESENCE.PENDING, pending)
        .execute();
  }

  @Override
  public boolean replace(PresenceRecord expected, PresenceRecord next) {
    return tx.ctx().update(USER_PRESENCE)
        .set(USER_PRESENCE.CATEGORY, next.category().name()).set(USER_PRESENCE.SET_AT, next.setAt().toEpochMilli())
        .set(USER_PRESENCE.SEEN_AT, next.seenAt().toEpochMilli())
        .set(USER_PRESENCE.PENDING, next.pending() == null ? null : next.pending().name())
        .where(USER_PRESENCE.USER_ID.eq(expected.userId()))
        .and(USER_PRESENCE.CATEGORY.eq(expected.category().name()))
        .and(USER_PRESENCE.SET_AT.eq(expected.setAt().toEpochMilli()))
        .and(USER_PRESENCE.SEEN_AT.eq(expected.seenAt().toEpochMilli()))
        .execute() == 1;
  }

  @Override
  public List<Listed> enabled(long afterUserId, int limit) {
    return tx.ctx().select(USERS.ID, USERS.CREATED_AT, USER_PRESENCE.CATEGORY, USER_PRESENCE.SET_AT,
            USER_PRESENCE.SEEN_AT, USER_PRESENCE.PENDING)
        .from(USERS).leftJoin(USER_PRESENCE).on(USER_PRESENCE.USER_ID.eq(USERS.ID))
        .where(USERS.STATUS.eq(UserStatus.ENABLED.name())).and(USERS.ID.gt(afterUserId))
        .orderBy(USERS.ID).limit(limit)
        .fetch(r -> {
          long id = r.get(USERS.ID);
          PresenceRecord presence = r.get(USER_PRESENCE.CATEGORY) == null ? null : new PresenceRecord(id,
              PresenceCategory.valueOf(r.get(USER_PRESENCE.CATEGORY)),
              Instant.ofEpochMilli(r.get(USER_PRESENCE.SET_AT)), Instant.ofEpochMilli(r.get(USER_PRESENCE.SEEN_AT)),
              category(r.get(USER_PRESENCE.PENDING)));
          return new Listed(id, Instant.ofEpochMilli(r.get(USERS.CREATED_AT)), presence);
        });
  }

  @Override
  public List<PresenceRecord> stale(Instant seenBefore, int limit) {
    return tx.ctx().select(COLUMNS).from(USER_PRESENCE)
        .where(USER_PRESENCE.CATEGORY.ne(PresenceCategory.OFFLINE.name()))
        .and(USER_PRESENCE.SEEN_AT.le(seenBefore.toEpochMilli()))
        .orderBy(USER_PRESENCE.SEEN_AT, USER_PRESENCE.USER_ID).limit(limit)
        .fetch(JdbcPresenceStore::presence);
  }

  @Override
  public List<PresenceRecord> changed(Instant after, long afterUserId, Instant upTo, Duration ttl, int limit) {
    long upToMs = upTo.toEpochMilli();
    long afterMs = after.toEpochMilli();
    Field<Long> runsOut = USER_PRESENCE.SEEN_AT.plus(val(ttl.toMillis()));
    Field<Long> changedAt = when(USER_PRESENCE.CATEGORY.ne(PresenceCategory.OFFLINE.name()).and(runsOut.le(upToMs)),
        runsOut).otherwise(USER_PRESENCE.SET_AT);
    Condition sincePosition = changedAt.gt(afterMs)
        .or(changedAt.eq(afterMs).and(USER_PRESENCE.USER_ID.gt(afterUserId)));
    return tx.ctx().select(COLUMNS).from(USER_PRESENCE)
        .where(changedAt.le(upToMs)).and(sincePosition)
        .orderBy(changedAt, USER_PRESENCE.USER_ID).limit(limit)
        .fetch(JdbcPresenceStore::presence);
  }

  @Override
  public void insertFeed(PresenceFeed f) {
    tx.ctx().insertInto(PRESENCE_FEED)
        .set(PRESENCE_FEED.ID, f.id()).set(PRESENCE_FEED.OWNER_ID, f.ownerId())
        .set(PRESENCE_FEED.CREATED_AT, f.createdAt().toEpochMilli())
        .set(PRESENCE_FEED.READ_AT, f.readAt().toEpochMilli()).set(PRESENCE_FEED.CURSOR_AT, f.cursorAt().toEpochMilli())
        .set(PRESENCE_FEED.CURSOR_USER_ID, f.cursorUserId())
        .execute();
  }

  @Override
  public Optional<PresenceFeed> feed(String id) {
    return tx.ctx().select(FEED_COLUMNS).from(PRESENCE_FEED).where(PRESENCE_FEED.ID.eq(id)).fetchOptional()
        .map(r -> new PresenceFeed(r.get(PRESENCE_FEED.ID), r.get(PRESENCE_FEED.OWNER_ID),
            Instant.ofEpochMilli(r.get(PRESENCE_FEED.CREATED_AT)), Instant.ofEpochMilli(r.get(PRESENCE_FEED.READ_AT)),
            Instant.ofEpochMilli(r.get(PRESENCE_FEED.CURSOR_AT)), r.get(PRESENCE_FEED.CURSOR_USER_ID)));
  }

  @Override
  public void updateFeed(PresenceFeed f) {
    tx.ctx().update(PRESENCE_FEED)
        .set(PRESENCE_FEED.READ_AT, f.readAt().toEpochMilli()).set(PRESENCE_FEED.CURSOR_AT, f.cursorAt().toEpochMilli())
        .set(PRESENCE_FEED.CURSOR_USER_ID, f.cursorUserId())
        .where(PRESENCE_FEED.ID.eq(f.id()))
        .execute();
  }

  @Override
  public void deleteFeed(String id) {
    tx.ctx().deleteFrom(PRESENCE_FEED).where(PRESENCE_FEED.ID.eq(id)).execute();
  }

  @Override
  public int deleteFeedsReadBefore(Instant cutoff) {
    return tx.ctx().deleteFrom(PRESENCE_FEED).where(PRESENCE_FEED.READ_AT.lt(cutoff.toEpochMilli())).execute();
  }

  private static PresenceRecord presence(Record r) {
    return new PresenceRecord(r.get(USER_PRESENCE.USER_ID), PresenceCategory.valueOf(r.get(USER_PRESENCE.CATEGORY)),
        Instant.ofEpochMilli(r.get(USER_PRESENCE.SET_AT)), Instant.ofEpochMilli(r.get(USER_PRESENCE.SEEN_AT)),
        category(r.get(USER_PRESENCE.PENDING)));
  }

  private static @Nullable PresenceCategory category(@Nullable String name) {
    return name == null ? null : PresenceCategory.valueOf(name);
  }
}
