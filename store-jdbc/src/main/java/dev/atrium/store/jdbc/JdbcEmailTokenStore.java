package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;
import static dev.atrium.store.jdbc.schema.Tables.EMAIL_VERIFICATION;

import dev.atrium.core.account.EmailToken;
import dev.atrium.core.account.EmailTokenStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jspecify.annotations.Nullable;

/** Email verification tokens on jOOQ: one row per address, keyed by the address in lower case. */
public final class JdbcEmailTokenStore implements EmailTokenStore {
  private static final List<SelectField<?>> COLUMNS = List.of(EMAIL_VERIFICATION.EMAIL_LC,
      EMAIL_VERIFICATION.TOKEN_HASH, EMAIL_VERIFICATION.CREATED_AT, EMAIL_VERIFICATION.EXPIRES_AT,
      EMAIL_VERIFICATION.USED_AT);

  private final JdbcTransactor tx;

  public JdbcEmailTokenStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<EmailToken> lock(String email) {
    return tx.ctx().select(COLUMNS).from(EMAIL_VERIFICATION).where(EMAIL_VERIFICATION.EMAIL_LC.eq(email)).forUpdate()
        .fetchOptional(JdbcEmailTokenStore::token);
  }

  @Override
  public Optional<EmailToken> lockByHash(String tokenHash) {
    return tx.ctx().select(COLUMNS).from(EMAIL_VERIFICATION).where(EMAIL_VERIFICATION.TOKEN_HASH.eq(tokenHash))
        .forUpdate()
        .fetchOptional(JdbcEmailTokenStore::token);
  }

  @Override
  public void save(EmailToken t) {
    Map<Field<?>, @Nullable Object> values = new LinkedHashMap<>();
    values.put(EMAIL_VERIFICATION.TOKEN_HASH, t.tokenHash());
    values.put(EMAIL_VERIFICATION.CREATED_AT, t.createdAt().toEpochMilli());
    values.put(EMAIL_VERIFICATION.EXPIRES_AT, t.expiresAt().toEpochMilli());
    values.put(EMAIL_VERIFICATION.USED_AT, millis(t.usedAt()));
    tx.ctx().insertInto(EMAIL_VERIFICATION).set(EMAIL_VERIFICATION.EMAIL_LC, t.email()).set(values)
        .onConflict(EMAIL_VERIFICATION.EMAIL_LC).doUpdate().set(values)
        .execute();
  }

  @Override
  public int deleteExpiredBefore(Instant instant) {
    return tx.ctx().deleteFrom(EMAIL_VERIFICATION).where(EMAIL_VERIFICATION.EXPIRES_AT.lt(instant.toEpochMilli()))
        .execute();
  }

  private static EmailToken token(Record r) {
    return new EmailToken(r.get(EMAIL_VERIFICATION.EMAIL_LC), r.get(EMAIL_VERIFICATION.TOKEN_HASH),
        Instant.ofEpochMilli(r.get(EMAIL_VERIFICATION.CREATED_AT)),
        Instant.ofEpochMilli(r.get(EMAIL_VERIFICATION.EXPIRES_AT)), instant(r.get(EMAIL_VERIFICATION.USED_AT)));
  }
}
