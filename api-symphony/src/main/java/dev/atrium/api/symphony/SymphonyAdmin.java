package dev.atrium.api.symphony;

import static dev.atrium.api.symphony.Requests.uid;
import static dev.atrium.http.Params.body;
import static dev.atrium.http.Params.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.admin.Admin;
import dev.atrium.core.admin.App;
import dev.atrium.core.admin.Disclaimer;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Features;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.UserEdit;
import dev.atrium.core.user.UserFilter;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.Users;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The admin user API: accounts, status, features, roles, avatars, delegates, disclaimers, app entitlements. */
final class SymphonyAdmin {
  private final Users users;
  private final Accounts accounts;
  private final UserAdmin userAdmin;
  private final Admin admin;
  private final Avatars avatars;
  private final UserMapping mapping;
  private final Requests requests;

  SymphonyAdmin(Users users, Accounts accounts, UserAdmin userAdmin, Admin admin, Avatars avatars,
      UserMapping mapping, Requests requests) {
    this.users = users;
    this.accounts = accounts;
    this.userAdmin = userAdmin;
    this.admin = admin;
    this.avatars = avatars;
    this.mapping = mapping;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    var r = cfg.routes;
    r.post("/pod/v1/admin/user/create", this::createV1);
    r.post("/pod/v2/admin/user/create", this::createV2);
    r.get("/pod/v1/admin/user/list", ctx -> ctx.json(users.ids(requests.admin(ctx))));
    r.get("/pod/v2/admin/user/list", this::listV2);
    r.post("/pod/v1/admin/user/find", this::find);
    r.get("/pod/v1/admin/user/{uid}", ctx -> ctx.json(mapping.detail(target(ctx))));
    r.get("/pod/v2/admin/user/{uid}", this::getV2);
    r.post("/pod/v1/admin/user/{uid}/update", ctx -> ctx.json(mapping.detail(update(ctx, false))));
    r.post("/pod/v2/admin/user/{uid}/update", this::updateV2);
    r.get("/pod/v1/admin/user/{uid}/status", ctx -> ctx.json(new Wire.UserStatus(target(ctx).status().name())));
    r.post("/pod/v1/admin/user/{uid}/status/update", this::updateStatus);
    r.get("/pod/v1/admin/user/{uid}/features", this::features);
    r.post("/pod/v1/admin/user/{uid}/features/update", this::updateFeatures);
    r.get("/pod/v1/admin/system/features/list", ctx -> {
      requests.admin(ctx);
      ctx.json(Features.ALL);
    });
    r.get("/pod/v1/admin/user/{uid}/roles", this::roles);
    r.post("/pod/v1/admin/user/{uid}/roles/update", this::updateRoles);
    r.get("/pod/v1/admin/system/roles/list", ctx -> {
      requests.admin(ctx);
      ctx.json(Roles.ALL);
    });
    r.get("/pod/v1/admin/user/{uid}/avatar", ctx -> ctx.json(mapping.avatars(target(ctx))));
    r.post("/pod/v1/admin/user/{uid}/avatar/update", this::updateAvatar);
    r.get("/pod/v1/admin/user/{uid}/delegates", ctx -> ctx.json(users.delegates(target(ctx).id())));
    r.post("/pod/v1/admin/user/{uid}/delegates/update", this::updateDelegates);
    r.get("/pod/v1/admin/user/{uid}/disclaimer", this::userDisclaimer);
    r.post("/pod/v1/admin/user/{uid}/disclaimer/update", this::assignDisclaimer);
    r.get("/pod/v1/admin/disclaimer/list", ctx ->
        ctx.json(admin.disclaimers(requests.admin(ctx)).stream().map(SymphonyAdmin::disclaimer).toList()));
    r.post("/pod/v1/admin/disclaimer/create", ctx ->
        ctx.json(disclaimer(admin.createDisclaimer(requests.admin(ctx), disclaimerSpec(ctx)))));
    r.get("/pod/v1/admin/disclaimer/{did}", ctx ->
        ctx.json(disclaimer(admin.disclaimer(requests.admin(ctx), ctx.pathParam("did")))));
    r.post("/pod/v1/admin/disclaimer/{did}/update", ctx -> ctx.json(disclaimer(
        admin.updateDisclaimer(requests.admin(ctx), ctx.pathParam("did"), disclaimerSpec(ctx)))));
    r.get("/pod/v1/admin/disclaimer/{did}/users", ctx ->
        ctx.json(admin.disclaimerUsers(requests.admin(ctx), ctx.pathParam("did"))));
    r.get("/pod/v1/admin/app/entitlement/list", ctx ->
        ctx.json(admin.podApps(requests.admin(ctx)).stream().map(SymphonyAdmin::podApp).toList()));
    r.post("/pod/v1/admin/app/entitlement/list", this::updatePodApps);
    r.get("/pod/v1/admin/user/{uid}/app/entitlement/list", ctx -> ctx.json(admin.userApps(requests.admin(ctx),
        uid(ctx)).stream().map(SymphonyAdmin::userApp).toList()));
    r.post("/pod/v1/admin/user/{uid}/app/entitlement/list", this::updateUserApps);
  }

  /** The user named by the path, after checking that the caller is an administrator. */
  private User target(Context ctx) {
    requests.admin(ctx);
    return users.get(uid(ctx));
  }

  // ---- accounts

  private void createV1(Context ctx) {
    ctx.json(mapping.detail(create(ctx)));
  }

  private void createV2(Context ctx) {
    User created = create(ctx);
    ctx.json(mapping.v2Detail(created, users.keys(created.id())));
  }

  private User create(Context ctx) {
    User actor = requests.admin(ctx);
    Wire.UserCreateIn in = body(ctx, Wire.UserCreateIn.class);
    Wire.UserAttributesIn attrs = required(in.userAttributes(), "userAttributes");
    UserEdit edit = UserMapping.apply(attrs, new UserEdit(
        required(attrs.userName(), "userAttributes.userName"), null, Profile.EMPTY, AccountType.NORMAL));
    Set<String> roles = in.roles() == null ? Set.of() : new LinkedHashSet<>(in.roles());
    NewUser spec = new NewUser(edit.username(), edit.email(), edit.profile(), edit.accountType(), roles,
        password(in.password()), false);
    return accounts.create(actor, spec, UserMapping.keyChanges(attrs));
  }

  /**
   * Symphony's Password block carries PBKDF2 material computed by the admin client; Atrium keeps it and
   * checks logins against it. A plain string is accepted too (an Atrium extension for scripts).
   */
  private static NewUser.Password password(@org.jspecify.annotations.Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return new NewUser.Password.None();
    }
    if (node.isTextual()) {
      return new NewUser.Password.Plain(node.asText());
    }
    if (!node.isObject()) {
      throw AtriumException.invalid("password must be a Password object {hSalt, hPassword, khSalt, khPassword}");
    }
    JsonNode salt = node.get("hSalt");
    JsonNode hash = node.get("hPassword");
    if (salt == null || hash == null || !salt.isTextual() || !hash.isTextual()) {
      throw AtriumException.invalid("password.hSalt and password.hPassword are required strings");
    }
    return new NewUser.Password.SymphonyPbkdf2(salt.asText(), hash.asText());
  }

  private void getV2(Context ctx) {
    User user = target(ctx);
    ctx.json(mapping.v2Detail(user, users.keys(user.id())));
  }

  private void updateV2(Context ctx) {
    User user = update(ctx, true);
    ctx.json(mapping.v2Detail(user, users.keys(user.id())));
  }

  private User update(Context ctx, boolean withKeys) {
    User actor = requests.admin(ctx);
    long uid = uid(ctx);
    Wire.UserAttributesIn attrs = body(ctx, Wire.UserAttributesIn.class);
    return accounts.update(actor, uid, current -> UserMapping.apply(attrs, current),
        withKeys ? UserMapping.keyChanges(attrs) : List.of());
  }

  /** All users with their details, a page at a time: skip (0), limit (100, at most 1000). */
  private void listV2(Context ctx) {
    User actor = requests.admin(ctx);
    int skip = Params.intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = Params.intQuery(ctx, "limit", 100, 1, 1000);
    ctx.json(users.page(actor, skip, limit).stream().map(u -> mapping.v2Detail(u, users.keys(u.id()))).toList());
  }

  private void find(Context ctx) {
    User actor = requests.admin(ctx);
    Wire.UserFilterIn in = body(ctx, Wire.UserFilterIn.class);
    UserStatus status = in.status() == null ? null : Params.enumValue(UserStatus.class, in.status(), "status");
    AccountType type = null;
    if (in.usertype() != null) {
      type = switch (in.usertype()) {
        case "NORMAL" -> AccountType.NORMAL;
        case "SYSTEM" -> AccountType.SYSTEM;
        case "TW" -> null;
        default -> throw AtriumException.invalid("usertype must be NORMAL, SYSTEM or TW, got '" + in.usertype() + "'");
      };
      if (type == null) {
        ctx.json(List.of());
        return;
      }
    }
    List<User> found = users.find(actor, new UserFilter(in.email(), in.name(), in.department(), in.title(),
        in.role(), status, type, in.location()));
    ctx.json(found.stream().map(u -> new Wire.UserInfo(UserMapping.attributes(u), UserMapping.systemInfo(u)))
        .toList());
  }

  private void updateStatus(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = uid(ctx);
    Wire.UserStatusIn in = body(ctx, Wire.UserStatusIn.class);
    UserStatus status = Params.enumValue(UserStatus.class, required(in.status(), "status"), "status");
    accounts.setStatus(actor, uid, status);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  // ---- features and roles

  private void features(Context ctx) {
    User user = target(ctx);
    ctx.json(users.features(user.id()).entrySet().stream()
        .map(e -> new Wire.Feature(e.getKey(), e.getValue())).toList());
  }

  private void updateFeatures(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = uid(ctx);
    Wire.FeatureIn[] in = body(ctx, Wire.FeatureIn[].class);
    Map<String, Boolean> changes = new LinkedHashMap<>();
    for (int i = 0; i < in.length; i++) {
      Wire.FeatureIn f = required(in[i], "[" + i + "]");
      changes.put(required(f.entitlment(), "[" + i + "].entitlment"), required(f.enabled(), "[" + i + "].enabled"));
    }
    userAdmin.setFeatures(actor, uid, changes);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  private void roles(Context ctx) {
    User user = target(ctx);
    ctx.json(user.roles().stream().sorted().map(role -> new Wire.Role(role, role, describe(role))).toList());
  }

  private static String describe(String role) {
    return switch (role) {
      case Roles.SUPER_ADMINISTRATOR -> "Super Administrator";
      case Roles.ADMINISTRATOR -> "Administrator";
      case Roles.USER_PROVISIONING -> "User Provisioning";
      case Roles.INDIVIDUAL -> "Individual";
      default -> role.charAt(0) + role.substring(1).toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    };
  }

  private void updateRoles(Context ctx) {
    User actor = requests.caller(ctx).user();
    Roles.require(actor, Roles.POD_ADMINS);
    long uid = uid(ctx);
    String[] roles = body(ctx, String[].class);
    Set<String> set = new LinkedHashSet<>();
    for (String role : roles) {
      set.add(required(role, "role"));
    }
    userAdmin.setRoles(actor, uid, set);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  // ---- avatar, delegates, disclaimers

  private void updateAvatar(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = uid(ctx);
    String image = required(body(ctx, Wire.AvatarUpdateIn.class).image(), "image");
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(image);
    } catch (IllegalArgumentException e) {
      throw AtriumException.invalid("image must be base64-encoded");
    }
    avatars.update(actor, uid, bytes);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  private void updateDelegates(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = uid(ctx);
    Wire.DelegateActionIn in = body(ctx, Wire.DelegateActionIn.class);
    long delegate = required(in.userId(), "userId");
    UserAdmin.DelegateAction action = Params.enumValue(UserAdmin.DelegateAction.class, required(in.action(), "action"),
        "action");
    userAdmin.updateDelegates(actor, uid, delegate, action);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  private void userDisclaimer(Context ctx) {
    User actor = requests.admin(ctx);
    User user = users.get(uid(ctx));
    if (user.disclaimerId() == null) {
      ctx.status(204);
      return;
    }
    ctx.json(disclaimer(admin.disclaimer(actor, user.disclaimerId())));
  }

  private void assignDisclaimer(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = uid(ctx);
    String id = required(body(ctx, Wire.StringIdIn.class).id(), "id");
    admin.assignDisclaimer(actor, uid, id);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  private static Admin.DisclaimerSpec disclaimerSpec(Context ctx) {
    Wire.DisclaimerIn in = body(ctx, Wire.DisclaimerIn.class);
    Disclaimer.Format format = in.format() == null ? Disclaimer.Format.TEXT
        : Params.enumValue(Disclaimer.Format.class, in.format(), "format");
    return new Admin.DisclaimerSpec(required(in.name(), "name"), required(in.content(), "content"),
        in.frequencyInHours() == null ? 24 : in.frequencyInHours(), Boolean.TRUE.equals(in.isDefault()),
        in.isActive() == null || in.isActive(), format);
  }

  private static Wire.Disclaimer disclaimer(Disclaimer d) {
    return new Wire.Disclaimer(d.id(), d.name(), d.content(), d.frequencyInHours(), d.isDefault(), d.isActive(),
        d.createdAt().toEpochMilli(), d.modifiedAt().toEpochMilli(), d.format().name());
  }

  // ---- app entitlements

  private void updatePodApps(Context ctx) {
    User actor = requests.admin(ctx);
    Wire.PodAppIn[] in = body(ctx, Wire.PodAppIn[].class);
    List<App.PodEntitlement> apps = new java.util.ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      Wire.PodAppIn a = required(in[i], "[" + i + "]");
      String at = "[" + i + "].";
      apps.add(new App.PodEntitlement(required(a.appId(), at + "appId"), required(a.appName(), at + "appName"),
          required(a.enable(), at + "enable"), required(a.listed(), at + "listed"),
          required(a.install(), at + "install")));
    }
    ctx.json(admin.setPodApps(actor, apps).stream().map(SymphonyAdmin::podApp).toList());
  }

  private void updateUserApps(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = uid(ctx);
    Wire.UserAppIn[] in = body(ctx, Wire.UserAppIn[].class);
    List<App.UserEntitlement> apps = new java.util.ArrayList<>();
    for (int i = 0; i < in.length; i++) {
      Wire.UserAppIn a = required(in[i], "[" + i + "]");
      String at = "[" + i + "].";
      List<App.Product> products = new java.util.ArrayList<>();
      List<Wire.ProductIn> given = a.products() == null ? List.of() : a.products();
      for (int j = 0; j < given.size(); j++) {
        Wire.ProductIn p = required(given.get(j), at + "products[" + j + "]");
        String pat = at + "products[" + j + "].";
        products.add(new App.Product(p.appId() == null ? required(a.appId(), at + "appId") : p.appId(),
            required(p.name(), pat + "name"), required(p.sku(), pat + "sku"),
            required(p.subscribed(), pat + "subscribed"), required(p.type(), pat + "type")));
      }
      apps.add(new App.UserEntitlement(required(a.appId(), at + "appId"), required(a.appName(), at + "appName"),
          required(a.listed(), at + "listed"), required(a.install(), at + "install"), products));
    }
    ctx.json(admin.setUserApps(actor, uid, apps).stream().map(SymphonyAdmin::userApp).toList());
  }

  private static Wire.PodAppEntitlement podApp(App.PodEntitlement a) {
    return new Wire.PodAppEntitlement(a.appId(), a.appName(), a.enable(), a.listed(), a.install());
  }

  private static Wire.UserAppEntitlement userApp(App.UserEntitlement a) {
    return new Wire.UserAppEntitlement(a.appId(), a.appName(), a.listed(), a.install(), a.products().stream()
        .map(p -> new Wire.Product(p.appId(), p.name(), p.sku(), p.subscribed(), p.type())).toList());
  }
}
