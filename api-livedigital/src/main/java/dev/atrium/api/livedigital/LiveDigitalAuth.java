package dev.atrium.api.livedigital;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.client.ApiClient;
import dev.atrium.core.client.ApiClients;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.Space;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.RateLimits;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/auth/token}, JSON or a form: {@code client_credentials} (a client token pair),
 * {@code password} (a user token pair over a new Atrium session) and {@code refresh_token} (the next pair; the
 * refresh token presented stops working). Client secrets and passwords go through the shared login protection.
 * The pair is also set as the {@code accessToken} and {@code refreshToken} cookies.
 */
final class LiveDigitalAuth {
  static final String TOKEN_ROUTE = "/v1/auth/token";
  private static final int MAX_FIELD = 1024;

  private final ApiClients clients;
  private final Sessions sessions;
  private final LoginGuard guard;
  private final LiveDigitalTokens tokens;
  private final Supplier<String> publicUrl;

  LiveDigitalAuth(ApiClients clients, Sessions sessions, LoginGuard guard, LiveDigitalTokens tokens,
      Supplier<String> publicUrl) {
    this.clients = clients;
    this.sessions = sessions;
    this.guard = guard;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post(TOKEN_ROUTE, this::token);
  }

  private void token(Context ctx) {
    Map<String, String> fields = fields(ctx);
    String grant = fields.get("grant_type");
    if (grant == null) {
      throw OAuthErrors.invalidRequest("grant_type is required");
    }
    LiveDigitalTokens.Pair pair = switch (grant) {
      case "client_credentials" -> tokens.clientPair(client(ctx, fields).clientId());
      case "password" -> password(ctx, fields);
      case "refresh_token" -> refresh(ctx, fields);
      default -> throw new OAuthErrors.Failure(400, "unsupported_grant_type",
          "grant_type must be client_credentials, password or refresh_token");
    };
    boolean secure = publicUrl.get().toLowerCase(Locale.ROOT).startsWith("https:");
    ctx.res().addHeader("Set-Cookie", cookie("accessToken", pair.accessToken(), pair.accessTtl(), secure));
    ctx.res().addHeader("Set-Cookie", cookie("refreshToken", pair.refreshToken(), pair.refreshTtl(), secure));
    ctx.header("Cache-Control", "no-store");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token_type", "Bearer");
    out.put("access_token", pair.accessToken());
    out.put("refresh_token", pair.refreshToken());
    ctx.json(out);
  }

  private LiveDigitalTokens.Pair password(Context ctx, Map<String, String> fields) {
    String username = required(fields, "username");
    String password = required(fields, "password");
    ApiClient client = client(ctx, fields);
    try {
      Sessions.Minted minted = guard.attempt(username.strip(), RateLimits.Caller.addressKey(ctx),
          () -> sessions.loginWithPassword(username.strip(), password, Space.DEFAULT_ID, null));
      return tokens.userPair(client.clientId(), minted.session());
    } catch (AtriumException.Unauthenticated | AtriumException.NotFound e) {
      throw OAuthErrors.invalidGrant();
    }
  }

  /**
   * The refresh grant needs only the refresh token (it names its client, which must still be live); client
   * credentials, when given as well, must be that client's.
   */
  private LiveDigitalTokens.Pair refresh(Context ctx, Map<String, String> fields) {
    String refreshToken = required(fields, "refresh_token");
    String named = fields.get("client_id");
    if (named != null || fields.get("client_secret") != null) {
      named = client(ctx, fields).clientId();
    }
    String clientId = named;
    return tokens.verify(refreshToken).filter(c -> clientId == null || c.clientId().equals(clientId))
        .flatMap(c -> tokens.refresh(refreshToken, sessions::authenticateSession))
        .orElseThrow(OAuthErrors::invalidGrant);
  }

  /** The live client whose credentials the fields carry, checked under the login protection (by address). */
  private ApiClient client(Context ctx, Map<String, String> fields) {
    String clientId = required(fields, "client_id");
    String secret = required(fields, "client_secret");
    try {
      return guard.attemptFrom(RateLimits.Caller.addressKey(ctx), () -> clients.verify(clientId, secret)
          .orElseThrow(() -> new AtriumException.Unauthenticated("Invalid client credentials")));
    } catch (AtriumException.Unauthenticated e) {
      throw OAuthErrors.invalidClient();
    }
  }

  private static String required(Map<String, String> fields, String name) {
    String value = fields.get(name);
    if (value == null || value.isEmpty()) {
      throw OAuthErrors.invalidRequest(name + " is required");
    }
    return value;
  }

  /**
   * The request's fields, from a form or a JSON object; each a string (a JSON number or boolean as its text) of at
   * most {@value #MAX_FIELD} characters, given once. Anything else is {@code invalid_request}.
   */
  private static Map<String, String> fields(Context ctx) {
    Map<String, String> fields = new HashMap<>();
    String type = ctx.contentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      for (Map.Entry<String, List<String>> e : ctx.formParamMap().entrySet()) {
        if (e.getValue().size() != 1) {
          throw OAuthErrors.invalidRequest(e.getKey() + " must be given once");
        }
        put(fields, e.getKey(), e.getValue().getFirst());
      }
      return fields;
    }
    String text = ctx.body();
    if (text.isBlank()) {
      throw OAuthErrors.invalidRequest("The body must be a JSON object or a form");
    }
    JsonNode body;
    try {
      body = JsonMapper.tree(text);
    } catch (AtriumException.Invalid e) {
      throw OAuthErrors.invalidRequest("The body must be a JSON object or a form");
    }
    if (!body.isObject()) {
      throw OAuthErrors.invalidRequest("The body must be a JSON object or a form");
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      JsonNode value = e.getValue();
      if (value.isNull()) {
        continue;
      }
      if (!value.isValueNode()) {
        throw OAuthErrors.invalidRequest(e.getKey() + " must be a string");
      }
      put(fields, e.getKey(), value.asText());
    }
    return fields;
  }

  private static void put(Map<String, String> fields, String name, @Nullable String value) {
    if (value != null && value.length() > MAX_FIELD) {
      throw OAuthErrors.invalidRequest(name + " must be at most " + MAX_FIELD + " characters");
    }
    if (value != null) {
      fields.put(name, value);
    }
  }

  private static String cookie(String name, String value, Duration ttl, boolean secure) {
    return name + "=" + value + "; Max-Age=" + ttl.toSeconds() + "; Path=/; HttpOnly; SameSite=Lax"
        + (secure ? "; Secure" : "");
  }
}
