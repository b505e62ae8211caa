package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.JdbcUserStore.instant;
import static dev.atrium.store.jdbc.JdbcUserStore.millis;
import static dev.atrium.store.jdbc.schema.Tables.PASSWORD_RESTORE;

import dev.atrium.core.account.RestoreCode;
import dev.atrium.core.account.RestoreCodeStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jspecify.annotations.Nullable;

/** Password-restore codes on jOOQ: one row per user. */
public final class JdbcRestoreCodeStore implements RestoreCodeStore {
  private static final List<SelectField<?>> COLUMNS = List.of(PASSWORD_RESTORE.USER_ID, PASSWORD_RESTORE.CODE_HASH,
      PASSWORD_RESTORE.CREATED_AT, PASSWORD_RESTORE.EXPIRES_AT, PASSWORD_RESTORE.USED_AT, PASSWORD_RESTORE.WINDOW_START,
      PASSWORD_RESTORE.TRIES);

  private final JdbcTransactor tx;

  public JdbcRestoreCodeStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<RestoreCode> lock(long userId) {
    return tx.ctx().select(COLUMNS).from(PASSWORD_RESTORE).where(PASSWORD_RESTORE.USER_ID.eq(userId)).forUpdate()
        .fetchOptional(JdbcRestoreCodeStore::code);
  }

  @Override
  public void save(RestoreCode c) {
    Map<Field<?>, @Nullable Object> values = new LinkedHashMap<>();
    values.put(PASSWORD_RESTORE.CODE_HASH, c.codeHash());
    values.put(PASSWORD_RESTORE.CREATED_AT, c.createdAt().toEpochMilli());
    values.put(PASSWORD_RESTORE.EXPIRES_AT, c.expiresAt().toEpochMilli());
    values.put(PASSWORD_RESTORE.USED_AT, millis(c.usedAt()));
    values.put(PASSWORD_RESTORE.WINDOW_START, c.windowStart().toEpochMilli());
    values.put(PASSWORD_RESTORE.TRIES, c.tries());
    tx.ctx().insertInto(PASSWORD_RESTORE).set(PASSWORD_RESTORE.USER_ID, c.userId()).set(values)
        .onConflict(PASSWORD_RESTORE.USER_ID).doUpdate().set(values)
        .execute();
  }

  @Override
  public int deleteExpiredBefore(Instant instant) {
    return tx.ctx().deleteFrom(PASSWORD_RESTORE).where(PASSWORD_RESTORE.EXPIRES_AT.lt(instant.toEpochMilli()))
        .execute();
  }

  private static RestoreCode code(Record r) {
    return new RestoreCode(r.get(PASSWORD_RESTORE.USER_ID), r.get(PASSWORD_RESTORE.CODE_HASH),
        Instant.ofEpochMilli(r.get(PASSWORD_RESTORE.CREATED_AT)),
        Instant.ofEpochMilli(r.get(PASSWORD_RESTORE.EXPIRES_AT)), instant(r.get(PASSWORD_RESTORE.USED_AT)),
        Instant.ofEpochMilli(r.get(PASSWORD_RESTORE.WINDOW_START)), r.get(PASSWORD_RESTORE.TRIES));
  }
}
