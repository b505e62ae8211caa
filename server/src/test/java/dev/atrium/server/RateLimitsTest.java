package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.testkit.FakeClock;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits over the wire ({@code ATRIUM_RATE_LIMITS} set low, the clock a {@link FakeClock} that only the test
 * moves): a request over its class's rate is refused 429 with {@code Retry-After} in the format of the dialect
 * whose path it is, and nothing runs; signed-in callers count by user, anonymous ones by address; Atrium's API
 * answers with the {@code X-RateLimit-*} headers; {@code off} limits nothing; {@code /health} is never limited.
 */
class RateLimitsTest {
  static final String WAIT_HALF_AN_HOUR = "Too many requests: try again in 1800 seconds";
  static final AtomicInteger SEQUENCE = new AtomicInteger();

  final FakeClock clock = new FakeClock();
  private @Nullable TestServer started;

  @AfterEach
  void stop() {
    if (started != null) {
      started.close();
    }
  }

  TestServer server() {
    return Objects.requireNonNull(started, "the test starts its server first");
  }

  void start(String limits, String... settings) {
    Map<String, String> values = new HashMap<>(Map.of("ATRIUM_RATE_LIMITS", limits));
    for (int i = 0; i < settings.length; i += 2) {
      values.put(settings[i], settings[i + 1]);
    }
    started = TestServer.start(values, clock);
  }

  RequestSpecification http() {
    return given().baseUri(server().baseUrl()).contentType(ContentType.JSON);
  }

  /** A new Roomful account, signed up over HTTP (an {@code auth} request); its session token. */
  String signup() {
    String email = "limits." + SEQUENCE.incrementAndGet() + "@limits.test";
    return http().body(Map.of("email", email, "password", "password-1", "firstName", "Ann", "lastName", "Lee"))
        .post("/api/v1/auth/signup").then().statusCode(200).extract().path("data.session_token");
  }

  Response signin(String email) {
    return http().body(Map.of("email", email, "password", "wrong-password")).post("/api/v1/auth/signin");
  }

  static void assertRefused(Response response, String body) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(429);
    assertThat(response.header("Retry-After")).isEqualTo("1800");
    assertThat(response.asString()).isEqualTo(body);
  }

  static String roomful429(String message) {
    return "{\"error\":{\"status\":true,\"code\":705,\"message\":\"" + message + "\"}}";
  }

  // ---- each dialect's format

  @Test
  void symphony_key_authentication_over_the_auth_rate_is_refused_in_symphonys_format() {
    start("auth=2/1h");
    for (String path : List.of("/login/pubkey/authenticate", "/relay/pubkey/authenticate")) {
      assertThat(http().body(Map.of("token", "not-a-jwt")).post(path).statusCode()).isEqualTo(401);
    }
    // pod and key manager share the caller's auth bucket: two tokens an hour, the next in half an hour
    assertRefused(http().body(Map.of("token", "not-a-jwt")).post("/login/pubkey/authenticate"),
        "{\"code\":429,\"message\":\"" + WAIT_HALF_AN_HOUR + "\"}");
    assertRefused(http().body(Map.of("token", "not-a-jwt")).post("/relay/pubkey/authenticate"),
        "{\"code\":429,\"message\":\"" + WAIT_HALF_AN_HOUR + "\"}");

    clock.advance(Duration.ofMinutes(30));
    assertThat(http().body(Map.of("token", "not-a-jwt")).post("/login/pubkey/authenticate").statusCode())
        .isEqualTo(401);
  }

  @Test
  void roomful_sign_up_over_the_auth_rate_is_refused_with_code_705_and_creates_nothing() {
    start("auth=2/1h");
    assertThat(signin("nobody@limits.test").statusCode()).isEqualTo(401);
    assertThat(signin("nobody@limits.test").statusCode()).isEqualTo(401);

    Response refused = http().body(Map.of("email", "late@limits.test", "password", "password-1",
        "firstName", "Late", "lastName", "Comer")).post("/api/v1/auth/signup");
    assertRefused(refused, roomful429(WAIT_HALF_AN_HOUR));
    assertThat(server().atrium().users().byEmail("late@limits.test")).isEmpty();
    assertRefused(http().body(Map.of("email", "late@limits.test")).post("/api/v1/auth/sendRestorePasswordCode"),
        roomful429(WAIT_HALF_AN_HOUR));
    assertRefused(http().queryParam("token", "abc").get("/api/v1/auth/verifyEmail"), roomful429(WAIT_HALF_AN_HOUR));
  }

  @Test
  void atrium_api_over_the_write_rate_is_refused_in_atriums_format_with_its_headers() {
    start("write=2/1h");
    String token = signup();
    RequestSpecification caller = http().header("Authorization", "Bearer " + token);
    long now = clock.millis();

    Response first = caller.delete("/atrium/v1/badges/no-such-badge");
    assertThat(first.statusCode()).isNotEqualTo(429);
    assertHeaders(first, 2, 1, now + Duration.ofMinutes(30).toMillis());
    assertHeaders(caller.delete("/atrium/v1/badges/no-such-badge"), 2, 0, now + Duration.ofHours(1).toMillis());

    Response refused = caller.delete("/atrium/v1/badges/no-such-badge");
    assertRefused(refused, "{\"code\":\"too_many_requests\",\"message\":\"" + WAIT_HALF_AN_HOUR + "\"}");
    assertHeaders(refused, 2, 0, now + Duration.ofHours(1).toMillis());
  }

  static void assertHeaders(Response response, long limit, long remaining, long resetMillis) {
    assertThat(response.header("X-RateLimit-Limit")).isEqualTo(Long.toString(limit));
    assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Long.toString(remaining));
    assertThat(response.header("X-RateLimit-Reset")).isEqualTo(Long.toString(resetMillis));
  }

  @Test
  void the_headers_count_down_and_reset_when_the_bucket_is_full_again() {
    start("read=3/1m");
    RequestSpecification caller = http().header("Authorization", "Bearer " + signup());
    long t = clock.millis();
    assertHeaders(caller.get("/atrium/v1/outbox"), 3, 2, t + 20_000);
    assertHeaders(caller.get("/atrium/v1/outbox"), 3, 1, t + 40_000);
    assertHeaders(caller.get("/atrium/v1/outbox"), 3, 0, t + 60_000);
    Response refused = caller.get("/atrium/v1/outbox");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("20");

    clock.advance(Duration.ofSeconds(20));
    Response again = caller.get("/atrium/v1/outbox");
    assertThat(again.statusCode()).isEqualTo(403);
    assertHeaders(again, 3, 0, t + 80_000);

    // only the paths that opted in carry the headers
    Response pod = http().header("sessionToken", "no-such-session").get("/pod/v2/sessioninfo");
    assertThat(pod.statusCode()).isEqualTo(401);
    assertThat(pod.headers().hasHeaderWithName("X-RateLimit-Limit")).isFalse();
  }

  // ---- whose bucket

  @Test
  void one_user_over_the_rate_leaves_another_user_untouched() {
    start("write=2/1h");
    String ann = signup();
    String bob = signup();
    for (int i = 0; i < 2; i++) {
      presence(ann).then().statusCode(200);
    }
    assertRefused(presence(ann), "{\"code\":429,\"message\":\"" + WAIT_HALF_AN_HOUR + "\"}");
    presence(bob).then().statusCode(200);
    presence(bob).then().statusCode(200);
    // a second session of the same user draws on the same bucket
    String annAgain = http().body(Map.of("email", emailOf(ann), "password", "password-1"))
        .post("/api/v1/auth/signin").then().statusCode(200).extract().path("data.session_token");
    assertThat(presence(annAgain).statusCode()).isEqualTo(429);
  }

  Response presence(String token) {
    return http().header("sessionToken", token).body(Map.of("category", "BUSY")).post("/pod/v2/user/presence");
  }

  String emailOf(String token) {
    return Objects.requireNonNull(server().atrium().sessions().authenticate(token).orElseThrow().user().email());
  }

  @Test
  void anonymous_callers_count_by_address_and_signed_in_ones_by_user() throws Exception {
    start("auth=2/1h");
    String ann = signup();
    assertThat(signin("nobody@limits.test").statusCode()).isEqualTo(401);
    assertThat(signin("nobody@limits.test").statusCode()).isEqualTo(429);

    // another address has a bucket of its own
    HttpClient other = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
    assertThat(post(other, "/api/v1/auth/signin", "{\"email\":\"nobody@limits.test\",\"password\":\"x\"}"))
        .isEqualTo(401);
    // and a signed-in caller on 127.0.0.1 counts by user, not by the address that is out
    assertThat(http().header("X-Session-Id", ann).body("{}").post("/api/v1/auth/isEmailVerified").statusCode())
        .isEqualTo(200);
  }

  int post(HttpClient client, String path, String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server().baseUrl() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void behind_a_trusted_proxy_the_forwarded_address_counts_and_ipv6_by_its_64() {
    start("auth=2/1h", "ATRIUM_TRUST_FORWARDED", "true");
    assertThat(forwarded("X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(401);
    // the client is the first address of the list, the proxies that passed it on follow
    assertThat(forwarded("X-Forwarded-For", "203.0.113.7, 198.51.100.1").statusCode()).isEqualTo(401);
    assertThat(forwarded("X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(429);
    assertThat(forwarded("X-Forwarded-For", "198.51.100.1").statusCode()).isEqualTo(401);
    assertThat(forwarded("X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(401);

    assertThat(forwarded("Forwarded", "for=\"[2001:db8::1]\"").statusCode()).isEqualTo(401);
    assertThat(forwarded("Forwarded", "for=\"[2001:db8::2]\"").statusCode()).isEqualTo(401);
    assertThat(forwarded("Forwarded", "for=\"[2001:db8::ffff]\"").statusCode()).isEqualTo(429);
    assertThat(forwarded("Forwarded", "for=\"[2001:db8:0:1::1]\"").statusCode()).isEqualTo(401);
  }

  @Test
  void without_trust_the_forwarded_headers_are_ignored() {
    start("auth=2/1h");
    assertThat(forwarded("X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(401);
    assertThat(forwarded("X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(401);
    assertThat(forwarded("Forwarded", "for=203.0.113.9").statusCode()).isEqualTo(429);
  }

  Response forwarded(String header, String value) {
    return http().header(header, value).body(Map.of("email", "nobody@limits.test", "password", "x"))
        .post("/api/v1/auth/signin");
  }

  // ---- what is never limited

  @Test
  void off_limits_nothing_and_sends_no_headers() {
    start("off");
    RequestSpecification caller = http().header("Authorization", "Bearer " + signup());
    for (int i = 0; i < 30; i++) {
      Response outbox = caller.get("/atrium/v1/outbox");
      assertThat(outbox.statusCode()).isEqualTo(403);
      assertThat(outbox.headers().hasHeaderWithName("X-RateLimit-Limit")).isFalse();
      assertThat(http().body(Map.of("email", "x@limits.test")).post("/api/v1/auth/isEmailTaken").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void health_is_never_limited_and_other_shared_routes_are() {
    start("read=1/1h");
    for (int i = 0; i < 5; i++) {
      http().get("/health").then().statusCode(200);
    }
    assertThat(http().get("/avatars/1/1/small.png").statusCode()).isEqualTo(404);
    Response refused = http().get("/avatars/1/1/small.png");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isEqualTo("3600");
    assertThat(refused.asString())
        .isEqualTo("{\"code\":\"too_many_requests\",\"message\":\"Too many requests: try again in 3600 seconds\"}");
  }

  @Test
  void every_declared_auth_route_is_a_served_route() {
    start("auth=2/1h");
    List<String> served = server().atrium().routes().stream().map(Object::toString).toList();
    assertThat(server().atrium().rateLimits().authRoutes()).isNotEmpty().allSatisfy(route ->
        assertThat(served).contains(route));
    assertThat(server().atrium().rateLimits().authRoutes()).contains("POST /api/v1/auth/signin",
        "POST /login/pubkey/authenticate", "POST /relay/pubkey/authenticate", "POST /api/v1/auth/signup");
  }
}
