package dev.atrium.store.jdbc;

import dev.atrium.core.user.UserDataStore;
import dev.atrium.core.user.ZAddress;
import dev.atrium.store.jdbc.Schema.Params;
import dev.atrium.store.jdbc.Schema.ZAddresses;
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
    return tx.ctx().select(Params.PARAMS_JSON).from(Params.T).where(Params.USER_ID.eq(userId))
        .fetchOptional(Params.PARAMS_JSON).map(Json::readData).orElse(Map.of());
  }

  @Override
  public void setParams(long userId, Map<String, @Nullable Object> params) {
    if (params.isEmpty()) {
      tx.ctx().deleteFrom(Params.T).where(Params.USER_ID.eq(userId)).execute();
      return;
    }
    String json = Json.writeData(params);
    tx.ctx().insertInto(Params.T).set(Params.USER_ID, userId).set(Params.PARAMS_JSON, json)
        .onConflict(Params.USER_ID).doUpdate().set(Params.PARAMS_JSON, json)
        .execute();
  }

  @Override
  public List<ZAddress> zAddresses(long userId) {
    return tx.ctx().select(ZAddresses.USER_ID, ZAddresses.Z_ADDRESS, ZAddresses.TITLE, ZAddresses.CREATED_AT)
        .from(ZAddresses.T).where(ZAddresses.USER_ID.eq(userId))
        .orderBy(ZAddresses.CREATED_AT.desc(), ZAddresses.Z_ADDRESS).fetch(JdbcUserDataStore::zAddress);
  }

  @Override
  public Optional<ZAddress> zAddress(String zAddress) {
    return tx.ctx().select(ZAddresses.USER_ID, ZAddresses.Z_ADDRESS, ZAddresses.TITLE, ZAddresses.CREATED_AT)
        .from(ZAddresses.T).where(ZAddresses.Z_ADDRESS.eq(zAddress)).fetchOptional(JdbcUserDataStore::zAddress);
  }

  @Override
  public void putZAddress(ZAddress z) {
    tx.ctx().insertInto(ZAddresses.T)
        .set(ZAddresses.Z_ADDRESS, z.zAddress()).set(ZAddresses.USER_ID, z.userId()).set(ZAddresses.TITLE, z.title())
        .set(ZAddresses.CREATED_AT, z.createdAt().toEpochMilli())
        .onConflict(ZAddresses.Z_ADDRESS).doUpdate()
        .set(ZAddresses.USER_ID, z.userId()).set(ZAddresses.TITLE, z.title())
        .set(ZAddresses.CREATED_AT, z.createdAt().toEpochMilli())
        .execute();
  }

  @Override
  public int moveZAddresses(long fromUserId, long intoUserId) {
    return tx.ctx().update(ZAddresses.T).set(ZAddresses.USER_ID, intoUserId)
        .where(ZAddresses.USER_ID.eq(fromUserId)).execute();
  }

  private static ZAddress zAddress(Record r) {
    return new ZAddress(r.get(ZAddresses.USER_ID), r.get(ZAddresses.Z_ADDRESS), r.get(ZAddresses.TITLE),
        Instant.ofEpochMilli(r.get(ZAddresses.CREATED_AT)));
  }
}
