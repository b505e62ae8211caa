package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.GUEST_LINK_ONCE;
import static dev.atrium.store.jdbc.schema.Tables.ROOM;
import static dev.atrium.store.jdbc.schema.Tables.SPACE_GUEST;
import static dev.atrium.store.jdbc.schema.Tables.SPACE_ROOM;

import dev.atrium.core.space.SpaceRoom;
import dev.atrium.core.space.SpaceRoomStore;
import dev.atrium.core.space.SpaceRoomType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Rooms' places in spaces, guest accounts and one-time link marks on jOOQ. */
public final class JdbcSpaceRoomStore implements SpaceRoomStore {
  private static final List<Field<?>> COLUMNS = List.of(SPACE_ROOM.ROOM_ID, SPACE_ROOM.SPACE_ID, SPACE_ROOM.ALIAS,
      SPACE_ROOM.ROOM_TYPE, SPACE_ROOM.SCREENSHARING_ALLOWED, SPACE_ROOM.CHAT_ALLOWED, SPACE_ROOM.CHANNEL_ID,
      SPACE_ROOM.APP_ID);
  private final JdbcTransactor tx;

  public JdbcSpaceRoomStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(SpaceRoom r) {
    tx.ctx().insertInto(SPACE_ROOM).set(SPACE_ROOM.ROOM_ID, r.roomId()).set(SPACE_ROOM.SPACE_ID, r.spaceId())
        .set(SPACE_ROOM.ALIAS, r.alias()).set(SPACE_ROOM.ROOM_TYPE, r.type().name())
        .set(SPACE_ROOM.SCREENSHARING_ALLOWED, r.screensharingAllowed()).set(SPACE_ROOM.CHAT_ALLOWED, r.chatAllowed())
        .set(SPACE_ROOM.CHANNEL_ID, r.channelId()).set(SPACE_ROOM.APP_ID, r.appId()).execute();
  }

  @Override
  public void update(SpaceRoom r) {
    tx.ctx().update(SPACE_ROOM).set(SPACE_ROOM.ROOM_TYPE, r.type().name())
        .set(SPACE_ROOM.SCREENSHARING_ALLOWED, r.screensharingAllowed()).set(SPACE_ROOM.CHAT_ALLOWED, r.chatAllowed())
        .where(SPACE_ROOM.ROOM_ID.eq(r.roomId())).execute();
  }

  @Override
  public Optional<SpaceRoom> byRoomId(String roomId) {
    return tx.ctx().select(COLUMNS).from(SPACE_ROOM).where(SPACE_ROOM.ROOM_ID.eq(roomId))
        .fetchOptional(JdbcSpaceRoomStore::place);
  }

  @Override
  public Optional<SpaceRoom> byAlias(String alias) {
    return tx.ctx().select(COLUMNS).from(SPACE_ROOM).where(SPACE_ROOM.ALIAS.eq(alias))
        .fetchOptional(JdbcSpaceRoomStore::place);
  }

  @Override
  public List<SpaceRoom> inSpace(String spaceId) {
    return tx.ctx().select(COLUMNS).from(SPACE_ROOM).join(ROOM).on(ROOM.ID.eq(SPACE_ROOM.ROOM_ID))
        .where(SPACE_ROOM.SPACE_ID.eq(spaceId)).orderBy(ROOM.CREATED_AT, ROOM.ID).fetch(JdbcSpaceRoomStore::place);
  }

  @Override
  public Optional<Long> guest(String spaceId, String externalUserId) {
    return tx.ctx().select(SPACE_GUEST.USER_ID).from(SPACE_GUEST)
        .where(SPACE_GUEST.SPACE_ID.eq(spaceId), SPACE_GUEST.EXTERNAL_USER_ID.eq(externalUserId))
        .fetchOptional(SPACE_GUEST.USER_ID);
  }

  @Override
  public void insertGuest(String spaceId, String externalUserId, long userId, Instant at) {
    tx.ctx().insertInto(SPACE_GUEST).set(SPACE_GUEST.SPACE_ID, spaceId)
        .set(SPACE_GUEST.EXTERNAL_USER_ID, externalUserId).set(SPACE_GUEST.USER_ID, userId)
        .set(SPACE_GUEST.CREATED_AT, at.toEpochMilli()).execute();
  }

  @Override
  public void insertOnce(String sessionId, Instant expiresAt) {
    tx.ctx().insertInto(GUEST_LINK_ONCE).set(GUEST_LINK_ONCE.SESSION_ID, sessionId)
        .set(GUEST_LINK_ONCE.EXPIRES_AT, expiresAt.toEpochMilli()).execute();
  }

  @Override
  public boolean consumeOnce(String sessionId) {
    return tx.ctx().deleteFrom(GUEST_LINK_ONCE).where(GUEST_LINK_ONCE.SESSION_ID.eq(sessionId)).execute() == 1;
  }

  private static SpaceRoom place(Record r) {
    return new SpaceRoom(r.get(SPACE_ROOM.ROOM_ID), r.get(SPACE_ROOM.SPACE_ID), r.get(SPACE_ROOM.ALIAS),
        SpaceRoomType.valueOf(r.get(SPACE_ROOM.ROOM_TYPE)), r.get(SPACE_ROOM.SCREENSHARING_ALLOWED),
        r.get(SPACE_ROOM.CHAT_ALLOWED), r.get(SPACE_ROOM.CHANNEL_ID), r.get(SPACE_ROOM.APP_ID));
  }
}
