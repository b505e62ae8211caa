package dev.atrium.testkit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A local Graph API that knows one app (a random numeric id and a 32-hex-digit secret) and the user tokens a
 * test issued. It serves the two calls an app makes to check a login, under {@code /v25.0}, and checks what
 * Facebook checks:
 * <ul>
 *   <li>{@code GET /debug_token?input_token&access_token}: the access token must be the app token
 *       {@code appId|appSecret} (else HTTP 400, Graph error 190); the answer is
 *       {@code {"data": {app_id, type, application, expires_at, is_valid, issued_at, scopes, user_id}}}, an unknown
 *       token reported inside {@code data} with {@code is_valid} false and {@code error.code} 190, an expired one
 *       with {@code error.subcode} 463, a revoked one with 460;</li>
 *   <li>{@code GET /me?fields&access_token&appsecret_proof}: the user token must be known and live (else 400,
 *       error 190 with {@code error_subcode}), {@code appsecret_proof} must be the hex HMAC-SHA256 of the token
 *       keyed by the secret of the token's app (else 400, error 100); answers the fields asked for among
 *       {@code id}, {@code name} and {@code email} (email only when the token was issued with one).</li>
 * </ul>
 * Errors have Graph's shape {@code {"error": {message, type, code, error_subcode?, fbtrace_id}}}. Tokens expire by
 * the clock given, which a test moves.
 */
public final class FakeFacebook extends FakeHttpServer {
  /** The Graph API version this fake serves; any other path is Graph's "unknown path" error. */
  public static final String VERSION = "v25.0";
  /** How long an issued token lives unless told otherwise: Facebook's short-lived tokens last one to two hours. */
  public static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

  private record Token(String appId, String appName, String userId, String name, @Nullable String email,
      Instant issuedAt, Instant expiresAt) {}

  private final SecureRandom random = new SecureRandom();
  private final InstantSource clock;
  private final String appId;
  private final String appSecret;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, String> otherAppSecrets = new ConcurrentHashMap<>();
  private final Map<String, String> revoked = new ConcurrentHashMap<>();

  private FakeFacebook(InstantSource clock) {
    this.clock = clock;
    this.appId = digits(15);
    this.appSecret = HexFormat.of().formatHex(bytes(16));
  }

  /** Starts a fake Graph API on a free loopback port, with a new app, reading time from the clock. */
  public static FakeFacebook start(InstantSource clock) {
    FakeFacebook fake = new FakeFacebook(clock);
    fake.listen();
    return fake;
  }

  public String appId() {
    return appId;
  }

  public String appSecret() {
    return appSecret;
  }

  /** The base URL to configure, version included: {@code http://127.0.0.1:port/v25.0}. */
  public String graphUrl() {
    return baseUrl() + "/" + VERSION;
  }

  /** A user token of this app, valid for {@link #TOKEN_LIFETIME}; {@code email} null: not granted. */
  public String issueToken(String userId, String name, @Nullable String email) {
    return issueToken(userId, name, email, clock.instant().plus(TOKEN_LIFETIME));
  }

  /** A user token of this app that expires at the instant given. */
  public String issueToken(String userId, String name, @Nullable String email, Instant expiresAt) {
    return issue(new Token(appId, "Atrium Test", userId, name, email, clock.instant(), expiresAt));
  }

  /** A valid user token issued to another app (its own id and secret), as a stolen or misdirected token is. */
  public String issueTokenOfAnotherApp(String userId, String name, @Nullable String email) {
    String otherApp = digits(15);
    otherAppSecrets.put(otherApp, HexFormat.of().formatHex(bytes(16)));
    return issue(new Token(otherApp, "Another App", userId, name, email, clock.instant(),
        clock.instant().plus(TOKEN_LIFETIME)));
  }

  /** Invalidates a token the way a password change does (subcode 460). */
  public void revoke(String token) {
    revoked.put(token, token);
  }

  private String issue(Token token) {
    String value = "EAA" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(96));
    tokens.put(value, token);
    return value;
  }

  @Override
  Reply handle(Request request) {
    if (!request.method().equals("GET")) {
      return error(400, "Unsupported " + request.method() + " request.", "GraphMethodException", 100, 0);
    }
    return switch (request.path()) {
      case "/" + VERSION + "/debug_token" -> debugToken(request.query());
      case "/" + VERSION + "/me" -> me(request.query());
      default -> error(400, "Unknown path components: " + request.path(), "OAuthException", 2500, 0);
    };
  }

  private Reply debugToken(Map<String, String> query) {
    String accessToken = query.get("access_token");
    if (accessToken == null || accessToken.isEmpty()) {
      return error(400, "An access token is required to request this resource.", "OAuthException", 104, 0);
    }
    if (!accessToken.equals(appId + "|" + appSecret)) {
      return error(400, accessToken.startsWith(appId + "|") ? "Invalid OAuth access token signature."
          : "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, 0);
    }
    String input = query.get("input_token");
    if (input == null || input.isEmpty()) {
      return error(400, "(#100) The parameter input_token is required", "OAuthException", 100, 0);
    }
    Token token = tokens.get(input);
    Map<String, Object> data = new LinkedHashMap<>();
    if (token == null) {
      data.put("error", Map.of("code", 190, "message", "Invalid OAuth access token - Cannot parse access token"));
      data.put("is_valid", false);
      data.put("scopes", List.of());
      return Reply.json(200, Map.of("data", data));
    }
    data.put("app_id", token.appId());
    data.put("type", "USER");
    data.put("application", token.appName());
    data.put("data_access_expires_at", token.issuedAt().plus(Duration.ofDays(90)).getEpochSecond());
    Map<String, Object> problem = problem(input, token);
    if (problem != null) {
      data.put("error", problem);
    }
    data.put("expires_at", token.expiresAt().getEpochSecond());
    data.put("is_valid", problem == null);
    data.put("issued_at", token.issuedAt().getEpochSecond());
    data.put("scopes", scopes(token));
    data.put("user_id", token.userId());
    return Reply.json(200, Map.of("data", data));
  }

  private Reply me(Map<String, String> query) {
    String accessToken = query.get("access_token");
    if (accessToken == null || accessToken.isEmpty()) {
      return error(400, "An active access token must be used to query information about the current user.",
          "OAuthException", 2500, 0);
    }
    Token token = tokens.get(accessToken);
    if (token == null) {
      return error(400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, 0);
    }
    Map<String, Object> problem = problem(accessToken, token);
    if (problem != null) {
      return error(400, (String) Objects.requireNonNull(problem.get("message")), "OAuthException", 190,
          (Integer) Objects.requireNonNull(problem.get("subcode")));
    }
    String proof = query.get("appsecret_proof");
    String secret = token.appId().equals(appId) ? appSecret : otherAppSecrets.get(token.appId());
    if (proof == null) {
      return error(400, "API calls from the server require an appsecret_proof argument", "GraphMethodException",
          100, 0);
    }
    if (secret == null || !proof.equals(hmac(secret, accessToken))) {
      return error(400, "Invalid appsecret_proof provided in the API argument", "GraphMethodException", 100, 0);
    }
    Map<String, Object> me = new LinkedHashMap<>();
    for (String field : query.getOrDefault("fields", "id,name").split(",")) {
      switch (field.strip()) {
        case "id" -> me.put("id", token.userId());
        case "name" -> me.put("name", token.name());
        case "email" -> {
          if (token.email() != null) {
            me.put("email", token.email());
          }
        }
        default -> {
          return error(400, "(#100) Tried accessing nonexisting field (" + field.strip() + ") on node type (User)",
              "OAuthException", 100, 0);
        }
      }
    }
    me.putIfAbsent("id", token.userId());
    return Reply.json(200, me);
  }

  /** Why a known token no longer works, in debug_token's {@code data.error} shape; null when it works. */
  private @Nullable Map<String, Object> problem(String value, Token token) {
    Instant now = clock.instant();
    if (revoked.containsKey(value)) {
      return Map.of("code", 190, "message", "Error validating access token: The session has been invalidated"
          + " because the user changed their password or Facebook has changed the session for security reasons.",
          "subcode", 460);
    }
    if (!now.isBefore(token.expiresAt())) {
      DateTimeFormatter format = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
      return Map.of("code", 190, "message", "Error validating access token: Session has expired on "
          + format.format(token.expiresAt()) + ". The current time is " + format.format(now) + ".", "subcode", 463);
    }
    return null;
  }

  private static List<String> scopes(Token token) {
    List<String> scopes = new ArrayList<>();
    if (token.email() != null) {
      scopes.add("email");
    }
    scopes.add("public_profile");
    return scopes;
  }

  private Reply error(int status, String message, String type, int code, int subcode) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("code", code);
    if (subcode != 0) {
      error.put("error_subcode", subcode);
    }
    error.put("fbtrace_id", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(8)));
    return Reply.json(status, Map.of("error", error));
  }

  /** The {@code appsecret_proof} Graph expects for a token: hex HMAC-SHA256 keyed by the app secret. */
  public static String hmac(String secret, String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private String digits(int n) {
    StringBuilder s = new StringBuilder().append(1 + random.nextInt(9));
    while (s.length() < n) {
      s.append(random.nextInt(10));
    }
    return s.toString();
  }
}
