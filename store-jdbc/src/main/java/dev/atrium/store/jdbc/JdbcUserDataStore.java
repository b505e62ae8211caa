package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.USER_PARAMS;
import static dev.atrium.store.jdbc.schema.Tables.USER_ZADDRESS;

import dev.atrium.core.user.UserDataStore;
import dev.atrium.core.user.ZAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/** Params (one JSON object per user) and z-addresses on jOOQ. */
public final class JdbcUserDataStore implements UserDataStore {
  private final JdbcTransactor tx;

  public JdbcUserDataStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Map<String, @Nullable Object> params(long userId) {
    return tx.ctx().select(USER_PARAMS.PARAMS_JSON).from(USER_PARAMS).where(USER_PARAMS.USER_ID.eq(userId))
        .fetchOptional(USER_PARAMS.PARAMS_JSON).map(Json::readData).orElse(Map.of());
  }

  @Override
  public void setParams(long userId, Map<String, @Nullable Object> params) {
    if (params.isEmpty()) {
      tx.ctx().deleteFrom(USER_PARAMS).where(USER_PARAMS.USER_ID.eq(userId)).execute();
      return;
    }
    String json = Json.writeData(params);
    tx.ctx().insertInto(USER_PARAMS).set(USER_PARAMS.USER_ID, userId).set(USER_PARAMS.PARAMS_JSON, json)
        .onConflict(USER_PARAMS.USER_ID).doUpdate().set(USER_PARAMS.PARAMS_JSON, json)
        .execute();
  }

  @Override
  public List<ZAddress> zAddresses(long userId) {
    return tx.ctx().select(USER_ZADDRESS.USER_ID, USER_ZADDRESS.Z_ADDRESS, USER_ZADDRESS.TITLE,
            USER_ZADDRESS.CREATED_AT)
        .from(USER_ZADDRESS).where(USER_ZADDRESS.USER_ID.eq(userId))
        .orderBy(USER_ZADDRESS.CREATED_AT.desc(), USER_ZADDRESS.Z_ADDRESS).fetch(JdbcUserDataStore::zAddress);
  }

  @Override
  public Optional<ZAddress> zAddress(String zAddress) {
    return tx.ctx().select(USER_ZADDRESS.USER_ID, USER_ZADDRESS.Z_ADDRESS, USER_ZADDRESS.TITLE,
            USER_ZADDRESS.CREATED_AT)
        .from(USER_ZADDRESS).where(USER_ZADDRESS.Z_ADDRESS.eq(zAddress)).fetchOptional(JdbcUserDataStore::zAddress);
  }

  @Override
  public void putZAddress(ZAddress z) {
    tx.ctx().insertInto(USER_ZADDRESS)
        .set(USER_ZADDRESS.Z_ADDRESS, z.zAddress()).set(USER_ZADDRESS.USER_ID, z.userId())
        .set(USER_ZADDRESS.TITLE, z.title()).set(USER_ZADDRESS.CREATED_AT, z.createdAt().toEpochMilli())
        .onConflict(USER_ZADDRESS.Z_ADDRESS).doUpdate()
        .set(USER_ZADDRESS.USER_ID, z.userId()).set(USER_ZADDRESS.TITLE, z.title())
        .set(USER_ZADDRESS.CREATED_AT, z.createdAt().toEpochMilli())
        .execute();
  }

  @Override
  public int moveZAddresses(long fromUserId, long intoUserId) {
    return tx.ctx().update(USER_ZADDRESS).set(USER_ZADDRESS.USER_ID, intoUserId)
        .where(USER_ZADDRESS.USER_ID.eq(fromUserId)).execute();
  }

  private static ZAddress zAddress(Record r) {
    return new ZAddress(r.get(USER_ZADDRESS.USER_ID), r.get(USER_ZADDRESS.Z_ADDRESS), r.get(USER_ZADDRESS.TITLE),
        Instant.ofEpochMilli(r.get(USER_ZADDRESS.CREATED_AT)));
  }
}
