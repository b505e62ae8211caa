package dev.atrium.server.rocketchat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.session.Session;
import dev.atrium.core.space.Space;
import dev.atrium.core.user.User;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rocket.Chat's sign-in over the wire: every body form of {@code /api/v1/login}, logout, {@code /me}, the 401s. */
class RocketChatAuthTest {
  static TestServer server;
  static RocketChat rc;
  static User ann;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.rocket", "Ann", "Rocket", List.of("INDIVIDUAL"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void login_in_every_documented_body_form_opens_a_session_for_that_user() {
    List<Map<String, Object>> forms = List.of(
        Map.of("user", "ann.rocket", "password", RocketChat.PASSWORD),
        Map.of("user", "ann.rocket@rocket.test", "password", RocketChat.PASSWORD),
        Map.of("user", Map.of("username", "ann.rocket"), "password", RocketChat.PASSWORD),
        Map.of("user", Map.of("email", "ann.rocket@rocket.test"), "password", RocketChat.PASSWORD),
        Map.of("username", "ann.rocket", "password", RocketChat.PASSWORD),
        Map.of("email", "ann.rocket@rocket.test", "password", RocketChat.PASSWORD),
        Map.of("user", "ann.rocket", "password", RocketChat.PASSWORD, "code", "224610"));
    for (Map<String, Object> form : forms) {
      Response response = rc.login(form);
      assertThat(response.statusCode()).as("%s: %s", form, response.asString()).isEqualTo(200);
      assertThat(response.contentType()).isEqualTo("application/json");
      Golden.assertMatches(response.asString(), "rocketchat/login.json");
      assertThat((String) response.path("data.userId")).isEqualTo(Long.toString(ann.id()));
      Credentials c = new Credentials(response.path("data.userId"), response.path("data.authToken"));
      rc.as(c).get("/api/v1/me").then().statusCode(200);
    }
  }

  private static RequestSpecification form() {
    return given().baseUri(server.baseUrl()).contentType("application/x-www-form-urlencoded; charset=UTF-8");
  }

  @Test
  void login_takes_a_form_as_well_as_json() {
    for (Map<String, String> form : List.of(Map.of("user", "ann.rocket", "password", RocketChat.PASSWORD),
        Map.of("email", "ann.rocket@rocket.test", "password", RocketChat.PASSWORD))) {
      Response response = form().formParams(form).post("/api/v1/login");
      assertThat(response.statusCode()).as("%s: %s", form, response.asString()).isEqualTo(200);
      Golden.assertMatches(response.asString(), "rocketchat/login.json");
      assertThat((String) response.path("data.userId")).isEqualTo(Long.toString(ann.id()));
    }
    Response wrong = form()
        .formParams(Map.of("user", "ann.rocket", "password", "not-her-password")).post("/api/v1/login");
    assertThat(wrong.statusCode()).isEqualTo(401);
    Golden.assertMatches(wrong.asString(), "rocketchat/login-refused.json");
    Response twice = form()
        .formParam("user", "ann.rocket", "bob").formParam("password", RocketChat.PASSWORD).post("/api/v1/login");
    assertThat(twice.statusCode()).isEqualTo(401);
    Golden.assertMatches(twice.asString(), "rocketchat/login-unrecognized.json");
  }

  @Test
  void login_with_resume_answers_the_same_token_for_its_user() {
    Credentials first = rc.credentials("ann.rocket", RocketChat.PASSWORD);
    Response resumed = rc.login(Map.of("resume", first.authToken()));
    assertThat(resumed.statusCode()).as(resumed.asString()).isEqualTo(200);
    Golden.assertMatches(resumed.asString(), "rocketchat/login.json");
    assertThat((String) resumed.path("data.authToken")).isEqualTo(first.authToken());
    assertThat((String) resumed.path("data.userId")).isEqualTo(first.userId());

    Response unknown = rc.login(Map.of("resume", "no-such-token"));
    assertThat(unknown.statusCode()).isEqualTo(401);
    Golden.assertMatches(unknown.asString(), "rocketchat/login-resume-refused.json");
  }

  @Test
  void a_wrong_password_and_an_unknown_user_get_the_same_401() {
    Response wrong = rc.login(Map.of("user", "ann.rocket", "password", "not-her-password"));
    Response unknown = rc.login(Map.of("username", "nobody.here", "password", "whatever-password"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.contentType()).isEqualTo("application/json");
    Golden.assertMatches(wrong.asString(), "rocketchat/login-refused.json");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.asString()).isEqualTo(wrong.asString());
  }

  @Test
  void a_body_meteor_recognises_no_login_in_is_refused() {
    for (Map<String, Object> body : List.of(Map.<String, Object>of("user", "ann.rocket"),
        Map.<String, Object>of("password", RocketChat.PASSWORD),
        Map.<String, Object>of("serviceName", "github", "accessToken", "x"))) {
      Response response = rc.login(body);
      assertThat(response.statusCode()).as("%s", body).isEqualTo(401);
      Golden.assertMatches(response.asString(), "rocketchat/login-unrecognized.json");
    }
  }

  @Test
  void me_shows_the_caller_with_its_password_as_exists_only() {
    Credentials c = rc.credentials("ann.rocket@rocket.test", RocketChat.PASSWORD);
    Response me = rc.as(c).get("/api/v1/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.contentType()).isEqualTo("application/json");
    Golden.assertMatches(me.asString(), "rocketchat/me.json");
    assertThat(me.asString()).doesNotContain("bcrypt").doesNotContain(c.authToken());
  }

  @Test
  void logout_ends_only_the_session_presented() {
    Credentials one = rc.credentials("ann.rocket", RocketChat.PASSWORD);
    Credentials two = rc.credentials("ann.rocket", RocketChat.PASSWORD);
    Response out = rc.as(one).post("/api/v1/logout");
    assertThat(out.statusCode()).isEqualTo(200);
    Golden.assertMatches(out.asString(), "rocketchat/logout.json");
    rc.as(one).get("/api/v1/me").then().statusCode(401);
    rc.as(two).get("/api/v1/me").then().statusCode(200);
    // GET is accepted too (deprecated in Rocket.Chat, still served)
    Response get = rc.as(two).get("/api/v1/logout");
    assertThat(get.statusCode()).isEqualTo(200);
    Golden.assertMatches(get.asString(), "rocketchat/logout.json");
    rc.as(two).get("/api/v1/me").then().statusCode(401);
  }

  @Test
  void a_route_without_a_valid_pair_of_headers_is_401_with_the_compatibility_fields() {
    Credentials annC = rc.credentials("ann.rocket", RocketChat.PASSWORD);
    Credentials admin = rc.admin();
    String keyManager = server.atrium().sessions().open(ann, Session.Kind.KEY_MANAGER, Space.DEFAULT_ID, null)
        .token();
    List<Response> refused = List.of(
        rc.http().get("/api/v1/me"),
        rc.http().header("X-Auth-Token", annC.authToken()).get("/api/v1/me"),
        rc.http().header("X-User-Id", annC.userId()).get("/api/v1/me"),
        // the token of one user with the id of another
        rc.as(new Credentials(admin.userId(), annC.authToken())).get("/api/v1/me"),
        rc.as(new Credentials(annC.userId(), "forged-token")).get("/api/v1/users.info?username=admin"),
        rc.as(new Credentials(annC.userId(), keyManager)).get("/api/v1/me"),
        // another dialect's header is no credential here
        rc.http().header("X-Session-Id", annC.authToken()).get("/api/v1/me"),
        rc.http().post("/api/v1/logout"));
    for (Response response : refused) {
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(401);
      assertThat(response.contentType()).isEqualTo("application/json");
      Golden.assertMatches(response.asString(), "rocketchat/not-logged-in.json");
    }
  }
}
