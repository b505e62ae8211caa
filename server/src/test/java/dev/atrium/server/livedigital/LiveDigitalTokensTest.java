package dev.atrium.server.livedigital;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.atrium.api.livedigital.LiveDigitalTokens;
import dev.atrium.core.session.Principal;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LiveDigital's {@code POST /v1/auth/token} and {@code GET /v1/users/me} over HTTP. */
class LiveDigitalTokensTest {
  static final String PASSWORD = LiveDigitalFixture.PASSWORD;
  static final String TOKEN = "/v1/auth/token";
  static final String ME = "/v1/users/me";
  static TestServer server;
  static LiveDigitalFixture ld;
  static String adminToken;
  static String clientId;
  static String clientSecret;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    ld = new LiveDigitalFixture(server);
    adminToken = ld.adminToken;
    clientId = ld.clientId;
    clientSecret = ld.clientSecret;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String signin(String email, String password) {
    return ld.signin(email, password);
  }

  static Map<String, String> newClient() {
    return ld.newClient();
  }

  static RequestSpecification anonymous() {
    return ld.anonymous();
  }

  /** A new user (through the pod API) and their email. */
  static String newUser() {
    return ld.newUserEmail("Ld User");
  }

  static long idOf(String email) {
    return ld.user(email).id();
  }

  static Response token(Map<String, ?> body) {
    return ld.grant(body);
  }

  static Response passwordGrant(String email, String password) {
    return token(Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
        "username", email, "password", password));
  }

  static Response me(String accessToken) {
    return anonymous().header("Authorization", "Bearer " + accessToken).get(ME);
  }

  static void oauthRefused(Response r, int status, String error) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.jsonPath().getMap("")).containsOnlyKeys("error", "error_description");
    assertThat(r.jsonPath().getString("error")).isEqualTo(error);
    assertThat(r.asString()).doesNotContain(clientSecret).doesNotContain(PASSWORD);
  }

  static void refused(Response r, int status, String code) {
    LiveDigitalFixture.refused(r, status, code);
  }

  static JWTClaimsSet claims(String jwt) throws Exception {
    SignedJWT parsed = SignedJWT.parse(jwt);
    assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(parsed.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
    return parsed.getJWTClaimsSet();
  }

  static long lifetime(JWTClaimsSet c) {
    return (c.getExpirationTime().getTime() - c.getIssueTime().getTime()) / 1000;
  }

  @Test
  void a_client_credentials_grant_gives_a_client_token_pair_with_cookies() throws Exception {
    Response r = token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
        clientSecret));

    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    Golden.assertMatches(r.asString(), "livedigital/token.json");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.jsonPath().getString("token_type")).isEqualTo("Bearer");
    JWTClaimsSet access = claims(r.path("access_token"));
    JWTClaimsSet refresh = claims(r.path("refresh_token"));
    assertThat(access.getAudience()).containsExactly("client");
    assertThat(access.getStringClaim("type")).isEqualTo("accessToken");
    assertThat(access.getSubject()).isEqualTo(clientId);
    assertThat(access.getStringClaim("cId")).isEqualTo(clientId);
    assertThat(access.getJWTID()).matches("[A-Za-z0-9_-]{21}");
    assertThat(access.getStringClaim("sgn")).matches("[0-9a-f]{10}");
    assertThat(access.getClaim("sid")).isNull();
    assertThat(lifetime(access)).isEqualTo(7 * 24 * 3600);
    assertThat(refresh.getStringClaim("type")).isEqualTo("refreshToken");
    assertThat(refresh.getAudience()).containsExactly("client");
    assertThat(lifetime(refresh)).isEqualTo(21 * 24 * 3600);
    assertThat(refresh.getJWTID()).isNotEqualTo(access.getJWTID());
    assertThat(refresh.getStringClaim("sgn")).isEqualTo(access.getStringClaim("sgn"));
    List<String> cookies = r.headers().getValues("Set-Cookie");
    assertThat(cookies).containsExactlyInAnyOrder(
        "accessToken=" + r.path("access_token") + "; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax",
        "refreshToken=" + r.path("refresh_token") + "; Max-Age=1814400; Path=/; HttpOnly; SameSite=Lax");
  }

  @Test
  void a_form_encoded_body_is_taken_as_json_is() throws Exception {
    Response r = given().baseUri(server.baseUrl()).contentType("application/x-www-form-urlencoded; charset=UTF-8")
        .formParam("grant_type", "client_credentials").formParam("client_id", clientId)
        .formParam("client_secret", clientSecret).post(TOKEN);

    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(claims(r.path("access_token")).getSubject()).isEqualTo(clientId);

    // as curl -d sends it: no charset named
    java.net.http.HttpResponse<String> curl = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + TOKEN))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id="
                + clientId + "&client_secret=" + java.net.URLEncoder.encode(clientSecret,
                java.nio.charset.StandardCharsets.UTF_8))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(curl.statusCode()).as(curl.body()).isEqualTo(200);
  }

  @Test
  void wrong_unknown_and_revoked_clients_are_invalid_client() {
    Response wrong = token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
        clientSecret + "x"));
    oauthRefused(wrong, 401, "invalid_client");
    Golden.assertMatches(wrong.asString(), "livedigital/invalid-client.json");
    oauthRefused(token(Map.of("grant_type", "client_credentials", "client_id", "nosuchclient000000000000",
        "client_secret", clientSecret)), 401, "invalid_client");
    oauthRefused(token(Map.of("grant_type", "password", "client_id", clientId, "client_secret", "wrong",
        "username", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD)), 401, "invalid_client");

    Map<String, String> doomed = newClient();
    Response before = token(Map.of("grant_type", "client_credentials", "client_id", doomed.get("clientId"),
        "client_secret", doomed.get("clientSecret")));
    String clientAccess = before.path("access_token");
    String email = newUser();
    Response user = token(Map.of("grant_type", "password", "client_id", doomed.get("clientId"), "client_secret",
        doomed.get("clientSecret"), "username", email, "password", PASSWORD));
    refused(me(clientAccess), 403, "forbidden");
    String userAccess = user.path("access_token");
    me(userAccess).then().statusCode(200);
    anonymous().header("Authorization", "Bearer " + adminToken).delete("/atrium/v1/clients/" + doomed.get("clientId"))
        .then().statusCode(200);

    // the user sessions the client's grants opened end with it, at once
    refused(me(userAccess), 401, "unauthorized");

    oauthRefused(token(Map.of("grant_type", "client_credentials", "client_id", doomed.get("clientId"),
        "client_secret", doomed.get("clientSecret"))), 401, "invalid_client");
    refused(me(clientAccess), 401, "unauthorized");
    oauthRefused(token(Map.of("grant_type", "refresh_token", "refresh_token", before.path("refresh_token"))), 400,
        "invalid_grant");
    oauthRefused(token(Map.of("grant_type", "refresh_token", "refresh_token", user.path("refresh_token"))), 400,
        "invalid_grant");
  }

  @Test
  void missing_fields_and_unknown_grants_are_refused_in_oauth_form() {
    oauthRefused(token(Map.of("client_id", clientId, "client_secret", clientSecret)), 400, "invalid_request");
    oauthRefused(token(Map.of("grant_type", "client_credentials", "client_id", clientId)), 400, "invalid_request");
    oauthRefused(token(Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
        "username", TestServer.ADMIN_EMAIL)), 400, "invalid_request");
    oauthRefused(token(Map.of("grant_type", "refresh_token")), 400, "invalid_request");
    oauthRefused(token(Map.of("grant_type", "authorization_code", "client_id", clientId, "client_secret",
        clientSecret)), 400, "unsupported_grant_type");
    oauthRefused(anonymous().body("[1]").post(TOKEN), 400, "invalid_request");
    oauthRefused(anonymous().body("{").post(TOKEN), 400, "invalid_request");
  }

  @Test
  void a_wrong_password_or_an_unknown_user_is_invalid_grant_with_invalid_credentials() {
    String email = newUser();
    for (Response r : List.of(passwordGrant(email, "not-the-password"), passwordGrant("nobody@example.test",
        PASSWORD))) {
      oauthRefused(r, 400, "invalid_grant");
      Golden.assertMatches(r.asString(), "livedigital/invalid-grant.json");
    }
  }

  @Test
  void a_password_grant_gives_a_user_token_pair_bound_to_a_session() throws Exception {
    String email = newUser();
    long id = idOf(email);
    Response r = passwordGrant(email, PASSWORD);

    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    JWTClaimsSet access = claims(r.path("access_token"));
    assertThat(access.getAudience()).containsExactly("user");
    assertThat(access.getStringClaim("type")).isEqualTo("accessToken");
    assertThat(access.getSubject()).isEqualTo(Long.toString(id));
    assertThat(access.getStringClaim("cId")).isEqualTo(clientId);
    assertThat(access.getStringClaim("sid")).isNotBlank();
    assertThat(access.getStringClaim("sgn")).matches("[0-9a-f]{10}");
    assertThat(lifetime(access)).isEqualTo(7 * 24 * 3600);
    assertThat(lifetime(claims(r.path("refresh_token")))).isEqualTo(21 * 24 * 3600);

    Response me = me(r.path("access_token"));
    assertThat(me.statusCode()).as(me.asString()).isEqualTo(200);
    Golden.assertMatches(me.asString(), "livedigital/users-me.json");
    assertThat(me.jsonPath().getString("id")).isEqualTo(Long.toString(id));
    assertThat(me.jsonPath().getString("email")).isEqualTo(email);
    assertThat(me.jsonPath().getString("username")).isEqualTo(email.substring(0, email.indexOf('@')));
    assertThat(me.jsonPath().getString("name")).startsWith("Ld User ");
    assertThat(me.jsonPath().getString("phone")).isEqualTo("+15550100");
    assertThat(me.jsonPath().getString("createdAt")).isEqualTo(
        server.atrium().users().get(id).createdAt().toString());
  }

  @Test
  void the_access_token_cookie_alone_authenticates() {
    String email = newUser();
    Response r = passwordGrant(email, PASSWORD);

    Response me = given().baseUri(server.baseUrl()).cookie("accessToken", r.path("access_token")).get(ME);

    assertThat(me.statusCode()).as(me.asString()).isEqualTo(200);
    assertThat(me.jsonPath().getString("email")).isEqualTo(email);
    refused(given().baseUri(server.baseUrl()).cookie("accessToken", "not-a-token").get(ME), 401, "unauthorized");
  }

  @Test
  void a_client_token_on_users_me_is_forbidden_and_no_token_is_unauthorized() {
    Response r = token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
        clientSecret));

    Response me = me(r.path("access_token"));
    refused(me, 403, "forbidden");
    Golden.assertMatches(me.asString(), "livedigital/forbidden-client-token.json");
    Response none = given().baseUri(server.baseUrl()).get(ME);
    refused(none, 401, "unauthorized");
    Golden.assertMatches(none.asString(), "livedigital/unauthorized.json");
    refused(me("garbage"), 401, "unauthorized");
    refused(me(r.path("refresh_token")), 401, "unauthorized");
    refused(given().baseUri(server.baseUrl()).get("/v1/nothing-here"), 404, "not_found");
  }

  @Test
  void a_refresh_token_works_once_and_gives_a_new_pair() throws Exception {
    String email = newUser();
    Response first = passwordGrant(email, PASSWORD);
    String oldRefresh = first.path("refresh_token");

    Response second = token(Map.of("grant_type", "refresh_token", "refresh_token", oldRefresh));
    assertThat(second.statusCode()).as(second.asString()).isEqualTo(200);
    assertThat(claims(second.path("access_token")).getStringClaim("sid"))
        .isEqualTo(claims(first.path("access_token")).getStringClaim("sid"));
    assertThat(me(second.path("access_token")).statusCode()).isEqualTo(200);

    oauthRefused(token(Map.of("grant_type", "refresh_token", "refresh_token", oldRefresh)), 400, "invalid_grant");
    oauthRefused(token(Map.of("grant_type", "refresh_token", "refresh_token", first.path("access_token"))), 400,
        "invalid_grant");
    Map<String, String> other = newClient();
    oauthRefused(token(Map.of("grant_type", "refresh_token", "refresh_token", second.path("refresh_token"),
        "client_id", other.get("clientId"), "client_secret", other.get("clientSecret"))), 400, "invalid_grant");
    Response third = token(Map.of("grant_type", "refresh_token", "refresh_token", second.path("refresh_token"),
        "client_id", clientId, "client_secret", clientSecret));
    assertThat(third.statusCode()).as(third.asString()).isEqualTo(200);

    Response client = token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret",
        clientSecret));
    Response clientNext = token(Map.of("grant_type", "refresh_token", "refresh_token", client.path("refresh_token")));
    assertThat(clientNext.statusCode()).as(clientNext.asString()).isEqualTo(200);
    assertThat(claims(clientNext.path("access_token")).getAudience()).containsExactly("client");
    oauthRefused(token(Map.of("grant_type", "refresh_token", "refresh_token", client.path("refresh_token"))), 400,
        "invalid_grant");
  }

  @Test
  void two_concurrent_refreshes_of_one_token_give_one_new_pair() throws Exception {
    Response first = passwordGrant(newUser(), PASSWORD);
    String refresh = first.path("refresh_token");
    List<java.util.concurrent.Callable<Integer>> twice = List.of(
        () -> token(Map.of("grant_type", "refresh_token", "refresh_token", refresh)).statusCode(),
        () -> token(Map.of("grant_type", "refresh_token", "refresh_token", refresh)).statusCode());
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      List<Integer> statuses = pool.invokeAll(twice).stream().map(f -> {
        try {
          return f.get();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }).toList();

      assertThat(statuses).containsExactlyInAnyOrder(200, 400);
    }
  }

  @Test
  void a_user_token_dies_with_a_logout_through_rocketchat() {
    String email = newUser();
    Response login = anonymous().body(Map.of("user", email, "password", PASSWORD)).post("/api/v1/login");
    String rcToken = login.path("data.authToken");
    String userId = login.path("data.userId");
    Principal principal = server.atrium().services().sessions().caller(rcToken).orElseThrow();
    LiveDigitalTokens tokens = server.atrium().livedigitalTokens().orElseThrow();
    String access = tokens.userPair(clientId, principal.session()).accessToken();
    assertThat(me(access).statusCode()).isEqualTo(200);

    anonymous().header("X-User-Id", userId).header("X-Auth-Token", rcToken).post("/api/v1/logout")
        .then().statusCode(200);

    refused(me(access), 401, "unauthorized");
  }

  @Test
  void a_user_token_dies_with_a_logout_through_symphony() {
    String email = newUser();
    String sessionToken = anonymous().body(Map.of("email", email, "password", PASSWORD))
        .post("/api/v1/auth/signin").then().statusCode(200).extract().path("data.session_token");
    Principal principal = server.atrium().services().sessions().caller(sessionToken).orElseThrow();
    String access = server.atrium().livedigitalTokens().orElseThrow().userPair(clientId, principal.session())
        .accessToken();
    assertThat(me(access).statusCode()).isEqualTo(200);

    anonymous().header("sessionToken", sessionToken).post("/sessionauth/v1/logout").then().statusCode(200);

    refused(me(access), 401, "unauthorized");
  }

  @Test
  void a_user_token_dies_when_a_symphony_admin_disables_the_user() {
    String email = newUser();
    Response r = passwordGrant(email, PASSWORD);
    assertThat(me(r.path("access_token")).statusCode()).isEqualTo(200);

    anonymous().header("sessionToken", adminToken).body(Map.of("status", "DISABLED"))
        .post("/pod/v1/admin/user/" + idOf(email) + "/status/update").then().statusCode(200);

    refused(me(r.path("access_token")), 401, "unauthorized");
    oauthRefused(token(Map.of("grant_type", "refresh_token", "refresh_token", r.path("refresh_token"))), 400,
        "invalid_grant");
  }

  @Test
  void a_user_token_dies_when_the_password_changes() {
    String email = newUser();
    Response r = passwordGrant(email, PASSWORD);
    assertThat(me(r.path("access_token")).statusCode()).isEqualTo(200);
    String other = signin(email, PASSWORD);
    Principal changer = server.atrium().services().sessions().caller(other).orElseThrow();

    server.atrium().services().accounts().changePassword(changer, PASSWORD, "a-new-password-2");

    refused(me(r.path("access_token")), 401, "unauthorized");
    assertThat(passwordGrant(email, "a-new-password-2").statusCode()).isEqualTo(200);
  }

  @Test
  void a_token_signed_with_another_key_is_refused() throws Exception {
    Response r = passwordGrant(newUser(), PASSWORD);
    SignedJWT genuine = SignedJWT.parse(r.path("access_token"));
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    SignedJWT forged = new SignedJWT(genuine.getHeader(), genuine.getJWTClaimsSet());
    forged.sign(new MACSigner(otherKey));
    SignedJWT noKid = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), genuine.getJWTClaimsSet());
    noKid.sign(new MACSigner(otherKey));

    assertThat(me(genuine.serialize()).statusCode()).isEqualTo(200);
    refused(me(forged.serialize()), 401, "unauthorized");
    refused(me(noKid.serialize()), 401, "unauthorized");
  }
}
