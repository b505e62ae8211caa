package dev.atrium.api.rocketchat;

import static dev.atrium.api.rocketchat.RocketChatParams.Type.BOOLEAN;
import static dev.atrium.api.rocketchat.RocketChatParams.Type.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.api.rocketchat.RocketChatParams.Schema;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.session.PersonalToken;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.Space;
import dev.atrium.core.user.User;
import dev.atrium.http.Authenticator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rocket.Chat's personal access tokens ({@code personal-access-tokens} methods): made, listed, made anew and removed
 * by their user, with {@code create-personal-access-tokens}. A token is a session of kind {@code PERSONAL}: sent as
 * {@code X-Auth-Token} with its user's {@code X-User-Id} it opens every route a login's token opens, in every
 * dialect, never expires, and is refused at once once removed, once the user is disabled or their password set.
 * The token is shown once, when made; the list shows its last six characters.
 */
final class RocketChatTokens {
  private static final String PERMISSION = "create-personal-access-tokens";
  private static final Schema GENERATE = Schema.of(List.of("tokenName"), "tokenName", STRING, "bypassTwoFactor",
      BOOLEAN);
  private static final Schema NAMED = Schema.of(List.of("tokenName"), "tokenName", STRING);

  private final Sessions sessions;
  private final Permissions permissions;
  private final Authenticator callers;

  RocketChatTokens(Sessions sessions, Permissions permissions, Authenticator callers) {
    this.sessions = sessions;
    this.permissions = permissions;
    this.callers = callers;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/users.generatePersonalAccessToken", this::generate);
    cfg.routes.get("/api/v1/users.getPersonalAccessTokens", this::list);
    cfg.routes.post("/api/v1/users.regeneratePersonalAccessToken", this::regenerate);
    cfg.routes.post("/api/v1/users.removePersonalAccessToken", this::remove);
  }

  /** The caller, if they hold the permission: else the methods' {@code Not Authorized [not-authorized]}. */
  private User caller(Context ctx) {
    User caller = callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
    if (!permissions.has(caller, PERMISSION)) {
      throw RocketChatFailure.coded("not-authorized", "Not Authorized");
    }
    return caller;
  }

  private void generate(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = GENERATE.check(ctx.body());
    String name = body.get("tokenName").asText();
    Sessions.Minted minted;
    try {
      minted = sessions.createPersonal(caller.id(), name, body.path("bypassTwoFactor").asBoolean(false),
          Space.DEFAULT_ID);
    } catch (AtriumException.Conflict e) {
      throw RocketChatFailure.coded("error-token-already-exists", "A token with this name already exists");
    }
    ctx.json(RocketChatParams.success("token", minted.token()));
  }

  private void list(Context ctx) {
    User caller = caller(ctx);
    List<Map<String, Object>> tokens = new ArrayList<>();
    for (PersonalToken token : sessions.personalTokens(caller.id())) {
      Map<String, Object> shown = new LinkedHashMap<>();
      shown.put("name", token.name());
      shown.put("createdAt", UserShapes.date(token.createdAt()));
      shown.put("lastTokenPart", token.lastTokenPart());
      shown.put("bypassTwoFactor", token.bypassTwoFactor());
      tokens.add(shown);
    }
    ctx.json(RocketChatParams.success("tokens", tokens));
  }

  private void regenerate(Context ctx) {
    User caller = caller(ctx);
    String name = NAMED.check(ctx.body()).get("tokenName").asText();
    Sessions.Minted minted;
    try {
      minted = sessions.regeneratePersonal(caller.id(), name, Space.DEFAULT_ID);
    } catch (AtriumException.NotFound e) {
      throw missing();
    }
    ctx.json(RocketChatParams.success("token", minted.token()));
  }

  private void remove(Context ctx) {
    User caller = caller(ctx);
    String name = NAMED.check(ctx.body()).get("tokenName").asText();
    try {
      sessions.removePersonal(caller.id(), name);
    } catch (AtriumException.NotFound e) {
      throw missing();
    }
    ctx.json(RocketChatParams.success());
  }

  private static RocketChatFailure missing() {
    return RocketChatFailure.coded("error-token-does-not-exists", "Token does not exist");
  }
}
