package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atrium.core.audit.AuditEntry;
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
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Login protection over the wire ({@code ATRIUM_LOGIN_LIMITS}, the clock a {@link FakeClock} that only the test
 * moves): failures are counted per account and per client address; from the threshold on every attempt waits,
 * refused 429 with {@code Retry-After} in the format of the dialect whose path it is, a right password included;
 * waits double up to the cap and end on their own; a success forgets the account's count; unknown accounts count as
 * known ones; each start of a wait is audited; {@code ATRIUM_RATE_LIMITS=off} leaves all of it on.
 */
class LoginProtectionTest {
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static final String PASSWORD = "password-1";

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

  /** Starts with these login limits (null: the defaults) and the rate limits off, as a benchmark runs. */
  void start(@Nullable String limits) {
    Map<String, String> values = new HashMap<>(Map.of("ATRIUM_RATE_LIMITS", "off"));
    values.put("ATRIUM_LOGIN_LIMITS", limits == null ? "account=10,address=50" : limits);
    started = TestServer.start(values, clock);
  }

  RequestSpecification http() {
    return given().baseUri(server().baseUrl()).contentType(ContentType.JSON);
  }

  /** A new Roomful account, signed up over HTTP; its email. */
  String signup() {
    String email = "guard." + SEQUENCE.incrementAndGet() + "@guard.test";
    http().body(Map.of("email", email, "password", PASSWORD, "firstName", "Ann", "lastName", "Lee"))
        .post("/api/v1/auth/signup").then().statusCode(200);
    return email;
  }

  Response signin(String email, String password) {
    return http().body(Map.of("email", email, "password", password)).post("/api/v1/auth/signin");
  }

  static String roomful(int code, String message) {
    return "{\"error\":{\"status\":true,\"code\":" + code + ",\"message\":\"" + message + "\"}}";
  }

  static String waitFor(long seconds) {
    return "Too many failed attempts: try again in " + seconds + (seconds == 1 ? " second" : " seconds");
  }

  static void assertWaits(Response response, long seconds, String body) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(429);
    assertThat(response.header("Retry-After")).isEqualTo(Long.toString(seconds));
    assertThat(response.asString()).isEqualTo(body);
  }

  static void assertWrong(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
    assertThat(response.asString()).isEqualTo(roomful(401, "Invalid email or password"));
  }

  void failTimes(String email, int times) {
    for (int i = 0; i < times; i++) {
      assertWrong(signin(email, "wrong-password"));
    }
  }

  // ---- per account, Roomful's format

  @Test
  void after_ten_failures_an_account_waits_a_right_password_too_and_the_wait_ends_on_its_own() {
    start(null);
    String ann = signup();
    failTimes(ann, 10);
    assertWaits(signin(ann, "wrong-password"), 1, roomful(705, waitFor(1)));
    assertWaits(signin(ann, PASSWORD), 1, roomful(705, waitFor(1)));
    // another account from the same address is not held
    String bob = signup();
    signin(bob, PASSWORD).then().statusCode(200);

    clock.advance(Duration.ofSeconds(1));
    signin(ann, PASSWORD).then().statusCode(200);
  }

  @Test
  void waits_double_up_to_the_cap_and_a_success_forgets_the_count() {
    start("account=3,address=50,first-wait=1s,max-wait=4s");
    String ann = signup();
    failTimes(ann, 3);
    for (long wait : new long[] {1, 2, 4, 4}) {
      assertWaits(signin(ann, PASSWORD), wait, roomful(705, waitFor(wait)));
      clock.advance(Duration.ofSeconds(wait).minusMillis(1));
      assertThat(signin(ann, PASSWORD).statusCode()).isEqualTo(429);
      clock.advance(Duration.ofMillis(1));
      assertWrong(signin(ann, "wrong-password"));
    }
    clock.advance(Duration.ofSeconds(4));
    signin(ann, PASSWORD).then().statusCode(200);
    // counted from zero again: three failures before the first, one-second wait
    failTimes(ann, 3);
    assertWaits(signin(ann, PASSWORD), 1, roomful(705, waitFor(1)));
  }

  @Test
  void a_counter_is_forgotten_once_quiet_for_the_forget_time() {
    start("account=3,address=50,max-wait=1m,forget=1h");
    String ann = signup();
    failTimes(ann, 2);
    clock.advance(Duration.ofMinutes(59));
    assertWrong(signin(ann, "wrong-password"));
    assertThat(signin(ann, "wrong-password").statusCode()).isEqualTo(429);
    clock.advance(Duration.ofHours(1).plusSeconds(1));
    // forgotten: three more failures before any wait
    failTimes(ann, 3);
    assertWaits(signin(ann, PASSWORD), 1, roomful(705, waitFor(1)));
  }

  @Test
  void an_unknown_email_gets_exactly_the_answers_of_a_known_one() {
    start("account=4,address=50");
    String known = signup();
    String unknown = "nobody." + SEQUENCE.incrementAndGet() + "@guard.test";
    List<String> knownAnswers = new ArrayList<>();
    List<String> unknownAnswers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Response k = signin(known, "wrong-password");
      Response u = signin(unknown, "wrong-password");
      knownAnswers.add(k.statusCode() + " " + k.header("Retry-After") + " " + k.asString());
      unknownAnswers.add(u.statusCode() + " " + u.header("Retry-After") + " " + u.asString());
    }
    assertThat(unknownAnswers).isEqualTo(knownAnswers);
    assertThat(knownAnswers.get(3)).startsWith("401 null ");
    assertThat(knownAnswers.get(4)).isEqualTo("429 1 " + roomful(705, waitFor(1)));
  }

  @Test
  void every_spelling_of_a_login_counts_as_one_account() {
    start("account=2,address=50");
    String ann = signup();
    assertWrong(signin(ann.toUpperCase(java.util.Locale.ROOT), "wrong-password"));
    assertWrong(signin(" " + ann + " ", "wrong-password"));
    assertThat(signin(ann, PASSWORD).statusCode()).isEqualTo(429);
  }

  // ---- per address

  @Test
  void after_fifty_failures_from_an_address_every_account_waits_there_but_not_elsewhere() throws Exception {
    start(null);
    String ann = signup();
    for (int i = 0; i < 50; i++) {
      assertWrong(signin("guess." + i + "@guard.test", "wrong-password"));
    }
    assertWaits(signin(ann, PASSWORD), 1, roomful(705, waitFor(1)));
    HttpClient other = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
    assertThat(post(other, "/api/v1/auth/signin", "{\"email\":\"" + ann + "\",\"password\":\"" + PASSWORD + "\"}"))
        .isEqualTo(200);
    // a success does not clear the address: a guesser must not reset it by signing in to their own account
    clock.advance(Duration.ofSeconds(1));
    signin(ann, PASSWORD).then().statusCode(200);
    assertWrong(signin("guess.again@guard.test", "wrong-password"));
    assertWaits(signin(ann, PASSWORD), 2, roomful(705, waitFor(2)));
  }

  int post(HttpClient client, String path, String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server().baseUrl() + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  // ---- the other ways to present a credential

  @Test
  void symphony_rsa_logins_count_by_the_username_the_jwt_names_and_answer_in_symphonys_format() throws Exception {
    start("account=2,address=4");
    RSAPrivateKey stranger = rsaKey();
    for (int i = 0; i < 2; i++) {
      Response refused = http().body(Map.of("token", jwt("bot.user", stranger))).post("/login/pubkey/authenticate");
      assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(401);
    }
    String waiting = "{\"code\":429,\"message\":\"" + waitFor(1) + "\"}";
    assertWaits(http().body(Map.of("token", jwt("bot.user", stranger))).post("/login/pubkey/authenticate"), 1,
        waiting);
    assertWaits(http().body(Map.of("token", jwt("BOT.USER", stranger))).post("/relay/pubkey/authenticate"), 1,
        waiting);
    // another username is another account; a token that names none counts by address alone
    assertThat(http().body(Map.of("token", jwt("other.bot", stranger))).post("/login/pubkey/authenticate")
        .statusCode()).isEqualTo(401);
    assertThat(http().body(Map.of("token", "not-a-jwt")).post("/login/pubkey/authenticate").statusCode())
        .isEqualTo(401);
    assertWaits(http().body(Map.of("token", "not-a-jwt")).post("/login/pubkey/authenticate"), 1, waiting);
  }

  static RSAPrivateKey rsaKey() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return (RSAPrivateKey) generator.generateKeyPair().getPrivate();
  }

  String jwt(String subject, RSAPrivateKey key) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS512), new JWTClaimsSet.Builder().subject(subject)
        .expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void restore_codes_and_verification_tokens_are_guesses_too() {
    start("account=3,address=5");
    String ann = signup();
    for (int i = 0; i < 2; i++) {
      Response wrong = http().body(Map.of("email", ann, "code", "12345" + i))
          .post("/api/v1/auth/checkRestorePasswordCode");
      assertThat(wrong.statusCode()).as(wrong.asString()).isEqualTo(404);
    }
    Response wrong = http().body(Map.of("email", ann, "code", "000000", "password", "new-password-1"))
        .post("/api/v1/auth/restorePasswordByCode");
    assertThat(wrong.statusCode()).as(wrong.asString()).isEqualTo(404);
    assertWaits(http().body(Map.of("email", ann, "code", "123456")).post("/api/v1/auth/checkRestorePasswordCode"),
        1, roomful(705, waitFor(1)));
    assertWaits(signin(ann, PASSWORD), 1, roomful(705, waitFor(1)));

    // a verification link's token names no account: the address counts (three failures above, two here)
    for (int i = 0; i < 2; i++) {
      assertThat(http().queryParam("token", "guess-" + i).get("/api/v1/auth/verifyEmail").statusCode())
          .isEqualTo(404);
    }
    assertWaits(http().queryParam("token", "guess").get("/api/v1/auth/verifyEmail"), 1, roomful(705, waitFor(1)));
  }

  // ---- audit, and independence from the rate limits

  @Test
  void each_start_of_a_wait_is_audited_without_the_password() {
    start("account=2,address=50,first-wait=5s");
    String ann = signup();
    assertWrong(signin(ann, "secret-guess-1"));
    assertThat(waits()).isEmpty();
    assertWrong(signin(ann, "secret-guess-2"));
    clock.advance(Duration.ofSeconds(5));
    assertWrong(signin(ann, "secret-guess-3"));

    List<AuditEntry> waits = waits();
    assertThat(waits).extracting(AuditEntry::actorId, AuditEntry::target, AuditEntry::after).containsExactly(
        org.assertj.core.groups.Tuple.tuple(0L, "account " + ann, "{\"failures\":3,\"waitSeconds\":10}"),
        org.assertj.core.groups.Tuple.tuple(0L, "account " + ann, "{\"failures\":2,\"waitSeconds\":5}"));
    assertThat(server().atrium().services().audit().latest(100).toString()).doesNotContain("secret-guess");
  }

  List<AuditEntry> waits() {
    return server().atrium().services().audit().latest(100).stream().filter(e -> e.action().equals("login.wait"))
        .toList();
  }

  @Test
  void rate_limits_off_leave_the_login_protection_on() {
    start("account=2,address=50");
    assertThat(server().atrium().rateLimits().policy().off()).isTrue();
    String ann = signup();
    failTimes(ann, 2);
    assertWaits(signin(ann, PASSWORD), 1, roomful(705, waitFor(1)));
  }
}
