package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.API_CLIENT;

import dev.atrium.core.client.ApiClient;
import dev.atrium.core.client.ApiClientStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** API clients on jOOQ; the list reads {@code api_client_created_ix} backwards. */
public final class JdbcApiClientStore implements ApiClientStore {
  private static final List<Field<?>> COLUMNS = List.of(API_CLIENT.CLIENT_ID, API_CLIENT.NAME, API_CLIENT.CREATED_AT,
      API_CLIENT.CREATED_BY, API_CLIENT.REVOKED_AT);
  private final JdbcTransactor tx;

  public JdbcApiClientStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insert(ApiClient c, String secretHash) {
    tx.ctx().insertInto(API_CLIENT)
        .set(API_CLIENT.CLIENT_ID, c.clientId()).set(API_CLIENT.NAME, c.name())
        .set(API_CLIENT.SECRET_HASH, secretHash).set(API_CLIENT.CREATED_AT, c.createdAt().toEpochMilli())
        .set(API_CLIENT.CREATED_BY, c.createdBy())
        .set(API_CLIENT.REVOKED_AT, JdbcUserStore.millis(c.revokedAt()))
        .execute();
  }

  @Override
  public Optional<ApiClient> byId(String clientId) {
    return tx.ctx().select(COLUMNS).from(API_CLIENT).where(API_CLIENT.CLIENT_ID.eq(clientId))
        .fetchOptional(JdbcApiClientStore::client);
  }

  @Override
  public Optional<Credential> credential(String clientId) {
    return tx.ctx().select(COLUMNS).select(API_CLIENT.SECRET_HASH).from(API_CLIENT)
        .where(API_CLIENT.CLIENT_ID.eq(clientId))
        .fetchOptional(r -> new Credential(client(r), r.get(API_CLIENT.SECRET_HASH)));
  }

  @Override
  public List<ApiClient> all() {
    return tx.ctx().select(COLUMNS).from(API_CLIENT).orderBy(API_CLIENT.CREATED_AT.desc(), API_CLIENT.CLIENT_ID.desc())
        .fetch(JdbcApiClientStore::client);
  }

  @Override
  public boolean revoke(String clientId, Instant at) {
    return tx.ctx().update(API_CLIENT).set(API_CLIENT.REVOKED_AT, at.toEpochMilli())
        .where(API_CLIENT.CLIENT_ID.eq(clientId), API_CLIENT.REVOKED_AT.isNull()).execute() == 1;
  }

  private static ApiClient client(Record r) {
    return new ApiClient(r.get(API_CLIENT.CLIENT_ID), r.get(API_CLIENT.NAME),
        Instant.ofEpochMilli(r.get(API_CLIENT.CREATED_AT)), r.get(API_CLIENT.CREATED_BY),
        JdbcUserStore.instant(r.get(API_CLIENT.REVOKED_AT)));
  }
}
