package dev.atrium.server.symphony.admin;

import static io.restassured.RestAssured.given;

import com.symphony.bdk.core.client.ApiClientFactory;
import com.symphony.bdk.core.config.model.BdkConfig;
import com.symphony.bdk.http.api.ApiClient;
import dev.atrium.server.TestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server on port 0 with its administrator signed in, a Symphony BDK pod client pointed at it, and
 * short ways to make users and sign them in over the wire.
 */
final class AdminFixture implements AutoCloseable {
  static final String PASSWORD = "user-password-1";
  static final String ENTITLEMENT = "The user lacks the required entitlement to perform this operation";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  final TestServer server;
  final String adminToken;
  final long adminId;
  final ApiClient pod;

  AdminFixture() {
    this(Map.of());
  }

  /** With extra settings (environment variable names) over the test server's. */
  AdminFixture(Map<String, String> settings) {
    this.server = TestServer.start(settings);
    this.adminToken = signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    this.adminId = given().baseUri(server.baseUrl()).header("sessionToken", adminToken)
        .get("/pod/v1/sessioninfo").then().statusCode(200).extract().jsonPath().getLong("userId");
    BdkConfig config = new BdkConfig();
    config.setScheme("http");
    config.setHost("127.0.0.1");
    config.setPort(server.port());
    config.getRetry().setMaxAttempts(1);
    this.pod = new ApiClientFactory(config).getPodClient();
  }

  /** A request as the administrator. */
  RequestSpecification admin() {
    return as(adminToken);
  }

  /** A request carrying the session token given. */
  RequestSpecification as(String token) {
    return given().baseUri(server.baseUrl()).header("sessionToken", token).contentType(ContentType.JSON);
  }

  /** A request with no session token at all. */
  RequestSpecification anonymous() {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON);
  }

  /** Signs in through the Roomful password login; any dialect's session token works on the pod API. */
  String signin(String email, String password) {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", password))
        .post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
  }

  /** A name no other test of this run uses. */
  static String unique(String prefix) {
    return prefix + "." + SEQUENCE.incrementAndGet();
  }

  /** A user created by the administrator (plain password {@link #PASSWORD}) holding the roles given. */
  Created createUser(String prefix, String... roles) {
    String username = unique(prefix);
    String email = username + "@example.test";
    long id = admin()
        .body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", email,
            "firstName", "First", "lastName", "Last"), "password", PASSWORD, "roles", List.of(roles)))
        .post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    return new Created(id, username, email);
  }

  /** A user holding INDIVIDUAL only, signed in. */
  String plainUserToken() {
    return signin(createUser("plain", "INDIVIDUAL").email(), PASSWORD);
  }

  record Created(long id, String username, String email) {}

  /** The administrator's view of a path, as parsed JSON, to compare before and after a refused change. */
  String snapshot(String path) {
    return admin().get(path).then().statusCode(200).extract().asString();
  }

  static JsonPath json(String body) {
    return JsonPath.from(body);
  }

  @Override
  public void close() {
    server.close();
  }
}
