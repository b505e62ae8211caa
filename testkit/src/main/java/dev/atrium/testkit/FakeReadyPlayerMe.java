package dev.atrium.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local Ready Player Me API for one partner application (a subdomain and a random API key) and the users a
 * test adds. It serves {@code GET /v1/auth/token?userId&partner} with the header {@code x-api-key}, as
 * docs.readyplayer.me documents it, answering {@code {"data": {"token": "…"}}}: an HS256 JWT with {@code id},
 * {@code partner}, {@code iat} and {@code exp} 15 seconds later, like the documented sample.
 *
 * <p>The documentation shows no error bodies; this fake answers {@code {"status", "message"}} with the status
 * that says what is wrong: 401 for a missing or wrong API key or a partner the key is not for, 400 for a missing
 * user id, 404 for an unknown user, 403 for a user who has not authorized the application.
 */
public final class FakeReadyPlayerMe extends FakeHttpServer {
  private static final long TOKEN_SECONDS = 15;

  private final SecureRandom random = new SecureRandom();
  private final InstantSource clock;
  private final String partner;
  private final String apiKey;
  private final byte[] signingKey = new byte[32];
  /** user id → whether the user authorized this partner application. */
  private final Map<String, Boolean> users = new ConcurrentHashMap<>();

  private FakeReadyPlayerMe(String partner, InstantSource clock) {
    this.partner = partner;
    this.clock = clock;
    this.apiKey = "sk_test_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(24));
    random.nextBytes(signingKey);
  }

  /** Starts a fake for the partner subdomain on a free loopback port. */
  public static FakeReadyPlayerMe start(String partner, InstantSource clock) {
    FakeReadyPlayerMe fake = new FakeReadyPlayerMe(partner, clock);
    fake.listen();
    return fake;
  }

  public String apiKey() {
    return apiKey;
  }

  public String partner() {
    return partner;
  }

  /** The base URL to configure: {@code http://127.0.0.1:port}. */
  public String apiUrl() {
    return baseUrl();
  }

  /** A new user (24 hex digits, as Ready Player Me's ids) who authorized this application. */
  public String addUser() {
    String id = HexFormat.of().formatHex(bytes(12));
    users.put(id, true);
    return id;
  }

  /** A new user who has not authorized this application. */
  public String addUserWithoutAuthorization() {
    String id = HexFormat.of().formatHex(bytes(12));
    users.put(id, false);
    return id;
  }

  /** The user id a token was issued for, if this fake signed it for this partner. */
  public Optional<String> userOf(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3 || !MessageDigest.isEqual(
        sign(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
        parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return partner.equals(claims.path("partner").asText()) ? Optional.of(claims.path("id").asText())
          : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  Reply handle(Request request) {
    if (!request.path().equals("/v1/auth/token")) {
      return error(404, "Cannot " + request.method() + " " + request.path());
    }
    if (!request.method().equals("GET")) {
      return error(405, "Method not allowed");
    }
    String key = request.header("x-api-key");
    if (key == null || !MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
        apiKey.getBytes(StandardCharsets.UTF_8))) {
      return error(401, "Unauthorized");
    }
    if (!partner.equals(request.query().get("partner"))) {
      return error(401, "The API key is not valid for this partner");
    }
    String userId = request.query().get("userId");
    if (userId == null || userId.isEmpty()) {
      return error(400, "userId is required");
    }
    Boolean authorized = users.get(userId);
    if (authorized == null) {
      return error(404, "User not found");
    }
    if (!authorized) {
      return error(403, "The user has not authorized this application");
    }
    long now = clock.instant().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("id", userId);
    claims.put("partner", partner);
    claims.put("iat", now);
    claims.put("exp", now + TOKEN_SECONDS);
    String unsigned = base64(Map.of("alg", "HS256", "typ", "JWT")) + "." + base64(claims);
    return Reply.json(200, Map.of("data", Map.of("token", unsigned + "." + sign(unsigned))));
  }

  private static Reply error(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("message", message);
    return Reply.json(status, body);
  }

  private static String base64(Map<String, Object> json) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String sign(String unsigned) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
