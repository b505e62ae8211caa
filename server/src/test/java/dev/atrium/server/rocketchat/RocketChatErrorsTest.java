package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shared refusals (unknown route, wrong method, content type, size, boundary text, rate limits, login
 * protection) answered in Rocket.Chat's body on its paths, while Roomful's {@code /api/v1/auth/} stays Roomful's.
 */
class RocketChatErrorsTest {
  private static final String TOO_MANY = "Error, too many requests\\. Please slow down\\. You must wait \\d+ seconds"
      + " before trying this endpoint again\\. \\[error-too-many-requests]";

  @Test
  void the_shared_refusals_answer_in_rocket_chats_body_and_roomfuls_paths_stay_roomfuls() {
    try (TestServer server = TestServer.start(RocketChat.settings(Map.of()))) {
      RocketChat rc = new RocketChat(server);
      Response unknown = rc.http().get("/api/v1/no.such.route");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.contentType()).isEqualTo("application/json");
      Golden.assertMatches(unknown.asString(), "rocketchat/not-found.json");

      Response wrongMethod = rc.http().delete("/api/v1/login");
      assertThat(wrongMethod.statusCode()).isEqualTo(405);
      assertThat(wrongMethod.header("Allow")).isEqualTo("POST");
      assertThat(wrongMethod.asString()).isEqualTo(
          "{\"success\":false,\"error\":\"Method DELETE is not allowed on /api/v1/login; allowed: POST\"}");

      Response textPlain = rc.http().contentType("text/plain; charset=utf-8").body("user=admin")
          .post("/api/v1/login");
      assertThat(textPlain.statusCode()).isEqualTo(415);
      assertThat(textPlain.contentType()).isEqualTo("application/json");
      assertThat(textPlain.asString()).isEqualTo("{\"success\":false,\"error\":\"Content-Type must be"
          + " application/json or application/x-www-form-urlencoded, got 'text/plain; charset=utf-8'\"}");

      Response tooLarge = rc.http().body("{\"user\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}").post("/api/v1/login");
      assertThat(tooLarge.statusCode()).isEqualTo(413);
      assertThat((Boolean) tooLarge.path("success")).isFalse();
      assertThat((String) tooLarge.path("error")).startsWith("The request body is too large");

      Credentials admin = rc.admin();
      Response nul = rc.as(admin).urlEncodingEnabled(false).get("/api/v1/users.info?username=a%00b");
      assertThat(nul.statusCode()).isEqualTo(400);
      assertThat(nul.asString()).isEqualTo(
          "{\"success\":false,\"error\":\"Query parameter 'username' must not contain a NUL character\"}");

      Response badJson = rc.http().body("{\"user\":").post("/api/v1/login");
      assertThat(badJson.statusCode()).isEqualTo(400);
      assertThat((Boolean) badJson.path("success")).isFalse();

      Response roomful = rc.http().body("{}").post("/api/v1/auth/no-such-route");
      assertThat(roomful.statusCode()).isEqualTo(404);
      assertThat((Boolean) roomful.path("error.status")).isTrue();
      Response signin = rc.http().body(Map.of("email", "nobody@rocket.test", "password", "whatever-1"))
          .post("/api/v1/auth/signin");
      assertThat(signin.statusCode()).isEqualTo(401);
      assertThat((Integer) signin.path("error.code")).isEqualTo(401);
    }
  }

  @Test
  void over_the_rate_a_route_is_429_with_rocket_chats_sentence_and_headers() {
    try (TestServer server = TestServer.start(RocketChat.settings(Map.of("ATRIUM_RATE_LIMITS",
        "auth=3/1h,read=2/1h")))) {
      RocketChat rc = new RocketChat(server);
      Credentials admin = rc.admin();
      rc.login(Map.of("user", "nobody", "password", "whatever-1")).then().statusCode(401);
      Response third = rc.login(Map.of("user", "nobody", "password", "whatever-1"));
      assertThat(third.statusCode()).isEqualTo(401);
      assertThat(third.header("X-RateLimit-Limit")).isEqualTo("3");
      assertThat(third.header("X-RateLimit-Remaining")).isEqualTo("0");
      Response refused = rc.login(Map.of("user", "nobody", "password", "whatever-1"));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.contentType()).isEqualTo("application/json");
      assertThat(refused.header("Retry-After")).isNotNull();
      assertThat(Long.parseLong(refused.header("X-RateLimit-Reset"))).isGreaterThan(System.currentTimeMillis());
      assertThat((Boolean) refused.path("success")).isFalse();
      assertThat((String) refused.path("error")).matches(TOO_MANY);

      rc.as(admin).get("/api/v1/me").then().statusCode(200).header("X-RateLimit-Limit", "2");
      rc.as(admin).get("/api/v1/me").then().statusCode(200).header("X-RateLimit-Remaining", "0");
      Response read = rc.as(admin).get("/api/v1/users.info?username=admin");
      assertThat(read.statusCode()).isEqualTo(429);
      assertThat((String) read.path("error")).matches(TOO_MANY);
    }
  }

  @Test
  void failed_logins_make_the_account_wait_and_a_login_meanwhile_is_blocked_even_with_the_right_password() {
    try (TestServer server = TestServer.start(RocketChat.settings(Map.of("ATRIUM_LOGIN_LIMITS",
        "account=2,address=1000,first-wait=10m,max-wait=15m")))) {
      RocketChat rc = new RocketChat(server);
      rc.createUser("dan.guard", "Dan", "Guard", java.util.List.of("INDIVIDUAL"));
      for (int i = 0; i < 2; i++) {
        Response wrong = rc.login(Map.of("user", TestServer.ADMIN_EMAIL, "password", "not-the-password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        Golden.assertMatches(wrong.asString(), "rocketchat/login-refused.json");
      }
      Response blocked = rc.login(Map.of("user", Map.of("email", TestServer.ADMIN_EMAIL),
          "password", TestServer.ADMIN_PASSWORD));
      assertThat(blocked.statusCode()).isEqualTo(401);
      assertThat(blocked.header("Retry-After")).isNotNull();
      Golden.assertMatches(blocked.asString(), "rocketchat/login-blocked.json");
      assertThat(blocked.asString()).doesNotContain(TestServer.ADMIN_PASSWORD);
      // another account is not held up by this one's failures
      rc.login(Map.of("username", "dan.guard", "password", RocketChat.PASSWORD)).then().statusCode(200);
    }
  }
}
