package dev.atrium.server.livedigital;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.user.User;
import dev.atrium.server.TestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What LiveDigital's tests need of one server: the administrator's session, an API client, and users made through
 * the pod API with a LiveDigital user token from a password grant, all over HTTP.
 */
final class LiveDigitalFixture {
  static final String PASSWORD = "user-password-1";
  static final String TOKEN = "/v1/auth/token";
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  final TestServer server;
  final String adminToken;
  final String clientId;
  final String clientSecret;

  /** A user: id, email, a LiveDigital user access token, and an Atrium session token for the other dialects. */
  record Caller(long id, String email, String token, String session) {}

  LiveDigitalFixture(TestServer server) {
    this.server = server;
    this.adminToken = signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    Map<String, String> client = newClient();
    this.clientId = client.get("clientId");
    this.clientSecret = client.get("clientSecret");
  }

  static int next() {
    return SEQUENCE.incrementAndGet();
  }

  RequestSpecification anonymous() {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON);
  }

  RequestSpecification as(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }

  /** A Roomful sign-in's session token (any dialect takes it). */
  String signin(String email, String password) {
    return anonymous().body(Map.of("email", email, "password", password)).post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
  }

  /** A new API client registered by the administrator: its id and its secret. */
  Map<String, String> newClient() {
    Response made = as(adminToken).body(Map.of("name", "app " + next())).post("/atrium/v1/clients");
    assertThat(made.statusCode()).as(made.asString()).isEqualTo(201);
    return Map.of("clientId", made.path("clientId"), "clientSecret", made.path("clientSecret"));
  }

  Response grant(Map<String, ?> body) {
    return anonymous().body(body).post(TOKEN);
  }

  /** A user access token of the user with {@link #PASSWORD}, from a password grant of this fixture's client. */
  String userToken(String email) {
    Response r = grant(Map.of("grant_type", "password", "client_id", clientId, "client_secret", clientSecret,
        "username", email, "password", PASSWORD));
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    return r.path("access_token");
  }

  String clientToken() {
    return grant(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret))
        .then().statusCode(200).extract().path("access_token");
  }

  /** A new user made through the pod API (display name "&lt;prefix&gt; N", mobile phone +15550100); its email. */
  String newUserEmail(String prefix) {
    int n = next();
    String username = prefix.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "." + n;
    anonymous().header("sessionToken", adminToken)
        .body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", username + "@example.test",
            "displayName", prefix + " " + n, "mobilePhoneNumber", "+15550100"), "password", PASSWORD))
        .post("/pod/v2/admin/user/create").then().statusCode(200);
    return username + "@example.test";
  }

  /** A new user with a LiveDigital user token and an Atrium session. */
  Caller newUser(String prefix) {
    String email = newUserEmail(prefix);
    return new Caller(user(email).id(), email, userToken(email), signin(email, PASSWORD));
  }

  User user(String email) {
    return server.atrium().users().byEmail(email).orElseThrow();
  }

  User user(Caller caller) {
    return server.atrium().users().get(caller.id());
  }

  /** A refusal in LiveDigital's shape: {@code {message, code}} and nothing else. */
  static void refused(Response r, int status, String code) {
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
    assertThat(r.jsonPath().getMap("")).containsOnlyKeys("message", "code");
    assertThat(r.jsonPath().getString("code")).isEqualTo(code);
  }
}
