package dev.atrium.api.rocketchat;

import static dev.atrium.api.rocketchat.RocketChatParams.Type.ARRAY;
import static dev.atrium.api.rocketchat.RocketChatParams.Type.BOOLEAN;
import static dev.atrium.api.rocketchat.RocketChatParams.Type.OBJECT;
import static dev.atrium.api.rocketchat.RocketChatParams.Type.STRING;
import static dev.atrium.api.rocketchat.RocketChatParams.Type.STRING_ARRAY;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.api.rocketchat.RocketChatParams.Schema;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.user.AccountEdit;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserEdit;
import dev.atrium.core.user.UserOrder;
import dev.atrium.core.user.UserPage;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Rocket.Chat's user management ({@code users.ts}): {@code users.create}, {@code users.update},
 * {@code users.delete}, {@code users.setActiveStatus}, {@code users.register} and {@code users.list}. Each body is
 * checked as the route's schema checks it; who may is Rocket.Chat's permission of the route; each change is one
 * call of the core, so a refusal leaves nothing changed. Rocket.Chat's {@code admin} role is Atrium's
 * {@link Roles#SUPER_ADMINISTRATOR}, its {@code user} a normal account.
 */
final class RocketChatUserAdmin {
  /** {@code Accounts_BlockedUsernameList}'s names, which nobody may take. */
  private static final Set<String> BLOCKED = Set.of("admin", "administrator", "system", "user");
  /** {@code UTF8_User_Names_Validation}'s default. */
  private static final Pattern USERNAME = Pattern.compile("[0-9a-zA-Z._-]+");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final int DEFAULT_COUNT = 50;
  private static final int MAX_COUNT = 100;

  private static final Schema CREATE = Schema.of(List.of("email", "name", "password", "username"),
      "email", STRING, "name", STRING, "password", STRING, "username", STRING, "active", BOOLEAN, "bio", STRING,
      "nickname", STRING, "statusText", STRING, "roles", STRING_ARRAY, "joinDefaultChannels", BOOLEAN,
      "requirePasswordChange", BOOLEAN, "setRandomPassword", BOOLEAN, "sendWelcomeEmail", BOOLEAN, "verified",
      BOOLEAN, "customFields", OBJECT, "settings", OBJECT, "freeSwitchExtension", STRING, "phones", ARRAY);
  private static final Schema UPDATE = Schema.of(List.of("userId", "data"),
      "userId", STRING, "data", OBJECT, "confirmRelinquish", BOOLEAN);
  private static final Schema UPDATE_DATA = Schema.of(List.of(),
      "email", STRING, "name", STRING, "password", STRING, "username", STRING, "bio", STRING, "nickname", STRING,
      "statusText", STRING, "active", BOOLEAN, "roles", STRING_ARRAY, "joinDefaultChannels", BOOLEAN,
      "requirePasswordChange", BOOLEAN, "sendWelcomeEmail", BOOLEAN, "verified", BOOLEAN, "customFields", OBJECT,
      "status", STRING, "setRandomPassword", BOOLEAN, "freeSwitchExtension", STRING, "settings", OBJECT);
  private static final Schema DELETE = Schema.of(List.of(),
      "userId", STRING, "username", STRING, "user", STRING, "confirmRelinquish", BOOLEAN);
  private static final Schema ACTIVE = Schema.of(List.of("userId", "activeStatus"),
      "userId", STRING, "activeStatus", BOOLEAN, "confirmRelinquish", BOOLEAN);
  private static final Schema REGISTER = Schema.of(List.of("username", "email", "pass"),
      "username", STRING, "email", STRING, "pass", STRING, "name", STRING, "secret", STRING, "reason", STRING,
      "customFields", OBJECT);

  private final Users users;
  private final Accounts accounts;
  private final Permissions permissions;
  private final Authenticator callers;
  private final UserShapes shapes;

  RocketChatUserAdmin(Users users, Accounts accounts, Permissions permissions, Authenticator callers,
      UserShapes shapes) {
    this.users = users;
    this.accounts = accounts;
    this.permissions = permissions;
    this.callers = callers;
    this.shapes = shapes;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/users.create", this::create);
    cfg.routes.post("/api/v1/users.update", this::update);
    cfg.routes.post("/api/v1/users.delete", this::delete);
    cfg.routes.post("/api/v1/users.setActiveStatus", this::setActiveStatus);
    cfg.routes.post("/api/v1/users.register", this::register);
    cfg.routes.get("/api/v1/users.list", this::list);
  }

  private User caller(Context ctx) {
    return callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
  }

  // ---- users.create

  private void create(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = CREATE.check(ctx.body());
    if (!permissions.has(caller, "create-user")) {
      throw notAllowed("Adding user is not allowed");
    }
    String username = required(body, "username", "Username");
    String email = required(body, "email", "Email");
    String name = required(body, "name", "Name");
    String password = required(body, "password", "Password");
    checkUsername(username, 0);
    checkEmail(email, 0);
    Set<String> roles = roles(caller, body.get("roles"), Set.of());
    Profile profile = Profile.builder().displayName(name).description(RocketChatParams.text(body, "bio")).build();
    boolean verified = body.path("verified").asBoolean(false);
    boolean active = body.path("active").asBoolean(true);
    User created = unavailable(username, email, () -> accounts.create(caller, new NewUser(username, email, profile,
        AccountType.NORMAL, roles, new NewUser.Password.Plain(password), verified), List.of(),
        active ? UserStatus.ENABLED : UserStatus.DISABLED));
    ctx.json(RocketChatParams.success("user", shapes.managed(created, true)));
  }

  // ---- users.update

  private void update(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = UPDATE.check(ctx.body());
    JsonNode data = body.get("data");
    UPDATE_DATA.check(data);
    User target = RocketChatParams.byId(users, body.get("userId").asText())
        .orElseThrow(() -> RocketChatFailure.coded("error-invalid-user", "Invalid user"));
    boolean self = target.id() == caller.id();
    if (!self && !permissions.has(caller, "edit-other-user-info")) {
      throw notAllowed("Editing user is not allowed");
    }
    String password = RocketChatParams.text(data, "password");
    if (password != null) {
      if (self) {
        // Rocket.Chat asks the caller's password again (two-factor by password) here; Atrium cannot check that
        // proof against its Argon2 hash, so a token alone must not change the password.
        throw notAllowed("Changing your own password is not allowed here");
      }
      if (!permissions.has(caller, "edit-other-user-password")) {
        throw notAllowed("Editing user password is not allowed");
      }
    }
    JsonNode active = data.get("active");
    if (active != null && !permissions.has(caller, "edit-other-user-active-status")) {
      throw notAllowed("Edit user active status is not allowed");
    }
    Set<String> roles = null;
    if (data.has("roles")) {
      if (!permissions.has(caller, "assign-roles")) {
        throw notAllowed("Assign roles is not allowed");
      }
      roles = roles(caller, data.get("roles"), target.roles());
    }
    String username = RocketChatParams.text(data, "username");
    String email = RocketChatParams.text(data, "email");
    String name = RocketChatParams.text(data, "name");
    String bio = RocketChatParams.text(data, "bio");
    if (username != null) {
      checkUsername(username, target.id());
    }
    if (email != null) {
      checkEmail(email, target.id());
    }
    if (name != null && name.isBlank()) {
      throw RocketChatFailure.coded("error-the-field-is-required", "The field Name is required");
    }
    UnaryOperator<UserEdit> fields = username == null && email == null && name == null && bio == null ? null
        : edit -> new UserEdit(username != null ? username : edit.username(), email != null ? email : edit.email(),
            edit.profile().toBuilder().displayName(name != null ? name : edit.profile().displayName())
                .description(bio != null ? bio : edit.profile().description()).build(), edit.accountType());
    AccountEdit change = new AccountEdit(fields, roles,
        active == null ? null : active.asBoolean() ? UserStatus.ENABLED : UserStatus.DISABLED, password);
    User updated = unavailable(username == null ? "" : username, email == null ? "" : email,
        () -> accounts.edit(caller, target.id(), change));
    ctx.json(RocketChatParams.success("user", shapes.managed(updated, true)));
  }

  // ---- users.delete

  private void delete(Context ctx) {
    User caller = caller(ctx);
    if (!permissions.has(caller, "delete-user")) {
      throw RocketChatParams.unauthorized();
    }
    JsonNode body = DELETE.check(ctx.body());
    User target = RocketChatParams.userFromBody(users, body);
    accounts.delete(caller, target.id());
    ctx.json(RocketChatParams.success());
  }

  // ---- users.setActiveStatus

  private void setActiveStatus(Context ctx) {
    User caller = caller(ctx);
    if (!permissions.has(caller, "edit-other-user-active-status")
        && !permissions.has(caller, "manage-moderation-actions")) {
      throw RocketChatParams.unauthorized();
    }
    JsonNode body = ACTIVE.check(ctx.body());
    User target = RocketChatParams.userFromParams(users, body.get("userId").asText(), null);
    User changed = accounts.setStatus(caller, target.id(),
        body.get("activeStatus").asBoolean() ? UserStatus.ENABLED : UserStatus.DISABLED);
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("_id", UserShapes.id(changed));
    user.put("active", changed.enabled());
    ctx.json(RocketChatParams.success("user", user));
  }

  // ---- users.register

  private void register(Context ctx) {
    JsonNode body = REGISTER.check(ctx.body());
    if (callers.find(ctx).isPresent()) {
      throw RocketChatFailure.failure("Logged in users can not register again.");
    }
    String username = body.get("username").asText().strip();
    String email = body.get("email").asText().strip();
    String pass = body.get("pass").asText();
    String name = RocketChatParams.text(body, "name");
    if (BLOCKED.contains(username.toLowerCase(Locale.ROOT))) {
      throw blocked(username);
    }
    if (username.length() > 128 || !USERNAME.matcher(username).matches()) {
      throw RocketChatFailure.failure("The username provided is not valid");
    }
    if (users.byUsername(username).isPresent()) {
      throw RocketChatFailure.failure("Username is already in use");
    }
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw RocketChatFailure.coded("error-invalid-email", "Invalid email " + email);
    }
    if (users.byEmail(email).isPresent()) {
      throw RocketChatFailure.failure("Email already exists");
    }
    Profile profile = Profile.builder().displayName(name == null || name.isBlank() ? username : name.strip())
        .build();
    Accounts.Prepared prepared = accounts.prepare(new NewUser(username, email, profile, AccountType.NORMAL,
        Set.of(Roles.INDIVIDUAL), new NewUser.Password.Plain(pass), false));
    User created;
    try {
      created = accounts.register(prepared);
    } catch (AtriumException.Conflict e) {
      // another registration took the name or the address meanwhile
      throw RocketChatFailure.failure(users.byEmail(email).isPresent() ? "Email already exists"
          : "Username is already in use");
    }
    ctx.json(RocketChatParams.success("user", shapes.managed(created, true)));
  }

  // ---- users.list

  private void list(Context ctx) {
    User caller = caller(ctx);
    if (!permissions.has(caller, "view-d-room")) {
      throw RocketChatParams.unauthorized();
    }
    int count = number(ctx.queryParam("count"), DEFAULT_COUNT);
    count = count <= 0 ? DEFAULT_COUNT : Math.min(count, MAX_COUNT);
    int offset = Math.max(0, number(ctx.queryParam("offset"), 0));
    String sort = ctx.queryParam("sort");
    UserOrder order = UserOrder.USERNAME;
    boolean descending = false;
    if (sort != null) {
      Map.Entry<UserOrder, Boolean> parsed = sort(sort);
      order = parsed.getKey();
      descending = parsed.getValue();
    }
    boolean full = permissions.has(caller, Permissions.VIEW_FULL_OTHER_USER_INFO);
    UserPage page = users.list(order, descending, offset, count);
    List<Map<String, Object>> shown = new ArrayList<>();
    for (User user : page.users()) {
      Map<String, Object> entry = shapes.managed(user, full);
      entry.put("nameInsensitive", UserShapes.name(user).toLowerCase(Locale.ROOT));
      shown.add(entry);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("users", shown);
    out.put("count", shown.size());
    out.put("offset", offset);
    out.put("total", page.total());
    out.put("success", true);
    ctx.json(out);
  }

  /** {@code parseJsonQuery}'s sort: a JSON object of one field and 1 or -1. */
  private static Map.Entry<UserOrder, Boolean> sort(String raw) {
    RocketChatFailure invalid = RocketChatFailure.coded("error-invalid-sort",
        "Invalid sort parameter provided: \"" + raw + "\"");
    JsonNode parsed;
    try {
      parsed = JsonMapper.tree(raw);
    } catch (AtriumException e) {
      throw invalid;
    }
    if (!parsed.isObject() || parsed.size() != 1) {
      throw invalid;
    }
    String field = parsed.fieldNames().next();
    JsonNode direction = parsed.get(field);
    if (!direction.isInt() || Math.abs(direction.asInt()) != 1) {
      throw invalid;
    }
    UserOrder order = switch (field) {
      case "username" -> UserOrder.USERNAME;
      case "name", "nameInsensitive" -> UserOrder.NAME;
      case "createdAt" -> UserOrder.CREATED_AT;
      case "lastLogin" -> UserOrder.LAST_LOGIN;
      case "active" -> UserOrder.STATUS;
      default -> throw invalid;
    };
    // Rocket.Chat's active: true sorts after false; Atrium's ENABLED after DISABLED, the same way
    return Map.entry(order, direction.asInt() == -1);
  }

  private static int number(@Nullable String text, int otherwise) {
    if (text == null || !text.matches("-?[0-9]{1,9}")) {
      return otherwise;
    }
    return Integer.parseInt(text);
  }

  // ---- shared checks

  /**
   * The Atrium roles of Rocket.Chat's {@code roles}: {@code admin} is {@link Roles#SUPER_ADMINISTRATOR} (assigned only
   * with {@code assign-admin-role}), {@code user} a normal account; any other name is refused. The user's other
   * Atrium roles ({@code current}) stay.
   */
  private Set<String> roles(User caller, @Nullable JsonNode given, Set<String> current) {
    if (given == null) {
      return Set.of(Roles.INDIVIDUAL);
    }
    boolean admin = false;
    for (JsonNode role : given) {
      switch (role.asText()) {
        case Permissions.ADMIN -> admin = true;
        case Permissions.USER -> { }
        default -> throw RocketChatFailure.coded("error-action-not-allowed",
            "The field Roles consist invalid role id");
      }
    }
    boolean wasAdmin = current.contains(Roles.SUPER_ADMINISTRATOR);
    if (admin != wasAdmin && !permissions.has(caller, "assign-admin-role")) {
      throw notAllowed("Assigning admin is not allowed");
    }
    Set<String> roles = new LinkedHashSet<>(current);
    roles.add(Roles.INDIVIDUAL);
    if (admin) {
      roles.add(Roles.SUPER_ADMINISTRATOR);
    } else {
      roles.remove(Roles.SUPER_ADMINISTRATOR);
    }
    return roles;
  }

  private void checkUsername(String username, long self) {
    if (username.isBlank()) {
      throw RocketChatFailure.coded("error-the-field-is-required", "The field Username is required");
    }
    if (BLOCKED.contains(username.toLowerCase(Locale.ROOT))) {
      throw blocked(username);
    }
    if (username.length() > 128 || !USERNAME.matcher(username).matches()) {
      throw RocketChatFailure.coded("error-input-is-not-a-valid-field", username + " is not a valid username");
    }
    if (users.byUsername(username).filter(u -> u.id() != self).isPresent()) {
      throw unavailable(username);
    }
  }

  private void checkEmail(String email, long self) {
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw RocketChatFailure.coded("error-invalid-email", "Invalid email " + email);
    }
    if (users.byEmail(email).filter(u -> u.id() != self).isPresent()) {
      throw unavailable(email);
    }
  }

  /** Runs a creation or a change, turning a name or an address taken meanwhile into Rocket.Chat's error. */
  private User unavailable(String username, String email, java.util.function.Supplier<User> work) {
    try {
      return work.get();
    } catch (AtriumException.Conflict e) {
      throw unavailable(e.getMessage().startsWith("Email") ? email : username);
    }
  }

  private static String required(JsonNode body, String name, String label) {
    String value = body.get(name).asText();
    if (value.isBlank()) {
      throw RocketChatFailure.coded("error-the-field-is-required", "The field " + label + " is required");
    }
    return name.equals("password") ? value : value.strip();
  }

  private static RocketChatFailure blocked(String username) {
    return RocketChatFailure.coded("error-blocked-username", username + " is blocked and can't be used!");
  }

  private static RocketChatFailure unavailable(String what) {
    return RocketChatFailure.coded("error-field-unavailable", what + " is already in use :(");
  }

  private static RocketChatFailure notAllowed(String reason) {
    return RocketChatFailure.coded("error-action-not-allowed", reason);
  }
}
