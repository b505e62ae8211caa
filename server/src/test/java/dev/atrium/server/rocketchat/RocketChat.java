package dev.atrium.server.rocketchat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.user.User;
import dev.atrium.server.TestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A Rocket.Chat client of a test server: logins, the header pair, users made through the Symphony admin API. */
final class RocketChat {
  static final String PASSWORD = "rocket-password-1";

  /** A caller's pair of headers. */
  record Credentials(String userId, String authToken) {}

  private final TestServer server;

  RocketChat(TestServer server) {
    this.server = server;
  }

  /** The settings a test server needs to speak Rocket.Chat, over {@code more}. */
  static Map<String, String> settings(Map<String, String> more) {
    Map<String, String> values = new HashMap<>(Map.of("ATRIUM_RATE_LIMITS", "off"));
    values.putAll(more);
    return values;
  }

  RequestSpecification http() {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON);
  }

  RequestSpecification as(Credentials c) {
    return given().baseUri(server.baseUrl()).header("X-User-Id", c.userId()).header("X-Auth-Token", c.authToken());
  }

  Response login(Object body) {
    return http().body(body).post("/api/v1/login");
  }

  Credentials credentials(String user, String password) {
    Response response = login(Map.of("user", user, "password", password));
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return new Credentials(response.path("data.userId"), response.path("data.authToken"));
  }

  Credentials admin() {
    return credentials(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
  }

  /** A user made by the administrator, with a password; the user's roles are Symphony's. */
  User createUser(String username, String firstName, String lastName, List<String> roles) {
    Credentials admin = admin();
    Number id = given().baseUri(server.baseUrl()).header("sessionToken", admin.authToken())
        .contentType(ContentType.JSON).body(Map.of("userAttributes", Map.of("userName", username,
            "emailAddress", username + "@rocket.test", "firstName", firstName, "lastName", lastName,
            "displayName", firstName + " " + lastName), "roles", roles, "password", PASSWORD))
        .post("/pod/v2/admin/user/create").then().statusCode(200).extract().path("userSystemInfo.id");
    return server.atrium().users().byId(id.longValue()).orElseThrow();
  }
}
