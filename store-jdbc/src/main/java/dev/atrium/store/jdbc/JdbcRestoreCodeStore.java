package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;

import dev.atrium.core.account.RestoreCode;
import dev.atrium.core.account.RestoreCodeStore;
import dev.atrium.store.jdbc.Schema.RestoreCodes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.SelectField;

/** Password-restore codes on jOOQ: one row per user. */
public final class JdbcRestoreCodeStore implements RestoreCodeStore {
  private static final List<SelectField<?>> COLUMNS = List.of(RestoreCodes.USER_ID, RestoreCodes.CODE_HASH,
      RestoreCodes.CREATED_AT, RestoreCodes.EXPIRES_AT, RestoreCodes.USED_AT, RestoreCodes.WINDOW_START,
      RestoreCodes.TRIES);

  private final JdbcTransactor tx;

  public JdbcRestoreCodeStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<RestoreCode> lock(long userId) {
    return tx.ctx().select(COLUMNS).from(RestoreCodes.T).where(RestoreCodes.USER_ID.eq(userId)).forUpdate()
        .fetchOptional(JdbcRestoreCodeStore::code);
  }

  @Override
  public void save(RestoreCode c) {
    tx.ctx().insertInto(RestoreCodes.T)
        .set(RestoreCodes.USER_ID, c.userId())
        .set(RestoreCodes.CODE_HASH, c.codeHash())
        .set(RestoreCodes.CREATED_AT, c.createdAt().toEpochMilli())
        .set(RestoreCodes.EXPIRES_AT, c.expiresAt().toEpochMilli())
        .set(RestoreCodes.USED_AT, millis(c.usedAt()))
        .set(RestoreCodes.WINDOW_START, c.windowStart().toEpochMilli())
        .set(RestoreCodes.TRIES, c.tries())
        .onConflict(RestoreCodes.USER_ID).doUpdate()
        .set(RestoreCodes.CODE_HASH, c.codeHash())
        .set(RestoreCodes.CREATED_AT, c.createdAt().toEpochMilli())
        .set(RestoreCodes.EXPIRES_AT, c.expiresAt().toEpochMilli())
        .set(RestoreCodes.USED_AT, millis(c.usedAt()))
        .set(RestoreCodes.WINDOW_START, c.windowStart().toEpochMilli())
        .set(RestoreCodes.TRIES, c.tries())
        .execute();
  }

  @Override
  public int deleteExpiredBefore(Instant instant) {
    return tx.ctx().deleteFrom(RestoreCodes.T).where(RestoreCodes.EXPIRES_AT.lt(instant.toEpochMilli())).execute();
  }

  private static RestoreCode code(Record r) {
    return new RestoreCode(r.get(RestoreCodes.USER_ID), r.get(RestoreCodes.CODE_HASH),
        Instant.ofEpochMilli(r.get(RestoreCodes.CREATED_AT)), Instant.ofEpochMilli(r.get(RestoreCodes.EXPIRES_AT)),
        instant(r.get(RestoreCodes.USED_AT)), Instant.ofEpochMilli(r.get(RestoreCodes.WINDOW_START)),
        r.get(RestoreCodes.TRIES));
  }
}
