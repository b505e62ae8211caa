package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.SymphonyPod.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One session model under every dialect: a token from the Roomful signin opens the pod, a token from the
 * Symphony login passes the Roomful check, logout ends a session everywhere, and disabling a user ends all
 * of theirs at once.
 */
class SymphonySessionsTest {
  static final String INVALID_SESSION = "{\"code\":401,\"message\":\"Invalid session\"}";
  static final String PASSWORD = "correct horse battery";
  static SymphonyPod pod;

  @BeforeAll
  static void start() {
    pod = SymphonyPod.start();
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  private static Response sessionInfo(String token) {
    return pod.as(token).get("/pod/v1/sessioninfo");
  }

  private static void assertInvalidSession(Response response) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.asString()).isEqualTo(INVALID_SESSION);
  }

  private static Response roomfulCheck(String token) {
    return pod.anonymous().header("X-Session-Id", token).get("/api/v1/auth/check");
  }

  @Test
  void a_token_from_the_roomful_signin_opens_the_pod() {
    String name = unique("roomful.user");
    long id = pod.createPasswordUser(name, name + "@example.com", PASSWORD);
    String token = pod.roomfulSignin(name + "@example.com", PASSWORD);

    Response response = sessionInfo(token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.<Number>path("userId").longValue()).isEqualTo(id);
    assertThat(pod.as(token).get("/pod/v2/sessioninfo").<String>path("username")).isEqualTo(name);
  }

  @Test
  void the_admin_token_from_the_roomful_signin_is_the_admin_on_the_pod() {
    assertThat(pod.asAdmin().get("/pod/v2/sessioninfo").<List<String>>path("roles"))
        .contains("SUPER_ADMINISTRATOR");
  }

  @Test
  void a_token_from_the_symphony_login_passes_the_roomful_check() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("session.bot"));
    String token = pod.login(bot);

    Response response = roomfulCheck(token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(roomfulCheck("no-such-token").statusCode()).isEqualTo(401);
  }

  @Test
  void logout_ends_the_session_on_every_dialect() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("session.bot"));
    String token = pod.login(bot);
    String other = pod.login(bot);

    Response logout = pod.as(token).post("/sessionauth/v1/logout");

    assertThat(logout.statusCode()).isEqualTo(200);
    Golden.assertMatches(logout.asString(), "symphony/logout.json");
    assertInvalidSession(sessionInfo(token));
    assertThat(roomfulCheck(token).statusCode()).isEqualTo(401);
    assertThat(sessionInfo(other).statusCode()).as("another session of the same user").isEqualTo(200);
  }

  @Test
  void logout_ends_a_roomful_session_too() {
    String name = unique("roomful.user");
    pod.createPasswordUser(name, name + "@example.com", PASSWORD);
    String token = pod.roomfulSignin(name, PASSWORD);

    pod.as(token).post("/sessionauth/v1/logout").then().statusCode(200);

    assertThat(roomfulCheck(token).statusCode()).isEqualTo(401);
  }

  @Test
  void logout_without_a_live_session_is_401_invalid_session() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("session.bot"));
    String token = pod.login(bot);
    pod.as(token).post("/sessionauth/v1/logout").then().statusCode(200);

    assertInvalidSession(pod.as(token).post("/sessionauth/v1/logout"));
    assertInvalidSession(pod.anonymous().post("/sessionauth/v1/logout"));
    assertInvalidSession(pod.as("no-such-token").post("/sessionauth/v1/logout"));
  }

  @Test
  void disabling_a_user_ends_all_their_sessions_at_once() {
    String name = unique("roomful.user");
    long id = pod.createPasswordUser(name, name + "@example.com", PASSWORD);
    String roomful = pod.roomfulSignin(name + "@example.com", PASSWORD);
    String again = pod.roomfulSignin(name, PASSWORD);
    assertThat(sessionInfo(roomful).statusCode()).isEqualTo(200);
    assertThat(sessionInfo(again).statusCode()).isEqualTo(200);

    pod.setStatus(id, "DISABLED");

    assertInvalidSession(sessionInfo(roomful));
    assertInvalidSession(sessionInfo(again));
    assertThat(roomfulCheck(roomful).statusCode()).isEqualTo(401);
  }

  @Test
  void disabling_a_bot_ends_its_sessions_and_enabling_it_again_does_not_revive_them() {
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("session.bot"));
    String session = pod.login(bot);

    pod.setStatus(bot.id(), "DISABLED");
    pod.setStatus(bot.id(), "ENABLED");

    assertInvalidSession(sessionInfo(session));
    assertThat(sessionInfo(pod.login(bot)).statusCode()).as("a new login works").isEqualTo(200);
  }

  @Test
  void a_key_manager_token_is_not_a_session_token() {
    // The key manager's token is for the agent's keyManagerToken header; a pod refuses it as a sessionToken.
    SymphonyPod.KeyUser bot = pod.createServiceUser(unique("session.bot"));
    String keyManager = pod.anonymous().contentType(ContentType.JSON)
        .body(Map.of("token", SymphonyPod.jwt(bot.username(), Instant.now().plusSeconds(240),
            bot.keys().getPrivate())))
        .post("/relay/pubkey/authenticate").then().statusCode(200).extract().path("token");

    assertInvalidSession(sessionInfo(keyManager));
    assertInvalidSession(pod.as(keyManager).get("/pod/v2/sessioninfo"));
    assertThat(roomfulCheck(keyManager).statusCode()).isEqualTo(401);
  }
}
