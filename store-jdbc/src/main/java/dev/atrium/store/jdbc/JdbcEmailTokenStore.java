package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;

import dev.atrium.core.account.EmailToken;
import dev.atrium.core.account.EmailTokenStore;
import dev.atrium.store.jdbc.Schema.EmailTokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.SelectField;

/** Email verification tokens on jOOQ: one row per address, keyed by the address in lower case. */
public final class JdbcEmailTokenStore implements EmailTokenStore {
  private static final List<SelectField<?>> COLUMNS = List.of(EmailTokens.EMAIL_LC, EmailTokens.TOKEN_HASH,
      EmailTokens.CREATED_AT, EmailTokens.EXPIRES_AT, EmailTokens.USED_AT);

  private final JdbcTransactor tx;

  public JdbcEmailTokenStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<EmailToken> lock(String email) {
    return tx.ctx().select(COLUMNS).from(EmailTokens.T).where(EmailTokens.EMAIL_LC.eq(email)).forUpdate()
        .fetchOptional(JdbcEmailTokenStore::token);
  }

  @Override
  public Optional<EmailToken> lockByHash(String tokenHash) {
    return tx.ctx().select(COLUMNS).from(EmailTokens.T).where(EmailTokens.TOKEN_HASH.eq(tokenHash)).forUpdate()
        .fetchOptional(JdbcEmailTokenStore::token);
  }

  @Override
  public void save(EmailToken t) {
    tx.ctx().insertInto(EmailTokens.T)
        .set(EmailTokens.EMAIL_LC, t.email())
        .set(EmailTokens.TOKEN_HASH, t.tokenHash())
        .set(EmailTokens.CREATED_AT, t.createdAt().toEpochMilli())
        .set(EmailTokens.EXPIRES_AT, t.expiresAt().toEpochMilli())
        .set(EmailTokens.USED_AT, millis(t.usedAt()))
        .onConflict(EmailTokens.EMAIL_LC).doUpdate()
        .set(EmailTokens.TOKEN_HASH, t.tokenHash())
        .set(EmailTokens.CREATED_AT, t.createdAt().toEpochMilli())
        .set(EmailTokens.EXPIRES_AT, t.expiresAt().toEpochMilli())
        .set(EmailTokens.USED_AT, millis(t.usedAt()))
        .execute();
  }

  @Override
  public int deleteExpiredBefore(Instant instant) {
    return tx.ctx().deleteFrom(EmailTokens.T).where(EmailTokens.EXPIRES_AT.lt(instant.toEpochMilli())).execute();
  }

  private static EmailToken token(Record r) {
    return new EmailToken(r.get(EmailTokens.EMAIL_LC), r.get(EmailTokens.TOKEN_HASH),
        Instant.ofEpochMilli(r.get(EmailTokens.CREATED_AT)), Instant.ofEpochMilli(r.get(EmailTokens.EXPIRES_AT)),
        instant(r.get(EmailTokens.USED_AT)));
  }
}
