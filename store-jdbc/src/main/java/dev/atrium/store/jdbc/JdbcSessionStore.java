package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Schema.Sessions.*;

import dev.atrium.core.session.Session;
import dev.atrium.core.session.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;

/** Sessions on jOOQ, found by the hash of their token. */
public final class JdbcSessionStore implements SessionStore {
  /** Named columns, never select *: see JdbcUserStore.COLUMNS. */
  private static final List<org.jooq.Field<?>> COLUMNS = List.of(ID, TOKEN_HASH, USER_ID, KIND, NETWORK, DEVICE,
      CREATED_AT, LAST_USED_AT, EXPIRES_AT, REVOKED);
  private final JdbcTransactor tx;

  public JdbcSessionStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Session s) {
    tx.ctx().insertInto(T)
        .set(ID, s.id()).set(TOKEN_HASH, s.tokenHash()).set(USER_ID, s.userId()).set(KIND, s.kind().name())
        .set(NETWORK, s.network()).set(DEVICE, s.device()).set(CREATED_AT, s.createdAt().toEpochMilli())
        .set(LAST_USED_AT, s.lastUsedAt().toEpochMilli()).set(EXPIRES_AT, s.expiresAt().toEpochMilli())
        .set(REVOKED, s.revoked())
        .execute();
  }

  @Override
  public Optional<Session> byTokenHash(String tokenHash) {
    return tx.ctx().select(COLUMNS).from(T).where(TOKEN_HASH.eq(tokenHash)).fetchOptional().map(JdbcSessionStore::session);
  }

  @Override
  public Optional<Session> byId(String sessionId) {
    return tx.ctx().select(COLUMNS).from(T).where(ID.eq(sessionId)).fetchOptional().map(JdbcSessionStore::session);
  }

  @Override
  public void touch(String sessionId, Instant lastUsedAt) {
    tx.ctx().update(T).set(LAST_USED_AT, lastUsedAt.toEpochMilli()).where(ID.eq(sessionId)).execute();
  }

  @Override
  public boolean revoke(String sessionId) {
    return tx.ctx().update(T).set(REVOKED, true).where(ID.eq(sessionId), REVOKED.isFalse()).execute() == 1;
  }

  @Override
  public List<String> revokeAllOf(long userId) {
    List<String> ids = tx.ctx().select(ID).from(T).where(USER_ID.eq(userId), REVOKED.isFalse()).fetch(ID);
    if (!ids.isEmpty()) {
      tx.ctx().update(T).set(REVOKED, true).where(ID.in(ids)).execute();
    }
    return ids;
  }

  @Override
  public List<String> revokeAllOfExcept(long userId, String keepSessionId) {
    List<String> ids = tx.ctx().select(ID).from(T)
        .where(USER_ID.eq(userId), REVOKED.isFalse(), ID.ne(keepSessionId)).fetch(ID);
    if (!ids.isEmpty()) {
      tx.ctx().update(T).set(REVOKED, true).where(ID.in(ids)).execute();
    }
    return ids;
  }

  @Override
  public int deleteExpiredBefore(Instant instant) {
    return tx.ctx().deleteFrom(T).where(EXPIRES_AT.lt(instant.toEpochMilli())).execute();
  }

  private static Session session(Record r) {
    return new Session(r.get(ID), r.get(TOKEN_HASH), r.get(USER_ID), Session.Kind.valueOf(r.get(KIND)),
        r.get(NETWORK), r.get(DEVICE), Instant.ofEpochMilli(r.get(CREATED_AT)),
        Instant.ofEpochMilli(r.get(LAST_USED_AT)), Instant.ofEpochMilli(r.get(EXPIRES_AT)), r.get(REVOKED));
  }
}
