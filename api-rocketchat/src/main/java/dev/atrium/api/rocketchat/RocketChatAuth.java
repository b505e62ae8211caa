package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.Space;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.RateLimits;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Rocket.Chat's sign-in ({@code ApiClass._initAuth}): {@code POST /api/v1/login} with a password in each of the
 * documented body forms, or with a {@code resume} token; {@code /api/v1/logout}; {@code /api/v1/me}. A login opens an
 * Atrium session: its token is the {@code authToken}, and the user's id the {@code userId}. Every password and
 * resume attempt goes through the shared login protection.
 */
final class RocketChatAuth {
  /** The body keys of a password login; any other key makes it a login of another kind (Meteor's handlers). */
  private static final Set<String> PASSWORD_KEYS = Set.of("user", "username", "email", "password", "code");
  private static final String UNRECOGNIZED = "Unrecognized options for login request";
  private static final String LOGGED_OUT = "You've been logged out by the server. Please log in again.";

  private final Sessions sessions;
  private final Authenticator callers;
  private final LoginGuard guard;
  private final UserShapes shapes;

  RocketChatAuth(Sessions sessions, Authenticator callers, LoginGuard guard, UserShapes shapes) {
    this.sessions = sessions;
    this.callers = callers;
    this.guard = guard;
    this.shapes = shapes;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/login", this::login);
    cfg.routes.post("/api/v1/logout", this::logout);
    cfg.routes.get("/api/v1/logout", this::logout);
    cfg.routes.get("/api/v1/me", this::me);
  }

  private void login(Context ctx) {
    JsonNode body = body(ctx);
    if (!body.isObject()) {
      throw RocketChatFailure.loginRefused(400, UNRECOGNIZED);
    }
    Principal principal;
    String token;
    JsonNode resume = body.get("resume");
    if (resume != null) {
      if (!resume.isTextual()) {
        throw RocketChatFailure.loginRefused(400, "Match failed");
      }
      token = resume.textValue();
      principal = guarded(ctx, null, () -> sessions.caller(token)
          .orElseThrow(() -> new AtriumException.Unauthenticated(LOGGED_OUT)));
    } else {
      String login = passwordLogin(body);
      JsonNode password = body.get("password");
      if (password == null) {
        throw RocketChatFailure.loginRefused(400, UNRECOGNIZED);
      }
      if (!password.isTextual() || password.textValue().isEmpty()) {
        // {digest, algorithm}: a SHA-256 of the password, which cannot be checked against Atrium's Argon2 hash.
        throw RocketChatFailure.loginRefused("Unauthorized", "Unauthorized");
      }
      Sessions.Minted minted = guarded(ctx, login, () -> sessions.loginWithPassword(login, password.textValue(),
          Space.DEFAULT_ID, null));
      token = minted.token();
      principal = sessions.caller(token).orElseThrow(() -> RocketChatFailure.loginRefused("Unauthorized",
          "Unauthorized"));
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("userId", UserShapes.id(principal.user()));
    data.put("authToken", token);
    data.put("me", shapes.me(principal.user()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "success");
    out.put("data", data);
    out.put("success", true);
    ctx.json(out);
  }

  /**
   * The login body: JSON, or a form ({@code application/x-www-form-urlencoded}), as Rocket.Chat's body parser takes
   * either; a form field given once is a string, one given more often is none a login accepts.
   */
  private static JsonNode body(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      return JsonMapper.tree(ctx.body());
    }
    ObjectNode form = JsonMapper.MAPPER.createObjectNode();
    ctx.formParamMap().forEach((key, values) -> {
      if (values.size() == 1) {
        form.put(key, values.getFirst());
      } else {
        form.putArray(key).addAll(values.stream().map(form::textNode).toList());
      }
    });
    return form;
  }

  /**
   * The login a password body names: {@code user} as a username or an address (one with {@code @}), or as
   * {@code {username}} / {@code {email}}; else a top-level {@code username} or {@code email}. A body with other keys,
   * or naming nobody, is none Meteor recognises.
   */
  private static String passwordLogin(JsonNode body) {
    body.fieldNames().forEachRemaining(key -> {
      if (!PASSWORD_KEYS.contains(key)) {
        throw RocketChatFailure.loginRefused(400, UNRECOGNIZED);
      }
    });
    JsonNode user = body.get("user");
    String login = null;
    if (user != null && user.isTextual()) {
      login = user.textValue();
    } else if (user != null && user.isObject() && user.size() == 1) {
      JsonNode named = user.has("username") ? user.get("username") : user.get("email");
      login = named != null && named.isTextual() ? named.textValue() : null;
    } else if (user == null) {
      JsonNode named = body.has("username") ? body.get("username") : body.get("email");
      login = named != null && named.isTextual() ? named.textValue() : null;
    }
    if (login == null || login.isBlank()) {
      throw RocketChatFailure.loginRefused(400, UNRECOGNIZED);
    }
    return login.strip();
  }

  /**
   * Runs the proof under the login protection: a wrong credential is Rocket.Chat's 401 {@code Unauthorized}; a
   * login while the account or the address waits is its 401 {@code error-login-blocked-for-user}, with
   * {@code Retry-After}.
   */
  private <T> T guarded(Context ctx, @Nullable String login, java.util.function.Supplier<T> proof) {
    String address = RateLimits.Caller.addressKey(ctx);
    try {
      return login == null ? guard.attemptFrom(address, proof) : guard.attempt(login, address, proof);
    } catch (AtriumException.TooManyRequests e) {
      ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
      throw RocketChatFailure.loginRefused("error-login-blocked-for-user", e.getMessage());
    } catch (AtriumException.Unauthenticated e) {
      if (e.getMessage().equals(LOGGED_OUT)) {
        throw RocketChatFailure.loginRefused(403, LOGGED_OUT);
      }
      throw RocketChatFailure.loginRefused("Unauthorized", "Unauthorized");
    }
  }

  /** Ends the session of the token presented, and only that one. */
  private void logout(Context ctx) {
    callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN);
    sessions.logout(java.util.Objects.requireNonNull(ctx.header(RocketChatApi.TOKEN_HEADER)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "success");
    out.put("data", Map.of("message", "You've been logged out!"));
    out.put("success", true);
    ctx.json(out);
  }

  private void me(Context ctx) {
    Principal caller = callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN);
    Map<String, Object> out = new LinkedHashMap<>(shapes.me(caller.user()));
    out.put("success", true);
    ctx.json(out);
  }
}
