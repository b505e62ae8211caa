package dev.atrium.store.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.presence.PresenceFeed;
import dev.atrium.core.presence.PresenceRecord;
import dev.atrium.core.presence.PresenceStore;
import dev.atrium.core.user.UserStatus;
import dev.atrium.store.jdbc.Schema.PresenceFeeds;
import dev.atrium.store.jdbc.Schema.Presences;
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
  private static final List<Field<?>> COLUMNS = List.of(Presences.USER_ID, Presences.CATEGORY, Presences.SET_AT,
      Presences.SEEN_AT, Presences.PENDING);
  private static final List<Field<?>> FEED_COLUMNS = List.of(PresenceFeeds.ID, PresenceFeeds.OWNER_ID,
      PresenceFeeds.CREATED_AT, PresenceFeeds.READ_AT, PresenceFeeds.CURSOR_AT, PresenceFeeds.CURSOR_USER_ID);
  // the users table, named with the table: the listing joins it to user_presence
  private static final Field<Long> USER_ID = field(name("users", "id"), Long.class);
  private static final Field<Long> USER_CREATED_AT = field(name("users", "created_at"), Long.class);
  private static final Field<String> USER_STATUS = field(name("users", "status"), String.class);

  private final JdbcTransactor tx;

  public JdbcPresenceStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<PresenceRecord> get(long userId) {
    return tx.ctx().select(COLUMNS).from(Presences.T).where(Presences.USER_ID.eq(userId)).fetchOptional()
        .map(JdbcPresenceStore::presence);
  }

  @Override
  public void put(PresenceRecord p) {
    String pending = p.pending() == null ? null : p.pending().name();
    tx.ctx().insertInto(Presences.T)
        .set(Presences.USER_ID, p.userId()).set(Presences.CATEGORY, p.category().name())
        .set(Presences.SET_AT, p.setAt().toEpochMilli()).set(Presences.SEEN_AT, p.seenAt().toEpochMilli())
        .set(Presences.PENDING, pending)
        .onConflict(Presences.USER_ID).doUpdate()
        .set(Presences.CATEGORY, p.category().name()).set(Presences.SET_AT, p.setAt().toEpochMilli())
        .set(Presences.SEEN_AT, p.seenAt().toEpochMilli()).set(Presences.PENDING, pending)
        .execute();
  }

  @Override
  public boolean replace(PresenceRecord expected, PresenceRecord next) {
    return tx.ctx().update(Presences.T)
        .set(Presences.CATEGORY, next.category().name()).set(Presences.SET_AT, next.setAt().toEpochMilli())
        .set(Presences.SEEN_AT, next.seenAt().toEpochMilli())
        .set(Presences.PENDING, next.pending() == null ? null : next.pending().name())
        .where(Presences.USER_ID.eq(expected.userId()))
        .and(Presences.CATEGORY.eq(expected.category().name()))
        .and(Presences.SET_AT.eq(expected.setAt().toEpochMilli()))
        .and(Presences.SEEN_AT.eq(expected.seenAt().toEpochMilli()))
        .execute() == 1;
  }

  @Override
  public List<Listed> enabled(long afterUserId, int limit) {
    return tx.ctx().select(USER_ID, USER_CREATED_AT, Presences.CATEGORY, Presences.SET_AT, Presences.SEEN_AT,
            Presences.PENDING)
        .from(Schema.Users.T).leftJoin(Presences.T).on(Presences.USER_ID.eq(USER_ID))
        .where(USER_STATUS.eq(UserStatus.ENABLED.name())).and(USER_ID.gt(afterUserId))
        .orderBy(USER_ID).limit(limit)
        .fetch(r -> {
          long id = r.get(USER_ID);
          PresenceRecord presence = r.get(Presences.CATEGORY) == null ? null : new PresenceRecord(id,
              PresenceCategory.valueOf(r.get(Presences.CATEGORY)), Instant.ofEpochMilli(r.get(Presences.SET_AT)),
              Instant.ofEpochMilli(r.get(Presences.SEEN_AT)), category(r.get(Presences.PENDING)));
          return new Listed(id, Instant.ofEpochMilli(r.get(USER_CREATED_AT)), presence);
        });
  }

  @Override
  public List<PresenceRecord> stale(Instant seenBefore, int limit) {
    return tx.ctx().select(COLUMNS).from(Presences.T)
        .where(Presences.CATEGORY.ne(PresenceCategory.OFFLINE.name()))
        .and(Presences.SEEN_AT.le(seenBefore.toEpochMilli()))
        .orderBy(Presences.SEEN_AT, Presences.USER_ID).limit(limit)
        .fetch(JdbcPresenceStore::presence);
  }

  @Override
  public List<PresenceRecord> changed(Instant after, long afterUserId, Instant upTo, Duration ttl, int limit) {
    long upToMs = upTo.toEpochMilli();
    long afterMs = after.toEpochMilli();
    Field<Long> runsOut = Presences.SEEN_AT.plus(val(ttl.toMillis()));
    Field<Long> changedAt = when(Presences.CATEGORY.ne(PresenceCategory.OFFLINE.name()).and(runsOut.le(upToMs)),
        runsOut).otherwise(Presences.SET_AT);
    Condition sincePosition = changedAt.gt(afterMs).or(changedAt.eq(afterMs).and(Presences.USER_ID.gt(afterUserId)));
    return tx.ctx().select(COLUMNS).from(Presences.T)
        .where(changedAt.le(upToMs)).and(sincePosition)
        .orderBy(changedAt, Presences.USER_ID).limit(limit)
        .fetch(JdbcPresenceStore::presence);
  }

  @Override
  public void insertFeed(PresenceFeed f) {
    tx.ctx().insertInto(PresenceFeeds.T)
        .set(PresenceFeeds.ID, f.id()).set(PresenceFeeds.OWNER_ID, f.ownerId())
        .set(PresenceFeeds.CREATED_AT, f.createdAt().toEpochMilli()).set(PresenceFeeds.READ_AT, f.readAt().toEpochMilli())
        .set(PresenceFeeds.CURSOR_AT, f.cursorAt().toEpochMilli()).set(PresenceFeeds.CURSOR_USER_ID, f.cursorUserId())
        .execute();
  }

  @Override
  public Optional<PresenceFeed> feed(String id) {
    return tx.ctx().select(FEED_COLUMNS).from(PresenceFeeds.T).where(PresenceFeeds.ID.eq(id)).fetchOptional()
        .map(r -> new PresenceFeed(r.get(PresenceFeeds.ID), r.get(PresenceFeeds.OWNER_ID),
            Instant.ofEpochMilli(r.get(PresenceFeeds.CREATED_AT)), Instant.ofEpochMilli(r.get(PresenceFeeds.READ_AT)),
            Instant.ofEpochMilli(r.get(PresenceFeeds.CURSOR_AT)), r.get(PresenceFeeds.CURSOR_USER_ID)));
  }

  @Override
  public void updateFeed(PresenceFeed f) {
    tx.ctx().update(PresenceFeeds.T)
        .set(PresenceFeeds.READ_AT, f.readAt().toEpochMilli()).set(PresenceFeeds.CURSOR_AT, f.cursorAt().toEpochMilli())
        .set(PresenceFeeds.CURSOR_USER_ID, f.cursorUserId())
        .where(PresenceFeeds.ID.eq(f.id()))
        .execute();
  }

  @Override
  public void deleteFeed(String id) {
    tx.ctx().deleteFrom(PresenceFeeds.T).where(PresenceFeeds.ID.eq(id)).execute();
  }

  @Override
  public int deleteFeedsReadBefore(Instant cutoff) {
    return tx.ctx().deleteFrom(PresenceFeeds.T).where(PresenceFeeds.READ_AT.lt(cutoff.toEpochMilli())).execute();
  }

  private static PresenceRecord presence(Record r) {
    return new PresenceRecord(r.get(Presences.USER_ID), PresenceCategory.valueOf(r.get(Presences.CATEGORY)),
        Instant.ofEpochMilli(r.get(Presences.SET_AT)), Instant.ofEpochMilli(r.get(Presences.SEEN_AT)),
        category(r.get(Presences.PENDING)));
  }

  private static @Nullable PresenceCategory category(@Nullable String name) {
    return name == null ? null : PresenceCategory.valueOf(name);
  }
}
