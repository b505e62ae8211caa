package dev.atrium.server.livedigital;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.atrium.server.TestServer;
import dev.atrium.store.jdbc.Database;
import dev.atrium.testkit.FakeClock;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LiveDigital's signing keys and token lifetimes: expiry, a configured key, keys kept across a restart. */
class LiveDigitalKeysTest {
  static final String PASSWORD = "user-password-1";

  record Client(String id, String secret) {}

  static RequestSpecification on(TestServer server) {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON);
  }

  static String adminToken(TestServer server) {
    return on(server).body(Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD))
        .post("/api/v1/auth/signin").then().statusCode(200).extract().path("data.session_token");
  }

  static Client client(TestServer server) {
    Response made = on(server).header("Authorization", "Bearer " + adminToken(server)).body(Map.of("name", "app"))
        .post("/atrium/v1/clients");
    assertThat(made.statusCode()).as(made.asString()).isEqualTo(201);
    return new Client(made.path("clientId"), made.path("clientSecret"));
  }

  static Response clientGrant(TestServer server, Client c) {
    return on(server).body(Map.of("grant_type", "client_credentials", "client_id", c.id(), "client_secret",
        c.secret())).post("/v1/auth/token");
  }

  static Response adminGrant(TestServer server, Client c) {
    return on(server).body(Map.of("grant_type", "password", "client_id", c.id(), "client_secret", c.secret(),
        "username", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD)).post("/v1/auth/token");
  }

  static int me(TestServer server, String accessToken) {
    return on(server).header("Authorization", "Bearer " + accessToken).get("/v1/users/me").statusCode();
  }

  static long lifetime(String jwt) throws Exception {
    var claims = SignedJWT.parse(jwt).getJWTClaimsSet();
    return (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
  }

  @Test
  void an_expired_access_token_is_refused() {
    FakeClock clock = new FakeClock();
    try (TestServer server = TestServer.start(Map.of(), clock)) {
      Client c = client(server);
      String user = adminGrant(server, c).path("access_token");
      String client = clientGrant(server, c).path("access_token");
      clock.advance(Duration.ofDays(7).minusSeconds(1));
      assertThat(me(server, user)).isEqualTo(200);
      assertThat(me(server, client)).isEqualTo(403);

      clock.advance(Duration.ofSeconds(1));

      assertThat(me(server, user)).isEqualTo(401);
      assertThat(me(server, client)).isEqualTo(401);
    }
  }

  @Test
  void lifetimes_follow_the_settings() throws Exception {
    try (TestServer server = TestServer.start(Map.of("ATRIUM_LIVEDIGITAL_ACCESS_TTL_HOURS", "2",
        "ATRIUM_LIVEDIGITAL_REFRESH_TTL_HOURS", "30"))) {
      Response r = clientGrant(server, client(server));

      assertThat(lifetime(r.path("access_token"))).isEqualTo(2 * 3600);
      assertThat(lifetime(r.path("refresh_token"))).isEqualTo(30 * 3600);
      assertThat(r.headers().getValues("Set-Cookie")).anyMatch(v -> v.contains("; Max-Age=7200;"))
          .anyMatch(v -> v.contains("; Max-Age=108000;"));
    }
  }

  @Test
  void a_configured_key_signs_and_an_https_public_url_makes_the_cookies_secure() throws Exception {
    String key = "a configured signing key of more than 32 bytes";
    try (TestServer server = TestServer.start(Map.of("ATRIUM_LIVEDIGITAL_SIGNING_KEY", key,
        "ATRIUM_PUBLIC_URL", "https://atrium.example.test"))) {
      Response r = adminGrant(server, client(server));

      SignedJWT jwt = SignedJWT.parse(r.path("access_token"));
      assertThat(jwt.verify(new MACVerifier(key.getBytes(StandardCharsets.UTF_8)))).isTrue();
      assertThat(me(server, jwt.serialize())).isEqualTo(200);
      assertThat(r.headers().getValues("Set-Cookie")).hasSize(2).allMatch(v -> v.endsWith("; Secure"));
      assertThat(server.atrium().toString() + server.atrium().services().database().dsl()
          .fetch("select * from livedigital_key").formatCSV()).doesNotContain(key);
    }
  }

  @Test
  void the_generated_key_is_kept_across_a_restart() throws Exception {
    Path dir = Files.createTempDirectory("atrium-ld-keys-");
    Map<String, String> settings = Map.of("ATRIUM_DATA_DIR", dir.toString(), "ATRIUM_DB_URL",
        Database.h2FileUrl(dir));
    String access;
    String refresh;
    String keys;
    // the keys as the first start made them: one row
    try (TestServer first = TestServer.start(settings, InstantSource.system())) {
      Response r = adminGrant(first, client(first));
      access = r.path("access_token");
      refresh = r.path("refresh_token");
      keys = first.atrium().services().database().dsl().fetch("select key_id, secret from livedigital_key")
          .formatCSV();
      assertThat(me(first, access)).isEqualTo(200);
    }
    assertThat(keys.lines().count()).isEqualTo(2);

    try (TestServer second = TestServer.start(settings, InstantSource.system())) {
      assertThat(second.atrium().services().database().dsl().fetch("select key_id, secret from livedigital_key")
          .formatCSV()).isEqualTo(keys);
      assertThat(me(second, access)).isEqualTo(200);
      Response next = on(second).body(Map.of("grant_type", "refresh_token", "refresh_token", refresh))
          .post("/v1/auth/token");
      assertThat(next.statusCode()).as(next.asString()).isEqualTo(200);
      refresh = next.path("refresh_token");
      // a rotation: a newer key, read at the next start
      second.atrium().services().database().dsl().execute("insert into livedigital_key (key_id, secret, created_at)"
          + " values ('rotated-key', ?, ?)", java.util.Base64.getEncoder().encodeToString(ROTATED),
          System.currentTimeMillis() + 60_000);
    }

    try (TestServer third = TestServer.start(settings, InstantSource.system())) {
      assertThat(me(third, access)).as("a token of the older key").isEqualTo(200);
      Response next = on(third).body(Map.of("grant_type", "refresh_token", "refresh_token", refresh))
          .post("/v1/auth/token");
      assertThat(next.statusCode()).as(next.asString()).isEqualTo(200);
      SignedJWT signed = SignedJWT.parse(next.path("access_token"));
      assertThat(signed.getHeader().getKeyID()).isEqualTo("rotated-key");
      assertThat(signed.verify(new MACVerifier(ROTATED))).isTrue();
      assertThat(me(third, signed.serialize())).isEqualTo(200);
    }
  }

  private static final byte[] ROTATED = "a rotated key of thirty-two bytes or more".getBytes(StandardCharsets.UTF_8);

  @Test
  void password_grants_go_through_the_login_protection() {
    try (TestServer server = TestServer.start(Map.of("ATRIUM_LOGIN_LIMITS", "account=2,address=1000000"))) {
      Client c = client(server);
      Map<String, String> wrong = Map.of("grant_type", "password", "client_id", c.id(), "client_secret", c.secret(),
          "username", TestServer.ADMIN_EMAIL, "password", "not-the-password");
      on(server).body(wrong).post("/v1/auth/token").then().statusCode(400);
      on(server).body(wrong).post("/v1/auth/token").then().statusCode(400);

      Response waiting = adminGrant(server, c);

      assertThat(waiting.statusCode()).as(waiting.asString()).isEqualTo(429);
      assertThat(waiting.header("Retry-After")).matches("[1-9][0-9]*");
      assertThat(waiting.jsonPath().getString("error")).isEqualTo("too_many_requests");
    }
  }

  @Test
  void the_token_route_counts_as_auth_and_a_limited_caller_gets_429_in_each_shape() {
    try (TestServer server = TestServer.start(Map.of("ATRIUM_RATE_LIMITS", "auth=3/1m,read=2/1m"))) {
      // the administrator's sign-in (Roomful's, an auth route of the same address) is the first of the three
      Client c = client(server);
      String access = adminGrant(server, c).path("access_token");
      clientGrant(server, c).then().statusCode(200);

      Response token = clientGrant(server, c);
      assertThat(token.statusCode()).as(token.asString()).isEqualTo(429);
      assertThat(token.header("Retry-After")).matches("[1-9][0-9]*");
      assertThat(token.jsonPath().getMap("")).containsOnlyKeys("error", "error_description");
      assertThat(token.jsonPath().getString("error")).isEqualTo("too_many_requests");

      assertThat(me(server, access)).isEqualTo(200);
      assertThat(me(server, access)).isEqualTo(200);
      Response me = on(server).header("Authorization", "Bearer " + access).get("/v1/users/me");
      assertThat(me.statusCode()).as(me.asString()).isEqualTo(429);
      assertThat(me.jsonPath().getMap("")).containsOnlyKeys("message", "code");
      assertThat(me.jsonPath().getString("code")).isEqualTo("too_many_requests");
    }
  }
}
