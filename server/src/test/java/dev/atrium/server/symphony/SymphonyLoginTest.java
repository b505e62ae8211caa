package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.SymphonyPod.jwt;
import static dev.atrium.server.symphony.SymphonyPod.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atrium.server.Golden;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RSA login over raw HTTP: {@code POST /login/pubkey/authenticate} and {@code /relay/pubkey/authenticate}
 * with {@code {"token": <JWT>}}. Every refusal is the same 401 with Symphony's error body.
 */
class SymphonyLoginTest {
  static final String REFUSAL =
      "{\"code\":401,\"message\":\"Unauthorized: invalid or expired authentication token\"}";
  static SymphonyPod pod;

  @BeforeAll
  static void start() {
    pod = SymphonyPod.start();
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  private static Response post(String path, Object body) {
    return pod.anonymous().contentType(ContentType.JSON).body(body).post(path);
  }

  private static Response login(String jwt) {
    return post("/login/pubkey/authenticate", Map.of("token", jwt));
  }

  private static String goodJwt(SymphonyPod.KeyUser user) {
    return jwt(user.username(), Instant.now().plusSeconds(240), user.keys().getPrivate());
  }

  private static void assertRefused(Response response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.asString()).isEqualTo(REFUSAL);
  }

  // ---- accepted

  @Test
  void the_pod_answers_a_session_token() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    Response response = login(goodJwt(bot));

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/token-session.json");
    String token = response.path("token");
    pod.as(token).get("/pod/v1/sessioninfo").then().statusCode(200);
  }

  @Test
  void the_key_manager_answers_a_key_manager_token() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    Response response = post("/relay/pubkey/authenticate", Map.of("token", goodJwt(bot)));

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/token-key-manager.json");
  }

  @Test
  void every_login_gets_a_new_token() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    assertThat(pod.login(bot)).isNotEqualTo(pod.login(bot));
  }

  @Test
  void a_signature_in_standard_base64_is_accepted() {
    // The finos Postman collection signs with standard base64 ('+', '/', '=') instead of base64url.
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));
    String[] parts = goodJwt(bot).split("\\.");
    String standard = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(parts[2]));
    assertThat(standard).containsAnyOf("+", "/", "=");

    Response response = login(parts[0] + "." + parts[1] + "." + standard);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.<String>path("name")).isEqualTo("sessionToken");
  }

  @Test
  void the_username_in_sub_ignores_case() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    Response response = login(jwt(bot.username().toUpperCase(), Instant.now().plusSeconds(240),
        bot.keys().getPrivate()));

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void after_a_key_rotation_the_new_and_the_previous_key_both_log_in() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));
    KeyPair next = SymphonyPod.newKeyPair();

    updateKey(bot.id(), Map.of("key", SymphonyPod.publicPem(next), "action", "SAVE"));

    assertThat(login(jwt(bot.username(), Instant.now().plusSeconds(240), next.getPrivate())).statusCode())
        .isEqualTo(200);
    assertThat(login(goodJwt(bot)).statusCode()).isEqualTo(200);
  }

  // ---- refused

  @Test
  void a_jwt_signed_by_another_key_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    assertRefused(login(jwt(bot.username(), Instant.now().plusSeconds(240),
        SymphonyPod.newKeyPair().getPrivate())));
  }

  @Test
  void an_expired_jwt_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    assertRefused(login(jwt(bot.username(), Instant.now().minusSeconds(600), bot.keys().getPrivate())));
  }

  @Test
  void a_jwt_expiring_more_than_five_minutes_ahead_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    assertRefused(login(jwt(bot.username(), Instant.now().plusSeconds(600), bot.keys().getPrivate())));
  }

  @Test
  void a_jwt_without_exp_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    assertRefused(login(jwt(new JWTClaimsSet.Builder().subject(bot.username()).build(), bot.keys().getPrivate())));
  }

  @Test
  void a_jwt_without_sub_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    assertRefused(login(jwt(new JWTClaimsSet.Builder().expirationTime(Date.from(Instant.now().plusSeconds(240)))
        .build(), bot.keys().getPrivate())));
  }

  @Test
  void a_jwt_for_an_unknown_username_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    assertRefused(login(jwt("nobody-" + bot.username(), Instant.now().plusSeconds(240), bot.keys().getPrivate())));
  }

  @Test
  void a_user_without_a_key_is_refused() {
    String name = unique("login.keyless");
    pod.createUser(Map.of("userName", name, "accountType", "SYSTEM"));

    assertRefused(login(jwt(name, Instant.now().plusSeconds(240), SymphonyPod.newKeyPair().getPrivate())));
  }

  @Test
  void a_disabled_user_is_refused_and_logs_in_again_once_enabled() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    pod.setStatus(bot.id(), "DISABLED");
    assertRefused(login(goodJwt(bot)));
    assertRefused(post("/relay/pubkey/authenticate", Map.of("token", goodJwt(bot))));

    pod.setStatus(bot.id(), "ENABLED");
    assertThat(login(goodJwt(bot)).statusCode()).isEqualTo(200);
  }

  @Test
  void a_revoked_key_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));

    updateKey(bot.id(), Map.of("action", "REVOKE"));

    assertRefused(login(goodJwt(bot)));
  }

  @Test
  void a_jwt_signed_with_hmac_over_the_public_key_is_refused() throws Exception {
    // The classic algorithm confusion: HS256 keyed with the (public) RSA key must not pass as RS256.
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));
    SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
        .subject(bot.username()).expirationTime(Date.from(Instant.now().plusSeconds(240))).build());
    forged.sign(new MACSigner(MessageDigest.getInstance("SHA-256").digest(bot.keys().getPublic().getEncoded())));

    assertRefused(login(forged.serialize()));
  }

  @Test
  void an_unsigned_jwt_is_refused() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("login.bot"));
    String[] parts = goodJwt(bot).split("\\.");
    String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());

    assertRefused(login(none + "." + parts[1] + "."));
  }

  @Test
  void a_malformed_token_is_refused() {
    assertRefused(login("not-a-jwt"));
    assertRefused(login("a.b.c"));
    assertRefused(login(""));
  }

  @Test
  void a_request_without_a_token_is_refused() {
    assertRefused(post("/login/pubkey/authenticate", Map.of()));
    assertRefused(post("/relay/pubkey/authenticate", Map.of()));
  }

  @Test
  void a_request_without_a_body_is_refused() {
    assertRefused(pod.anonymous().post("/login/pubkey/authenticate"));
    assertRefused(pod.anonymous().contentType(ContentType.JSON).body("{\"token\":").post("/login/pubkey/authenticate"));
  }

  private static void updateKey(long userId, Map<String, Object> key) {
    pod.asAdmin().contentType(ContentType.JSON).body(Map.of("currentKey", key))
        .post("/pod/v2/admin/user/" + userId + "/update")
        .then().statusCode(200);
  }
}
