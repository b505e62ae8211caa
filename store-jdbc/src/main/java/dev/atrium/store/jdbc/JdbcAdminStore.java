package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.DISCLAIMER;
import static dev.atrium.store.jdbc.schema.Tables.POD_APP;
import static dev.atrium.store.jdbc.schema.Tables.USERS;
import static dev.atrium.store.jdbc.schema.Tables.USER_APP;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.val;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.core.admin.AdminStore;
import dev.atrium.core.admin.App;
import dev.atrium.core.admin.Disclaimer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;

/** Disclaimers and application entitlements on jOOQ. */
public final class JdbcAdminStore implements AdminStore {
  private static final TypeReference<List<App.Product>> PRODUCTS = new TypeReference<>() {};
  /** Named columns, never select *: see JdbcUserStore.COLUMNS. */
  private static final List<org.jooq.Field<?>> DISCLAIMER_COLUMNS = List.of(DISCLAIMER.ID, DISCLAIMER.NAME,
      DISCLAIMER.CONTENT, DISCLAIMER.FREQUENCY_HOURS, DISCLAIMER.IS_DEFAULT, DISCLAIMER.IS_ACTIVE,
      DISCLAIMER.FORMAT, DISCLAIMER.CREATED_AT, DISCLAIMER.MODIFIED_AT);
  private final JdbcTransactor tx;

  public JdbcAdminStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insertDisclaimer(Disclaimer d) {
    tx.ctx().insertInto(DISCLAIMER)
        .set(DISCLAIMER.ID, d.id()).set(DISCLAIMER.NAME, d.name()).set(DISCLAIMER.CONTENT, d.content())
        .set(DISCLAIMER.FREQUENCY_HOURS, d.frequencyInHours()).set(DISCLAIMER.IS_DEFAULT, d.isDefault())
        .set(DISCLAIMER.IS_ACTIVE, d.isActive()).set(DISCLAIMER.FORMAT, d.format().name())
        .set(DISCLAIMER.CREATED_AT, d.createdAt().toEpochMilli())
        .set(DISCLAIMER.MODIFIED_AT, d.modifiedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void updateDisclaimer(Disclaimer d) {
    tx.ctx().update(DISCLAIMER)
        .set(DISCLAIMER.NAME, d.name()).set(DISCLAIMER.CONTENT, d.content())
        .set(DISCLAIMER.FREQUENCY_HOURS, d.frequencyInHours()).set(DISCLAIMER.IS_DEFAULT, d.isDefault())
        .set(DISCLAIMER.IS_ACTIVE, d.isActive()).set(DISCLAIMER.FORMAT, d.format().name())
        .set(DISCLAIMER.MODIFIED_AT, d.modifiedAt().toEpochMilli())
        .where(DISCLAIMER.ID.eq(d.id()))
        .execute();
  }

  @Override
  public Optional<Disclaimer> disclaimer(String id) {
    return tx.ctx().select(DISCLAIMER_COLUMNS).from(DISCLAIMER).where(DISCLAIMER.ID.eq(id)).fetchOptional()
        .map(JdbcAdminStore::disclaimer);
  }

  @Override
  public List<Disclaimer> disclaimers() {
    return tx.ctx().select(DISCLAIMER_COLUMNS).from(DISCLAIMER).orderBy(DISCLAIMER.CREATED_AT, DISCLAIMER.ID)
        .fetch(JdbcAdminStore::disclaimer);
  }

  @Override
  public List<Long> usersWithDisclaimer(String id) {
    return tx.ctx().select(USERS.ID).from(USERS).where(USERS.DISCLAIMER_ID.eq(id)).orderBy(USERS.ID)
        .fetch(USERS.ID);
  }

  @Override
  public List<App.PodEntitlement> podApps() {
    return tx.ctx().select(POD_APP.APP_ID, POD_APP.APP_NAME, POD_APP.ENABLED, POD_APP.LISTED, POD_APP.INSTALL)
        .from(POD_APP).orderBy(POD_APP.ORDINAL).fetch(r -> new App.PodEntitlement(
        r.get(POD_APP.APP_ID), r.get(POD_APP.APP_NAME), r.get(POD_APP.ENABLED), r.get(POD_APP.LISTED),
        r.get(POD_APP.INSTALL)));
  }

  @Override
  public void putPodApp(App.PodEntitlement app) {
    int updated = tx.ctx().update(POD_APP)
        .set(POD_APP.APP_NAME, app.appName()).set(POD_APP.ENABLED, app.enable())
        .set(POD_APP.LISTED, app.listed()).set(POD_APP.INSTALL, app.install())
        .where(POD_APP.APP_ID.eq(app.appId()))
        .execute();
    if (updated == 0) {
      long next = tx.ctx().select(coalesce(max(POD_APP.ORDINAL), val(0L))).from(POD_APP).fetchSingle().value1() + 1;
      tx.ctx().insertInto(POD_APP)
          .set(POD_APP.APP_ID, app.appId()).set(POD_APP.APP_NAME, app.appName()).set(POD_APP.ENABLED, app.enable())
          .set(POD_APP.LISTED, app.listed()).set(POD_APP.INSTALL, app.install()).set(POD_APP.ORDINAL, next)
          .execute();
    }
  }

  @Override
  public List<App.UserEntitlement> userApps(long userId) {
    return tx.ctx().select(USER_APP.APP_ID, USER_APP.APP_NAME, USER_APP.LISTED, USER_APP.INSTALL, USER_APP.PRODUCTS)
        .from(USER_APP).where(USER_APP.USER_ID.eq(userId)).orderBy(USER_APP.APP_ID)
        .fetch(r -> new App.UserEntitlement(r.get(USER_APP.APP_ID), r.get(USER_APP.APP_NAME),
            r.get(USER_APP.LISTED), r.get(USER_APP.INSTALL), Json.read(r.get(USER_APP.PRODUCTS), PRODUCTS)));
  }

  @Override
  public void putUserApp(long userId, App.UserEntitlement app) {
    String products = Json.write(app.products());
    tx.ctx().insertInto(USER_APP)
        .set(USER_APP.USER_ID, userId).set(USER_APP.APP_ID, app.appId()).set(USER_APP.APP_NAME, app.appName())
        .set(USER_APP.LISTED, app.listed()).set(USER_APP.INSTALL, app.install()).set(USER_APP.PRODUCTS, products)
        .onConflict(USER_APP.USER_ID, USER_APP.APP_ID).doUpdate()
        .set(USER_APP.APP_NAME, app.appName()).set(USER_APP.LISTED, app.listed())
        .set(USER_APP.INSTALL, app.install()).set(USER_APP.PRODUCTS, products)
        .execute();
  }

  private static Disclaimer disclaimer(Record r) {
    return new Disclaimer(r.get(DISCLAIMER.ID), r.get(DISCLAIMER.NAME), r.get(DISCLAIMER.CONTENT),
        r.get(DISCLAIMER.FREQUENCY_HOURS), r.get(DISCLAIMER.IS_DEFAULT), r.get(DISCLAIMER.IS_ACTIVE),
        Disclaimer.Format.valueOf(r.get(DISCLAIMER.FORMAT)), Instant.ofEpochMilli(r.get(DISCLAIMER.CREATED_AT)),
        Instant.ofEpochMilli(r.get(DISCLAIMER.MODIFIED_AT)));
  }
}
