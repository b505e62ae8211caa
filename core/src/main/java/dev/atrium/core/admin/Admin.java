package dev.atrium.core.admin;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.Users;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Pod-wide administration: disclaimers and application entitlements. */
public final class Admin {
  public static final int MAX_DISCLAIMER_LENGTH = 10_000;

  private final AdminStore store;
  private final Users users;
  private final UserAdmin userAdmin;
  private final AuditLog audit;
  private final Transactor tx;
  private final InstantSource clock;
  private final RandomGenerator random;

  public Admin(AdminStore store, Users users, UserAdmin userAdmin, AuditLog audit, Transactor tx,
      InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.users = users;
    this.userAdmin = userAdmin;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.random = random;
  }

  /** What an administrator gives for a disclaimer; the server sets id and times. */
  public record DisclaimerSpec(String name, String content, int frequencyInHours, boolean isDefault,
      boolean isActive, Disclaimer.Format format) {}

  public List<Disclaimer> disclaimers(User actor) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.disclaimers();
  }

  public Disclaimer disclaimer(User actor, String id) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.disclaimer(id).orElseThrow(() -> AtriumException.notFound("Disclaimer " + id + " not found"));
  }

  public List<Long> disclaimerUsers(User actor, String id) {
    disclaimer(actor, id);
    return store.usersWithDisclaimer(id);
  }

  public Disclaimer createDisclaimer(User actor, DisclaimerSpec spec) {
    Roles.require(actor, Roles.POD_ADMINS);
    check(spec);
    Instant now = clock.instant();
    byte[] id = new byte[12];
    random.nextBytes(id);
    Disclaimer created = new Disclaimer(HexFormat.of().formatHex(id), spec.name(), spec.content(),
        spec.frequencyInHours(), spec.isDefault(), spec.isActive(), spec.format(), now, now);
    tx.run(() -> {
      if (created.isDefault()) {
        clearDefault(now);
      }
      store.insertDisclaimer(created);
      audit.append(new AuditEntry(actor.id(), "disclaimer.create", "disclaimer:" + created.id(), null, created, now));
    });
    return created;
  }

  public Disclaimer updateDisclaimer(User actor, String id, DisclaimerSpec spec) {
    Roles.require(actor, Roles.POD_ADMINS);
    check(spec);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Disclaimer before = disclaimer(actor, id);
      Disclaimer after = new Disclaimer(id, spec.name(), spec.content(), spec.frequencyInHours(), spec.isDefault(),
          spec.isActive(), spec.format(), before.createdAt(), now);
      if (after.isDefault() && !before.isDefault()) {
        clearDefault(now);
      }
      store.updateDisclaimer(after);
      audit.append(new AuditEntry(actor.id(), "disclaimer.update", "disclaimer:" + id, before, after, now));
      return after;
    });
  }

  /** Assigns a disclaimer to a user; it must exist and be active. Disclaimers are never deleted. */
  public void assignDisclaimer(User actor, long userId, String disclaimerId) {
    Roles.require(actor, Roles.USER_ADMINS);
    Disclaimer d = store.disclaimer(disclaimerId)
        .orElseThrow(() -> AtriumException.invalid("Disclaimer " + disclaimerId + " does not exist"));
    require(d.isActive(), "Disclaimer " + disclaimerId + " is not active");
    userAdmin.assignDisclaimer(actor, userId, disclaimerId);
  }

  private void clearDefault(Instant now) {
    for (Disclaimer d : store.disclaimers()) {
      if (d.isDefault()) {
        store.updateDisclaimer(new Disclaimer(d.id(), d.name(), d.content(), d.frequencyInHours(), false,
            d.isActive(), d.format(), d.createdAt(), now));
      }
    }
  }

  private static void check(DisclaimerSpec spec) {
    require(!spec.name().isBlank(), "name is required");
    require(spec.name().length() <= 256, "name must be at most 256 characters long");
    require(!spec.content().isBlank(), "content is required");
    require(spec.content().length() <= MAX_DISCLAIMER_LENGTH,
        "content must be at most " + MAX_DISCLAIMER_LENGTH + " characters long");
    require(spec.frequencyInHours() >= 0, "frequencyInHours must not be negative");
  }

  // ---- application entitlements

  public List<App.PodEntitlement> podApps(User actor) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.podApps();
  }

  /** Updates the company's entitlements; an app id not seen before is added. */
  public List<App.PodEntitlement> setPodApps(User actor, List<App.PodEntitlement> apps) {
    Roles.require(actor, Roles.POD_ADMINS);
    for (App.PodEntitlement app : apps) {
      checkApp(app.appId(), app.appName());
    }
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      List<App.PodEntitlement> before = store.podApps();
      apps.forEach(store::putPodApp);
      List<App.PodEntitlement> after = store.podApps();
      audit.append(new AuditEntry(actor.id(), "apps.update", "pod", before, after, now));
      return after;
    });
  }

  /** A user's entitlement for every enabled app: their own setting, else the company's. */
  public List<App.UserEntitlement> userApps(User actor, long userId) {
    Roles.require(actor, Roles.USER_ADMINS);
    users.get(userId);
    Map<String, App.UserEntitlement> own = new LinkedHashMap<>();
    store.userApps(userId).forEach(a -> own.put(a.appId(), a));
    List<App.UserEntitlement> result = new ArrayList<>();
    for (App.PodEntitlement app : store.podApps()) {
      if (app.enable()) {
        result.add(own.getOrDefault(app.appId(),
            new App.UserEntitlement(app.appId(), app.appName(), app.listed(), app.install(), List.of())));
      }
    }
    return result;
  }

  public List<App.UserEntitlement> setUserApps(User actor, long userId, List<App.UserEntitlement> apps) {
    Roles.require(actor, Roles.USER_ADMINS);
    Map<String, App.PodEntitlement> known = new LinkedHashMap<>();
    store.podApps().forEach(a -> known.put(a.appId(), a));
    for (App.UserEntitlement app : apps) {
      checkApp(app.appId(), app.appName());
      require(known.containsKey(app.appId()), "Unknown application: " + app.appId());
      for (App.Product p : app.products()) {
        require(p.appId().equals(app.appId()), "A product's appId must be the app's own: " + p.appId());
        require(!p.name().isBlank() && !p.sku().isBlank(), "A product needs a name and a sku");
      }
    }
    Instant now = clock.instant();
    tx.run(() -> {
      users.get(userId);
      List<App.UserEntitlement> before = store.userApps(userId);
      apps.forEach(a -> store.putUserApp(userId, a));
      audit.append(new AuditEntry(actor.id(), "user.apps", "user:" + userId, before, apps, now));
    });
    return userApps(actor, userId);
  }

  private static void checkApp(String appId, String appName) {
    require(!appId.isEmpty() && appId.length() <= 256, "appId must be 1 to 256 characters long");
    require(!appName.isEmpty() && appName.length() <= 50, "appName must be 1 to 50 characters long");
  }
}
