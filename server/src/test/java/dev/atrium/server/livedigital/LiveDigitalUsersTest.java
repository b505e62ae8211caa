package dev.atrium.server.livedigital;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiveDigital's {@code POST /v1/users} (with the captcha port against a local fake of hCaptcha's siteverify) and
 * personal tokens in Atrium's API, over HTTP.
 */
class LiveDigitalUsersTest {
  static final String PASSWORD = "user-password-1";
  static final String USERS = "/v1/users";
  static final String PERSONAL = "/atrium/v1/livedigital/personal-tokens";
  static final Set<String> IGNORED = Set.of("sessions.last_used_at", "users.last_login_at");
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static TestServer server;
  static String adminToken;
  static String clientId;
  static String clientSecret;
  static String userToken;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    adminToken = adminToken(server);
    Map<String, String> client = client(server, adminToken);
    clientId = client.get("clientId");
    clientSecret = client.get("clientSecret");
    userToken = userToken(server, newUserEmail(server, adminToken));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static RequestSpecification anonymous(TestServer on) {
    return given().baseUri(on.baseUrl()).contentType(ContentType.JSON);
  }

  static RequestSpecification as(TestServer on, String token) {
    return anonymous(on).header("Authorization", "Bearer " + token);
  }

  static String adminToken(TestServer on) {
    return anonymous(on).body(Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD))
        .post("/api/v1/auth/signin").then().statusCode(200).extract().path("data.session_token");
  }

  static Map<String, String> client(TestServer on, String admin) {
    Response made = as(on, admin).body(Map.of("name", "app " + SEQUENCE.incrementAndGet())).post("/atrium/v1/clients");
    assertThat(made.statusCode()).as(made.asString()).isEqualTo(201);
    return Map.of("clientId", made.path("clientId"), "clientSecret", made.path("clientSecret"));
  }

  static String newUserEmail(TestServer on, String admin) {
    String username = "ld-users." + SEQUENCE.incrementAndGet();
    anonymous(on).header("sessionToken", admin)
        .body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", username + "@example.test"),
            "password", PASSWORD))
        .post("/pod/v2/admin/user/create").then().statusCode(200);
    return username + "@example.test";
  }

  static Response grant(TestServer on, Map<String, String> body) {
    return anonymous(on).body(body).post("/v1/auth/token");
  }

  static String userToken(TestServer on, String email) {
    return grant(on, Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
        "username", email, "password", PASSWORD)).then().statusCode(200).extract().path("access_token");
  }

  static Map<String, Object> newUser(String username, @Nullable String captchaToken) {
    Map<String, Object> body = new HashMap<>();
    body.put("email", username.replace(' ', '.').toLowerCase(java.util.Locale.ROOT) + "@example.test");
    body.put("password", PASSWORD);
    body.put("username", username);
    body.put("phone", "+7 900 000-00-00");
    if (captchaToken != null) {
      body.put("captchaToken", captchaToken);
    }
    return body;
  }

  static void refused(Response r, int status, String code) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.jsonPath().getMap("")).containsOnlyKeys("message", "code");
    assertThat(r.jsonPath().getString("code")).isEqualTo(code);
    assertThat(r.asString()).doesNotContain(PASSWORD);
  }

  @Test
  void a_user_token_creates_a_user_whose_username_holds_spaces_and_who_signs_in_with_the_password() {
    String username = "Some Username Here " + SEQUENCE.incrementAndGet();
    Map<String, Object> body = newUser(username, null);

    Response created = as(server, userToken).body(body).post(USERS);

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    Golden.assertMatches(created.asString(), "livedigital/user-created.json");
    String id = created.path("id");
    String token = userToken(server, (String) body.get("email"));
    Response me = as(server, token).get("/v1/users/me");
    assertThat(me.jsonPath().getString("id")).isEqualTo(id);
    assertThat(me.jsonPath().getString("username")).isEqualTo(username);
    assertThat(me.jsonPath().getString("name")).isEqualTo(username);
    assertThat(me.jsonPath().getString("phone")).isEqualTo("+7 900 000-00-00");
    // one model, one id: the same user through Symphony's directory
    Response pod = anonymous(server).header("sessionToken", adminToken).get("/pod/v2/user?uid=" + id);
    assertThat(pod.statusCode()).as(pod.asString()).isEqualTo(200);
    assertThat(pod.jsonPath().getString("username")).isEqualTo(username);
  }

  @Test
  void a_client_token_is_refused_403_and_creates_nothing() {
    String client = grant(server, Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
        clientSecret)).then().statusCode(200).extract().path("access_token");
    Map<String, String> before = DatabaseDigest.of(server.atrium(), IGNORED);

    refused(as(server, client).body(newUser("By Client " + SEQUENCE.incrementAndGet(), null)).post(USERS), 403,
        "forbidden");
    refused(anonymous(server).body(newUser("Nobody " + SEQUENCE.incrementAndGet(), null)).post(USERS), 401,
        "unauthorized");

    assertThat(DatabaseDigest.of(server.atrium(), IGNORED)).isEqualTo(before);
  }

  @Test
  void a_taken_email_or_username_is_409_and_bad_fields_are_400_and_nothing_changes() {
    String username = "Taken Name " + SEQUENCE.incrementAndGet();
    Map<String, Object> first = newUser(username, null);
    as(server, userToken).body(first).post(USERS).then().statusCode(201);
    Map<String, String> before = DatabaseDigest.of(server.atrium(), IGNORED);

    Map<String, Object> sameEmail = newUser("Other Name " + SEQUENCE.incrementAndGet(), null);
    sameEmail.put("email", first.get("email"));
    Response r = as(server, userToken).body(sameEmail).post(USERS);
    refused(r, 409, "conflict");
    Golden.assertMatches(r.asString(), "livedigital/conflict.json");
    Map<String, Object> sameName = newUser(username, null);
    sameName.put("email", "other." + SEQUENCE.incrementAndGet() + "@example.test");
    refused(as(server, userToken).body(sameName).post(USERS), 409, "conflict");
    for (String field : List.of("email", "password", "username")) {
      Map<String, Object> missing = newUser("Missing " + SEQUENCE.incrementAndGet(), null);
      missing.remove(field);
      Response m = as(server, userToken).body(missing).post(USERS);
      refused(m, 400, "bad_request");
      assertThat(m.jsonPath().getString("message")).isEqualTo(field + " is required");
    }
    Map<String, Object> badEmail = newUser("Bad Email " + SEQUENCE.incrementAndGet(), null);
    badEmail.put("email", "not-an-address");
    refused(as(server, userToken).body(badEmail).post(USERS), 400, "bad_request");
    Map<String, Object> doubleSpace = newUser("Two  Spaces " + SEQUENCE.incrementAndGet(), null);
    refused(as(server, userToken).body(doubleSpace).post(USERS), 400, "bad_request");
    refused(as(server, userToken).body("[1]").post(USERS), 400, "bad_request");

    assertThat(DatabaseDigest.of(server.atrium(), IGNORED)).isEqualTo(before);
  }

  /** A fake siteverify: accepts the token "human" with the secret "site-secret", and records every form. */
  static final class FakeCaptcha implements AutoCloseable {
    final HttpServer http;
    final List<Map<String, String>> forms = new CopyOnWriteArrayList<>();
    volatile int status = 200;

    FakeCaptcha() throws IOException {
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext("/siteverify", exchange -> {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
          int eq = pair.indexOf('=');
          form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        forms.add(form);
        boolean ok = "site-secret".equals(form.get("secret")) && "human".equals(form.get("response"));
        byte[] answer = ("{\"success\":" + ok + (ok ? "" : ",\"error-codes\":[\"invalid-input-response\"]") + "}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
      });
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/siteverify";
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }

  @Test
  void with_a_captcha_service_configured_the_captcha_token_decides_and_a_failing_service_lets_nobody_in()
      throws IOException {
    try (FakeCaptcha captcha = new FakeCaptcha();
        TestServer guarded = TestServer.start(Map.of("ATRIUM_CAPTCHA_VERIFY_URL", captcha.url(),
            "ATRIUM_CAPTCHA_SECRET", "site-secret"))) {
      String admin = adminToken(guarded);
      Map<String, String> app = client(guarded, admin);
      String email = newUserEmail(guarded, admin);
      String token = grant(guarded, Map.of("grant_type", "password", "client_id", app.get("clientId"),
          "client_secret", app.get("clientSecret"), "username", email, "password", PASSWORD))
          .then().statusCode(200).extract().path("access_token");
      Map<String, String> before = DatabaseDigest.of(guarded.atrium(), IGNORED);

      Response missing = as(guarded, token).body(newUser("No Captcha " + SEQUENCE.incrementAndGet(), null))
          .post(USERS);
      refused(missing, 400, "bad_request");
      assertThat(missing.jsonPath().getString("message")).isEqualTo("The captcha was not solved; please try again");
      assertThat(captcha.forms).isEmpty();
      refused(as(guarded, token).body(newUser("Robot " + SEQUENCE.incrementAndGet(), "robot")).post(USERS), 400,
          "bad_request");
      captcha.status = 500;
      Response down = as(guarded, token).body(newUser("Unlucky " + SEQUENCE.incrementAndGet(), "human")).post(USERS);
      refused(down, 503, "unavailable");
      assertThat(down.asString()).doesNotContain("site-secret").doesNotContain("human");
      assertThat(DatabaseDigest.of(guarded.atrium(), IGNORED)).isEqualTo(before);

      captcha.status = 200;
      as(guarded, token).body(newUser("Human " + SEQUENCE.incrementAndGet(), "human")).post(USERS)
          .then().statusCode(201);
      Map<String, String> last = captcha.forms.getLast();
      assertThat(last).containsEntry("secret", "site-secret").containsEntry("response", "human")
          .containsKey("remoteip");
    }
  }

  @Test
  void a_personal_token_never_expires_works_as_a_user_token_and_stops_at_once_when_revoked() throws Exception {
    String email = newUserEmail(server, adminToken);
    String atrium = anonymous(server).body(Map.of("email", email, "password", PASSWORD)).post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
    // Atrium's API takes Atrium's session tokens, not LiveDigital's
    refused(as(server, userToken(server, email)).body(Map.of("name", "integration")).post(PERSONAL), 401,
        "unauthenticated");
    String token = atrium;

    Response made = as(server, token).body(Map.of("name", "integration")).post(PERSONAL);

    assertThat(made.statusCode()).as(made.asString()).isEqualTo(201);
    Golden.assertMatches(made.asString(), "livedigital/personal-token.json");
    assertThat(made.header("Cache-Control")).isEqualTo("no-store");
    String personal = made.path("token");
    JWTClaimsSet claims = LiveDigitalTokensTest.claims(personal);
    assertThat(claims.getAudience()).containsExactly("user");
    assertThat(claims.getStringClaim("type")).isEqualTo("accessToken");
    assertThat(claims.getStringClaim("cId")).isEqualTo("personal");
    assertThat(claims.getExpirationTime().toInstant()).isAfter(java.time.Instant.parse("9999-01-01T00:00:00Z"));
    as(server, personal).get("/v1/users/me").then().statusCode(200);
    refused(as(server, token).body(Map.of("name", "integration")).post(PERSONAL), 409, "conflict");
    Response listed = as(server, atrium).get(PERSONAL);
    assertThat(listed.jsonPath().getList("name")).containsExactly("integration");

    as(server, token).delete(PERSONAL + "/integration").then().statusCode(204);

    refused(as(server, personal).get("/v1/users/me"), 401, "unauthorized");
    assertThat(as(server, atrium).get(PERSONAL).jsonPath().getList("")).isEmpty();
    refused(as(server, token).delete(PERSONAL + "/integration"), 404, "not_found");
    refused(anonymous(server).get(PERSONAL), 401, "unauthenticated");
  }
}
