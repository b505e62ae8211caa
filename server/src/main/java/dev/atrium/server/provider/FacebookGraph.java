package dev.atrium.server.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.provider.FacebookIdentity;
import dev.atrium.core.provider.FacebookTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FacebookTokens} over the Graph API, in two calls:
 * <ol>
 *   <li>{@code GET {graph}/debug_token?input_token={token}&access_token={appId}|{appSecret}} answers
 *       {@code {"data": {app_id, type, application, expires_at, is_valid, scopes, user_id, error?}}}; the token
 *       must be valid, a {@code USER} token, of this app, and unexpired by our clock too ({@code expires_at} 0
 *       means it does not expire). An invalid input token is reported inside {@code data} ({@code is_valid}
 *       false, {@code error.code} 190, {@code error.subcode} 463 when it expired); an error at the top level
 *       is about the request itself, that is about this server's app credentials.</li>
 *   <li>{@code GET {graph}/me?fields=id,name,email&access_token={token}&appsecret_proof=…} reads the account,
 *       {@code appsecret_proof} being the hex HMAC-SHA256 of the token keyed by the app secret (needed when the
 *       app requires it, harmless otherwise).</li>
 * </ol>
 * Graph errors are {@code {"error": {message, type, code, error_subcode?, fbtrace_id}}}. Sources:
 * developers.facebook.com/docs/graph-api/reference/debug_token,
 * developers.facebook.com/docs/facebook-login/access-tokens/debugging-and-error-handling,
 * developers.facebook.com/docs/graph-api/guides/error-handling and
 * developers.facebook.com/docs/graph-api/guides/secure-requests.
 */
public final class FacebookGraph implements FacebookTokens, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FacebookGraph.class);
  private static final int MAX_TOKEN_LENGTH = 4096;
  /** Graph's "access token expired or invalid" code, and its "session has expired" subcode. */
  private static final int OAUTH_EXCEPTION = 190;
  private static final int SUBCODE_EXPIRED = 463;
  private static final int INVALID_PARAMETER = 100;

  private final ProviderHttp http;
  private final URI graphUrl;
  private final String appId;
  private final String appSecret;
  private final InstantSource clock;

  /** With the default timeouts: 5 s to connect, 10 s for each answer. */
  public FacebookGraph(URI graphUrl, String appId, String appSecret, InstantSource clock) {
    this(graphUrl, appId, appSecret, clock, ProviderHttp.CONNECT_TIMEOUT, ProviderHttp.REQUEST_TIMEOUT);
  }

  public FacebookGraph(URI graphUrl, String appId, String appSecret, InstantSource clock, Duration connectTimeout,
      Duration requestTimeout) {
    this.http = new ProviderHttp("Facebook", connectTimeout, requestTimeout);
    this.graphUrl = graphUrl;
    this.appId = appId;
    this.appSecret = appSecret;
    this.clock = clock;
  }

  @Override
  public FacebookIdentity verify(String userAccessToken) {
    AtriumException.require(!userAccessToken.isBlank(), "The Facebook access token is empty");
    AtriumException.require(userAccessToken.length() <= MAX_TOKEN_LENGTH
        && userAccessToken.chars().allMatch(c -> c > 0x20 && c < 0x7f), "The Facebook access token is malformed");
    String userId = debug(userAccessToken);
    return me(userAccessToken, userId);
  }

  /** Asks Graph about the token; returns the id of its user. */
  private String debug(String token) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("input_token", token);
    query.put("access_token", appId + "|" + appSecret);
    URI uri = ProviderHttp.uri(graphUrl, "/debug_token", query);
    ProviderHttp.Response response = http.get(uri, Map.of());
    JsonNode body = http.json(uri, response);
    if (body.has("error")) {
      JsonNode error = body.get("error");
      int code = error.path("code").asInt(0);
      if (code == INVALID_PARAMETER && response.status() < 500) {
        // "(#100) You must provide an app access token, or a user access token that is an owner or developer
        // of the app": Graph will not show this app a token of an app it does not own.
        throw AtriumException.invalid("The Facebook access token was issued for another app");
      }
      logGraphError("debug_token", response.status(), error, token);
      throw code == OAUTH_EXCEPTION
          ? AtriumException.unavailable("Facebook refused this server's app credentials")
          : unavailable(response.status(), error);
    }
    if (response.status() != 200) {
      throw http.fail(uri, "answered HTTP " + response.status(), null);
    }
    JsonNode data = body.path("data");
    if (!data.isObject() || !data.path("is_valid").isBoolean()) {
      throw http.fail(uri, "answered debug_token without data.is_valid", null);
    }
    long expiresAt = data.path("expires_at").asLong(0);
    boolean expiredHere = expiresAt > 0 && expiresAt <= clock.instant().getEpochSecond();
    if (!data.get("is_valid").booleanValue()) {
      JsonNode error = data.path("error");
      if (error.path("subcode").asInt(0) == SUBCODE_EXPIRED || expiredHere) {
        throw AtriumException.invalid("The Facebook access token has expired");
      }
      throw AtriumException.invalid("The Facebook access token is not valid");
    }
    if (!appId.equals(id(data.get("app_id")))) {
      throw AtriumException.invalid("The Facebook access token was issued for another app");
    }
    String userId = id(data.get("user_id"));
    String type = data.path("type").asText("USER");
    if (userId == null || !type.equals("USER")) {
      throw AtriumException.invalid("The Facebook access token is not a user access token");
    }
    if (expiredHere) {
      throw AtriumException.invalid("The Facebook access token has expired");
    }
    return userId;
  }

  /** Reads the token's account and checks it is the user debug_token named. */
  private FacebookIdentity me(String token, String userId) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("fields", "id,name,email");
    query.put("access_token", token);
    query.put("appsecret_proof", appSecretProof(token));
    URI uri = ProviderHttp.uri(graphUrl, "/me", query);
    ProviderHttp.Response response = http.get(uri, Map.of());
    JsonNode body = http.json(uri, response);
    if (body.has("error")) {
      JsonNode error = body.get("error");
      if (error.path("code").asInt(0) == OAUTH_EXCEPTION) {
        // valid a moment ago: it expired or was revoked in between
        throw AtriumException.invalid(error.path("error_subcode").asInt(0) == SUBCODE_EXPIRED
            ? "The Facebook access token has expired" : "The Facebook access token is not valid");
      }
      logGraphError("me", response.status(), error, token);
      throw unavailable(response.status(), error);
    }
    if (response.status() != 200) {
      throw http.fail(uri, "answered HTTP " + response.status(), null);
    }
    if (!userId.equals(id(body.get("id")))) {
      throw http.fail(uri, "answered /me for another user than debug_token named", null);
    }
    JsonNode email = body.get("email");
    return new FacebookIdentity(userId, body.path("name").asText(""),
        email != null && email.isTextual() && !email.asText().isBlank() ? email.asText() : null);
  }

  private String appSecretProof(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** Graph writes ids as strings, older answers as numbers. */
  private static @Nullable String id(@Nullable JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual() && !node.asText().isBlank()) {
      return node.asText();
    }
    return node.isIntegralNumber() ? node.bigIntegerValue().toString() : null;
  }

  private static AtriumException.Unavailable unavailable(int status, JsonNode error) {
    return AtriumException.unavailable("Facebook answered Graph error " + error.path("code").asInt(0)
        + " (HTTP " + status + ")");
  }

  /** Graph's message and trace id help an operator; should the message quote a secret, it is cut out. */
  private void logGraphError(String call, int status, JsonNode error, String token) {
    String message = error.path("message").asText("").replace(token, "(token)").replace(appSecret, "(secret)");
    LOG.warn("Facebook {} answered HTTP {}: Graph error {}/{} {} (fbtrace_id {})", call, status,
        error.path("code").asInt(0), error.path("error_subcode").asInt(0), message,
        error.path("fbtrace_id").asText(""));
  }

  @Override
  public void close() {
    http.close();
  }
}
