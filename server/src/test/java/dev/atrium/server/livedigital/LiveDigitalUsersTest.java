package dev.atrium.server.livedigital;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.response.Response;
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
  static final String PASSWORD = LiveDigitalFixture.PASSWORD;
  static final String USERS = "/v1/users";
  static final String PERSONAL = "/atrium/v1/livedigital/personal-tokens";
  static final Set<String> IGNORED = Set.of("sessions.last_used_at", "users.last_login_at");
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static TestServer server;
  static LiveDigitalFixture ld;
  static String userToken;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    ld = new LiveDigitalFixture(server);
    userToken = ld.userToken(ld.newUserEmail("LD Users"));
  }

  @AfterAll
  static void stop() {
    server.close();
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
    LiveDigitalFixture.refused(r, status, code);
    assertThat(r.asString()).doesNotContain(PASSWORD);
  }

  @Test
  void a_user_token_creates_a_user_whose_username_holds_spaces_and_who_signs_in_with_the_password() {
    String username = "Some Username Here " + SEQUENCE.incrementAndGet();
    Map<String, Object> body = newUser(username, null);

    Response created = ld.as(userToken).body(body).post(USERS);

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    Golden.assertMatches(created.asString(), "livedigital/user-created.json");
    String id = created.path("id");
    String token = ld.userToken((String) body.get("email"));
    Response me = ld.as(token).get("/v1/users/me");
    assertThat(me.jsonPath().getString("id")).isEqualTo(id);
    assertThat(me.jsonPath().getString("username")).isEqualTo(username);
    assertThat(me.jsonPath().getString("name")).isEqualTo(username);
    assertThat(me.jsonPath().getString("phone")).isEqualTo("+7 900 000-00-00");
    // one model, one id: the same user through Symphony's directory
    Response pod = ld.anonymous().header("sessionToken", ld.adminToken).get("/pod/v2/user?uid=" + id);
    assertThat(pod.statusCode()).as(pod.asString()).isEqualTo(200);
    assertThat(pod.jsonPath().getString("username")).isEqualTo(username);
  }

  @Test
  void a_client_token_is_refused_403_and_creates_nothing() {
    String client = ld.clientToken();
    Map<String, String> before = DatabaseDigest.of(server.atrium(), IGNORED);

    refused(ld.as(client).body(newUser("By Client " + SEQUENCE.incrementAndGet(), null)).post(USERS), 403,
        "forbidden");
    refused(ld.anonymous().body(newUser("Nobody " + SEQUENCE.incrementAndGet(), null)).post(USERS), 401,
        "unauthorized");

    assertThat(DatabaseDigest.of(server.atrium(), IGNORED)).isEqualTo(before);
  }

  @Test
  void a_taken_email_or_username_is_409_and_bad_fields_are_400_and_nothing_changes() {
    String username = "Taken Name " + SEQUENCE.incrementAndGet();
    Map<String, Object> first = newUser(username, null);
    ld.as(userToken).body(first).post(USERS).then().statusCode(201);
    Map<String, String> before = DatabaseDigest.of(server.atrium(), IGNORED);

    Map<String, Object> sameEmail = newUser("Other Name " + SEQUENCE.incrementAndGet(), null);
    sameEmail.put("email", first.get("email"));
    Response r = ld.as(userToken).body(sameEmail).post(USERS);
    refused(r, 409, "conflict");
    Golden.assertMatches(r.asString(), "livedigital/conflict.json");
    Map<String, Object> sameName = newUser(username, null);
    sameName.put("email", "other." + SEQUENCE.incrementAndGet() + "@example.test");
    refused(ld.as(userToken).body(sameName).post(USERS), 409, "conflict");
    for (String field : List.of("email", "password", "username")) {
      Map<String, Object> missing = newUser("Missing " + SEQUENCE.incrementAndGet(), null);
      missing.remove(field);
      Response m = ld.as(userToken).body(missing).post(USERS);
      refused(m, 400, "bad_request");
      assertThat(m.jsonPath().getString("message")).isEqualTo(field + " is required");
    }
    Map<String, Object> badEmail = newUser("Bad Email " + SEQUENCE.incrementAndGet(), null);
    badEmail.put("email", "not-an-address");
    refused(ld.as(userToken).body(badEmail).post(USERS), 400, "bad_request");
    Map<String, Object> doubleSpace = newUser("Two  Spaces " + SEQUENCE.incrementAndGet(), null);
    refused(ld.as(userToken).body(doubleSpace).post(USERS), 400, "bad_request");
    refused(ld.as(userToken).body("[1]").post(USERS), 400, "bad_request");

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
      LiveDigitalFixture g = new LiveDigitalFixture(guarded);
      String token = g.userToken(g.newUserEmail("LD Users"));
      Map<String, String> before = DatabaseDigest.of(guarded.atrium(), IGNORED);

      Response missing = g.as(token).body(newUser("No Captcha " + SEQUENCE.incrementAndGet(), null))
          .post(USERS);
      refused(missing, 400, "bad_request");
      assertThat(missing.jsonPath().getString("message")).isEqualTo("The captcha was not solved; please try again");
      assertThat(captcha.forms).isEmpty();
      refused(g.as(token).body(newUser("Robot " + SEQUENCE.incrementAndGet(), "robot")).post(USERS), 400,
          "bad_request");
      captcha.status = 500;
      Response down = g.as(token).body(newUser("Unlucky " + SEQUENCE.incrementAndGet(), "human")).post(USERS);
      refused(down, 503, "unavailable");
      assertThat(down.asString()).doesNotContain("site-secret").doesNotContain("human");
      assertThat(DatabaseDigest.of(guarded.atrium(), IGNORED)).isEqualTo(before);

      captcha.status = 200;
      g.as(token).body(newUser("Human " + SEQUENCE.incrementAndGet(), "human")).post(USERS)
          .then().statusCode(201);
      Map<String, String> last = captcha.forms.getLast();
      assertThat(last).containsEntry("secret", "site-secret").containsEntry("response", "human")
          .containsKey("remoteip");
    }
  }

  @Test
  void a_personal_token_never_expires_works_as_a_user_token_and_stops_at_once_when_revoked() throws Exception {
    String email = ld.newUserEmail("LD Users");
    String atrium = ld.signin(email, PASSWORD);
    // Atrium's API takes Atrium's session tokens, not LiveDigital's
    refused(ld.as(ld.userToken(email)).body(Map.of("name", "integration")).post(PERSONAL), 401,
        "unauthenticated");
    String token = atrium;

    Response made = ld.as(token).body(Map.of("name", "integration")).post(PERSONAL);

    assertThat(made.statusCode()).as(made.asString()).isEqualTo(201);
    Golden.assertMatches(made.asString(), "livedigital/personal-token.json");
    assertThat(made.header("Cache-Control")).isEqualTo("no-store");
    String personal = made.path("token");
    JWTClaimsSet claims = LiveDigitalTokensTest.claims(personal);
    assertThat(claims.getAudience()).containsExactly("user");
    assertThat(claims.getStringClaim("type")).isEqualTo("accessToken");
    assertThat(claims.getStringClaim("cId")).isEqualTo("personal");
    assertThat(claims.getExpirationTime().toInstant()).isAfter(java.time.Instant.parse("9999-01-01T00:00:00Z"));
    ld.as(personal).get("/v1/users/me").then().statusCode(200);
    refused(ld.as(token).body(Map.of("name", "integration")).post(PERSONAL), 409, "conflict");
    Response listed = ld.as(atrium).get(PERSONAL);
    Golden.assertMatches(listed.asString(), "livedigital/personal-tokens.json");
    assertThat(listed.jsonPath().getList("name")).containsExactly("integration");

    ld.as(token).delete(PERSONAL + "/integration").then().statusCode(204);

    refused(ld.as(personal).get("/v1/users/me"), 401, "unauthorized");
    assertThat(ld.as(atrium).get(PERSONAL).jsonPath().getList("")).isEmpty();
    refused(ld.as(token).delete(PERSONAL + "/integration"), 404, "not_found");
    refused(ld.anonymous().get(PERSONAL), 401, "unauthenticated");
  }
}
