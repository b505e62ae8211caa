package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.SESSIONS;

import dev.atrium.core.session.PersonalToken;
import dev.atrium.core.session.Session;
import dev.atrium.core.session.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;

/** Sessions on jOOQ, found by the hash of their token. */
public final class JdbcSessionStore implements SessionStore {
  /** Named columns, never select *: see JdbcUserStore.COLUMNS. */
  private static final List<org.jooq.Field<?>> COLUMNS = List.of(SESSIONS.ID, SESSIONS.TOKEN_HASH, SESSIONS.USER_ID,
      SESSIONS.KIND, SESSIONS.NETWORK, SESSIONS.DEVICE, SESSIONS.CREATED_AT, SESSIONS.LAST_USED_AT,
      SESSIONS.EXPIRES_AT, SESSIONS.REVOKED);
  private final JdbcTransactor tx;

  public JdbcSessionStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(Session s) {
    tx.ctx().insertInto(SESSIONS)
        .set(SESSIONS.ID, s.id()).set(SESSIONS.TOKEN_HASH, s.tokenHash()).set(SESSIONS.USER_ID, s.userId())
        .set(SESSIONS.KIND, s.kind().name()).set(SESSIONS.NETWORK, s.network()).set(SESSIONS.DEVICE, s.device())
        .set(SESSIONS.CREATED_AT, s.createdAt().toEpochMilli())
        .set(SESSIONS.LAST_USED_AT, s.lastUsedAt().toEpochMilli())
        .set(SESSIONS.EXPIRES_AT, s.expiresAt().toEpochMilli())
        .set(SESSIONS.REVOKED, s.revoked())
        .execute();
  }

  @Override
  public Optional<Session> byTokenHash(String tokenHash) {
    return tx.ctx().select(COLUMNS).from(SESSIONS).where(SESSIONS.TOKEN_HASH.eq(tokenHash)).fetchOptional()
        .map(JdbcSessionStore::session);
  }

  @Override
  public Optional<Session> byId(String sessionId) {
    return tx.ctx().select(COLUMNS).from(SESSIONS).where(SESSIONS.ID.eq(sessionId)).fetchOptional()
        .map(JdbcSessionStore::session);
  }

  @Override
  public void touch(String sessionId, Instant lastUsedAt) {
    tx.ctx().update(SESSIONS).set(SESSIONS.LAST_USED_AT, lastUsedAt.toEpochMilli()).where(SESSIONS.ID.eq(sessionId))
        .execute();
  }

  @Override
  public boolean revoke(String sessionId) {
    return tx.ctx().update(SESSIONS).set(SESSIONS.REVOKED, true)
        .where(SESSIONS.ID.eq(sessionId), SESSIONS.REVOKED.isFalse()).execute() == 1;
  }

  @Override
  public List<String> revokeAllOf(long userId) {
    List<String> ids = tx.ctx().select(SESSIONS.ID).from(SESSIONS)
        .where(SESSIONS.USER_ID.eq(userId), SESSIONS.REVOKED.isFalse()).fetch(SESSIONS.ID);
    if (!ids.isEmpty()) {
      tx.ctx().update(SESSIONS).set(SESSIONS.REVOKED, true).where(SESSIONS.ID.in(ids)).execute();
    }
    return ids;
  }

  @Override
  public List<String> revokeAllOfExcept(long userId, String keepSessionId) {
    List<String> ids = tx.ctx().select(SESSIONS.ID).from(SESSIONS)
        .where(SESSIONS.USER_ID.eq(userId), SESSIONS.REVOKED.isFalse(), SESSIONS.ID.ne(keepSessionId))
        .fetch(SESSIONS.ID);
    if (!ids.isEmpty()) {
      tx.ctx().update(SESSIONS).set(SESSIONS.REVOKED, true).where(SESSIONS.ID.in(ids)).execute();
    }
    return ids;
  }

  @Override
  public void insertPersonal(Session session, PersonalToken token) {
    insert(session);
    tx.ctx().update(SESSIONS).set(SESSIONS.TOKEN_NAME, token.name()).set(SESSIONS.LAST_TOKEN_PART, token.lastTokenPart())
        .set(SESSIONS.BYPASS_TWO_FACTOR, token.bypassTwoFactor()).where(SESSIONS.ID.eq(session.id())).execute();
  }

  @Override
  public List<PersonalToken> personalTokens(long userId) {
    return tx.ctx().select(SESSIONS.ID, SESSIONS.USER_ID, SESSIONS.TOKEN_NAME, SESSIONS.LAST_TOKEN_PART,
            SESSIONS.BYPASS_TWO_FACTOR, SESSIONS.CREATED_AT).from(SESSIONS)
        .where(SESSIONS.USER_ID.eq(userId), SESSIONS.KIND.eq(Session.Kind.PERSONAL.name()), SESSIONS.REVOKED.isFalse(),
            SESSIONS.TOKEN_NAME.isNotNull())
        .orderBy(SESSIONS.CREATED_AT, SESSIONS.ID)
        .fetch(r -> new PersonalToken(r.get(SESSIONS.ID), r.get(SESSIONS.USER_ID), r.get(SESSIONS.TOKEN_NAME),
            java.util.Objects.requireNonNullElse(r.get(SESSIONS.LAST_TOKEN_PART), ""),
            Boolean.TRUE.equals(r.get(SESSIONS.BYPASS_TWO_FACTOR)), Instant.ofEpochMilli(r.get(SESSIONS.CREATED_AT))));
  }

  @Override
  public int deleteExpiredBefore(Instant instant) {
    return tx.ctx().deleteFrom(SESSIONS).where(SESSIONS.EXPIRES_AT.lt(instant.toEpochMilli())
        .or(SESSIONS.KIND.eq(Session.Kind.PERSONAL.name()).and(SESSIONS.REVOKED.isTrue()))).execute();
  }

  private static Session session(Record r) {
    return new Session(r.get(SESSIONS.ID), r.get(SESSIONS.TOKEN_HASH), r.get(SESSIONS.USER_ID),
        Session.Kind.valueOf(r.get(SESSIONS.KIND)), r.get(SESSIONS.NETWORK), r.get(SESSIONS.DEVICE),
        Instant.ofEpochMilli(r.get(SESSIONS.CREATED_AT)), Instant.ofEpochMilli(r.get(SESSIONS.LAST_USED_AT)),
        Instant.ofEpochMilli(r.get(SESSIONS.EXPIRES_AT)), r.get(SESSIONS.REVOKED));
  }
}
