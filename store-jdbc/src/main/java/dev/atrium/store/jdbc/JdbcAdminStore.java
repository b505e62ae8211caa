package dev.atrium.store.jdbc;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.val;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.core.admin.AdminStore;
import dev.atrium.core.admin.App;
import dev.atrium.core.admin.Disclaimer;
import dev.atrium.store.jdbc.Schema.Disclaimers;
import dev.atrium.store.jdbc.Schema.PodApps;
import dev.atrium.store.jdbc.Schema.UserApps;
import dev.atrium.store.jdbc.Schema.Users;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;

/** Disclaimers and application entitlements on jOOQ. */
public final class JdbcAdminStore implements AdminStore {
  private static final TypeReference<List<App.Product>> PRODUCTS = new TypeReference<>() {};
  /** Named columns, never select *: see JdbcUserStore.COLUMNS. */
  private static final List<org.jooq.Field<?>> DISCLAIMER_COLUMNS = List.of(Disclaimers.ID, Disclaimers.NAME,
      Disclaimers.CONTENT, Disclaimers.FREQUENCY_HOURS, Disclaimers.IS_DEFAULT, Disclaimers.IS_ACTIVE,
      Disclaimers.FORMAT, Disclaimers.CREATED_AT, Disclaimers.MODIFIED_AT);
  private final JdbcTransactor tx;

  public JdbcAdminStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public void insertDisclaimer(Disclaimer d) {
    tx.ctx().insertInto(Disclaimers.T)
        .set(Disclaimers.ID, d.id()).set(Disclaimers.NAME, d.name()).set(Disclaimers.CONTENT, d.content())
        .set(Disclaimers.FREQUENCY_HOURS, d.frequencyInHours()).set(Disclaimers.IS_DEFAULT, d.isDefault())
        .set(Disclaimers.IS_ACTIVE, d.isActive()).set(Disclaimers.FORMAT, d.format().name())
        .set(Disclaimers.CREATED_AT, d.createdAt().toEpochMilli())
        .set(Disclaimers.MODIFIED_AT, d.modifiedAt().toEpochMilli())
        .execute();
  }

  @Override
  public void updateDisclaimer(Disclaimer d) {
    tx.ctx().update(Disclaimers.T)
        .set(Disclaimers.NAME, d.name()).set(Disclaimers.CONTENT, d.content())
        .set(Disclaimers.FREQUENCY_HOURS, d.frequencyInHours()).set(Disclaimers.IS_DEFAULT, d.isDefault())
        .set(Disclaimers.IS_ACTIVE, d.isActive()).set(Disclaimers.FORMAT, d.format().name())
        .set(Disclaimers.MODIFIED_AT, d.modifiedAt().toEpochMilli())
        .where(Disclaimers.ID.eq(d.id()))
        .execute();
  }

  @Override
  public Optional<Disclaimer> disclaimer(String id) {
    return tx.ctx().select(DISCLAIMER_COLUMNS).from(Disclaimers.T).where(Disclaimers.ID.eq(id)).fetchOptional()
        .map(JdbcAdminStore::disclaimer);
  }

  @Override
  public List<Disclaimer> disclaimers() {
    return tx.ctx().select(DISCLAIMER_COLUMNS).from(Disclaimers.T).orderBy(Disclaimers.CREATED_AT, Disclaimers.ID)
        .fetch(JdbcAdminStore::disclaimer);
  }

  @Override
  public List<Long> usersWithDisclaimer(String id) {
    return tx.ctx().select(Users.ID).from(Users.T).where(Users.DISCLAIMER_ID.eq(id)).orderBy(Users.ID)
        .fetch(Users.ID);
  }

  @Override
  public List<App.PodEntitlement> podApps() {
    return tx.ctx().select(PodApps.APP_ID, PodApps.APP_NAME, PodApps.ENABLED, PodApps.LISTED, PodApps.INSTALL)
        .from(PodApps.T).orderBy(PodApps.ORDINAL).fetch(r -> new App.PodEntitlement(
        r.get(PodApps.APP_ID), r.get(PodApps.APP_NAME), r.get(PodApps.ENABLED), r.get(PodApps.LISTED),
        r.get(PodApps.INSTALL)));
  }

  @Override
  public void putPodApp(App.PodEntitlement app) {
    int updated = tx.ctx().update(PodApps.T)
        .set(PodApps.APP_NAME, app.appName()).set(PodApps.ENABLED, app.enable())
        .set(PodApps.LISTED, app.listed()).set(PodApps.INSTALL, app.install())
        .where(PodApps.APP_ID.eq(app.appId()))
        .execute();
    if (updated == 0) {
      long next = tx.ctx().select(coalesce(max(PodApps.ORDINAL), val(0L))).from(PodApps.T).fetchOne(0, Long.class) + 1;
      tx.ctx().insertInto(PodApps.T)
          .set(PodApps.APP_ID, app.appId()).set(PodApps.APP_NAME, app.appName()).set(PodApps.ENABLED, app.enable())
          .set(PodApps.LISTED, app.listed()).set(PodApps.INSTALL, app.install()).set(PodApps.ORDINAL, next)
          .execute();
    }
  }

  @Override
  public List<App.UserEntitlement> userApps(long userId) {
    return tx.ctx().select(UserApps.APP_ID, UserApps.APP_NAME, UserApps.LISTED, UserApps.INSTALL, UserApps.PRODUCTS)
        .from(UserApps.T).where(UserApps.USER_ID.eq(userId)).orderBy(UserApps.APP_ID)
        .fetch(r -> new App.UserEntitlement(r.get(UserApps.APP_ID), r.get(UserApps.APP_NAME),
            r.get(UserApps.LISTED), r.get(UserApps.INSTALL), Json.read(r.get(UserApps.PRODUCTS), PRODUCTS)));
  }

  @Override
  public void putUserApp(long userId, App.UserEntitlement app) {
    String products = Json.write(app.products());
    tx.ctx().insertInto(UserApps.T)
        .set(UserApps.USER_ID, userId).set(UserApps.APP_ID, app.appId()).set(UserApps.APP_NAME, app.appName())
        .set(UserApps.LISTED, app.listed()).set(UserApps.INSTALL, app.install()).set(UserApps.PRODUCTS, products)
        .onConflict(UserApps.USER_ID, UserApps.APP_ID).doUpdate()
        .set(UserApps.APP_NAME, app.appName()).set(UserApps.LISTED, app.listed())
        .set(UserApps.INSTALL, app.install()).set(UserApps.PRODUCTS, products)
        .execute();
  }

  private static Disclaimer disclaimer(Record r) {
    return new Disclaimer(r.get(Disclaimers.ID), r.get(Disclaimers.NAME), r.get(Disclaimers.CONTENT),
        r.get(Disclaimers.FREQUENCY_HOURS), r.get(Disclaimers.IS_DEFAULT), r.get(Disclaimers.IS_ACTIVE),
        Disclaimer.Format.valueOf(r.get(Disclaimers.FORMAT)), Instant.ofEpochMilli(r.get(Disclaimers.CREATED_AT)),
        Instant.ofEpochMilli(r.get(Disclaimers.MODIFIED_AT)));
  }
}
