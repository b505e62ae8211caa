package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.LIVEDIGITAL_KEY;
import static dev.atrium.store.jdbc.schema.Tables.LIVEDIGITAL_REFRESH;

import dev.atrium.core.client.TokenStore;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** LiveDigital's signing keys and live refresh tokens on jOOQ. */
public final class JdbcTokenStore implements TokenStore {
  private final JdbcTransactor tx;

  public JdbcTokenStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public List<SigningKey> keys() {
    return tx.ctx().select(LIVEDIGITAL_KEY.KEY_ID, LIVEDIGITAL_KEY.SECRET, LIVEDIGITAL_KEY.CREATED_AT)
        .from(LIVEDIGITAL_KEY).orderBy(LIVEDIGITAL_KEY.CREATED_AT.desc(), LIVEDIGITAL_KEY.KEY_ID.desc())
        .fetch(r -> new SigningKey(r.value1(), r.value2(), Instant.ofEpochMilli(r.value3())));
  }

  @Override
  public void insertKey(SigningKey key) {
    tx.ctx().insertInto(LIVEDIGITAL_KEY).set(LIVEDIGITAL_KEY.KEY_ID, key.keyId())
        .set(LIVEDIGITAL_KEY.SECRET, key.secret()).set(LIVEDIGITAL_KEY.CREATED_AT, key.createdAt().toEpochMilli())
        .execute();
  }

  @Override
  public void insertRefresh(String jti, String clientId, @Nullable String sessionId, Instant expiresAt) {
    tx.ctx().insertInto(LIVEDIGITAL_REFRESH).set(LIVEDIGITAL_REFRESH.JTI, jti)
        .set(LIVEDIGITAL_REFRESH.CLIENT_ID, clientId).set(LIVEDIGITAL_REFRESH.SESSION_ID, sessionId)
        .set(LIVEDIGITAL_REFRESH.EXPIRES_AT, expiresAt.toEpochMilli()).execute();
  }

  @Override
  public boolean consumeRefresh(String jti) {
    return tx.ctx().deleteFrom(LIVEDIGITAL_REFRESH).where(LIVEDIGITAL_REFRESH.JTI.eq(jti)).execute() == 1;
  }

  @Override
  public List<String> deleteRefreshOfClient(String clientId) {
    List<String> sessions = tx.ctx().select(LIVEDIGITAL_REFRESH.SESSION_ID).from(LIVEDIGITAL_REFRESH)
        .where(LIVEDIGITAL_REFRESH.CLIENT_ID.eq(clientId).and(LIVEDIGITAL_REFRESH.SESSION_ID.isNotNull()))
        .fetch(LIVEDIGITAL_REFRESH.SESSION_ID);
    tx.ctx().deleteFrom(LIVEDIGITAL_REFRESH).where(LIVEDIGITAL_REFRESH.CLIENT_ID.eq(clientId)).execute();
    return sessions;
  }

  @Override
  public int purgeRefreshBefore(Instant at) {
    return tx.ctx().deleteFrom(LIVEDIGITAL_REFRESH).where(LIVEDIGITAL_REFRESH.EXPIRES_AT.lt(at.toEpochMilli()))
        .execute();
  }
}
