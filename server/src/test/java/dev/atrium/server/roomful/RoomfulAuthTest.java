package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RoomfulAuthTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static RequestSpecification http() {
    return given().baseUri(server.baseUrl()).contentType("application/json");
  }

  static Response signin(String email, String password) {
    return http().body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}")
        .post("/api/v1/auth/signin");
  }

  @Test
  void signin_returns_a_session_token_in_the_envelope() {
    Response response = signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "roomful/signin.json");
    String token = response.path("data.session_token");
    assertThat(token).hasSizeGreaterThanOrEqualTo(43);
    http().header("X-Session-Id", token).get("/api/v1/auth/check").then().statusCode(200)
        .body("error.status", equalTo(false));
  }

  @Test
  void wrong_password_unknown_email_and_disabled_user_get_the_same_refusal() {
    Response wrong = signin(TestServer.ADMIN_EMAIL, "not-the-password");
    Response unknown = signin("nobody@atrium.test", "whatever-password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.asString()).isEqualTo(wrong.asString());
    Golden.assertMatches(wrong.asString(), "roomful/signin-refused.json");

    signup("disabled.user@atrium.test", "a-good-password");
    String admin = signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).path("data.session_token");
    long id = given().baseUri(server.baseUrl()).header("sessionToken", admin)
        .get("/pod/v2/user?email=disabled.user@atrium.test").path("id");
    given().baseUri(server.baseUrl()).header("sessionToken", admin).contentType("application/json")
        .body("{\"status\":\"DISABLED\"}").post("/pod/v1/admin/user/" + id + "/status/update")
        .then().statusCode(200);
    Response disabled = signin("disabled.user@atrium.test", "a-good-password");
    assertThat(disabled.statusCode()).isEqualTo(401);
    assertThat(disabled.asString()).isEqualTo(wrong.asString());
  }

  static Response signup(String email, String password) {
    return http().header("X-Network", "roomful")
        .body("{\"email\":\"" + email + "\",\"password\":\"" + password + "\",\"firstName\":\"Ann\","
            + "\"lastName\":\"Lee\",\"phoneNumber\":\"+15550100\",\"zipCode\":\"10001\","
            + "\"companyName\":\"Acme\",\"companyTitle\":\"CTO\"}")
        .post("/api/v1/auth/signup");
  }

  @Test
  void signup_creates_a_user_that_every_dialect_sees_and_signs_in() {
    Response created = signup("ann.lee@atrium.test", "ann-password");
    assertThat(created.statusCode()).isEqualTo(200);
    Golden.assertMatches(created.asString(), "roomful/signup.json");
    assertThat((Boolean) created.path("data.is_new")).isTrue();
    assertThat((Boolean) created.path("data.need_verification")).isTrue();

    String token = created.path("data.session_token");
    given().baseUri(server.baseUrl()).header("sessionToken", token).get("/pod/v2/sessioninfo")
        .then().statusCode(200)
        .body("emailAddress", equalTo("ann.lee@atrium.test"))
        .body("firstName", equalTo("Ann"))
        .body("company", equalTo("Acme"))
        .body("username", equalTo("ann.lee"));

    Response again = signin("ANN.LEE@atrium.test", "ann-password");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat((Boolean) again.path("data.is_new")).isFalse();
  }

  @Test
  void signup_with_a_taken_email_is_refused_and_creates_nothing() {
    signup("taken@atrium.test", "first-password").then().statusCode(200);
    Response second = signup("TAKEN@atrium.test", "second-password");
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat((Boolean) second.path("error.status")).isTrue();
    assertThat((String) second.path("error.message")).isEqualTo("Email address TAKEN@atrium.test is already taken");
    signin("taken@atrium.test", "second-password").then().statusCode(401);
    signin("taken@atrium.test", "first-password").then().statusCode(200);
  }

  @Test
  void signup_refuses_bad_input_with_a_message_naming_it() {
    http().body("{\"email\":\"no-at-sign\",\"password\":\"long-enough\"}").post("/api/v1/auth/signup")
        .then().statusCode(400)
        .body("error.code", equalTo(400))
        .body("error.message", equalTo("The email address is not valid: no-at-sign"));
    http().body("{\"email\":\"short@atrium.test\",\"password\":\"short\"}").post("/api/v1/auth/signup")
        .then().statusCode(400).body("error.message", equalTo("Password must be at least 8 characters long"));
    http().body("{\"email\":\"x@atrium.test\"").post("/api/v1/auth/signup")
        .then().statusCode(400).body("error.status", equalTo(true));
    http().body("{\"email\":7,\"password\":\"long-enough\"}").post("/api/v1/auth/signup")
        .then().statusCode(400).body("error.message", equalTo("Field 'email' has the wrong type; expected a string"));
    signin("short@atrium.test", "short").then().statusCode(401);
  }

  @Test
  void signout_ends_the_session_everywhere() {
    String token = signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD).path("data.session_token");
    http().header("X-Session-Id", token).post("/api/v1/auth/signout").then().statusCode(200)
        .body("error.status", equalTo(false));
    http().header("X-Session-Id", token).get("/api/v1/auth/check").then().statusCode(401)
        .body("error.code", equalTo(401)).body("error.message", equalTo("Unauthorized"));
    given().baseUri(server.baseUrl()).header("sessionToken", token).get("/pod/v1/sessioninfo")
        .then().statusCode(401).body("code", equalTo(401));
  }

  @Test
  void check_without_a_session_is_unauthorized() {
    http().get("/api/v1/auth/check").then().statusCode(401)
        .body("error.status", equalTo(true)).body("error.code", equalTo(401));
  }
}
