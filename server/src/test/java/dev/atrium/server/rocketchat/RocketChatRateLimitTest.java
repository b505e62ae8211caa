package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import dev.atrium.testkit.FakeClock;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rocket.Chat's per-route limit ({@code ATRIUM_RATE_LIMITS=route=6/1h} here, {@code 10/1m} by default), the clock a
 * {@link FakeClock} only the test moves: each route counts apart per caller, with the {@code X-RateLimit-*} headers
 * on every answer; over it, 429 in Rocket.Chat's words and nothing runs; holders of {@code api-bypass-rate-limit}
 * (the admin) are not counted; an anonymous caller counts by address.
 */
class RocketChatRateLimitTest {
  static final FakeClock CLOCK = new FakeClock();
  static TestServer server;
  static RocketChat rc;
  static Credentials annC;
  static Credentials bobC;
  static Credentials adminC;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of("ATRIUM_RATE_LIMITS", "route=6/1h")), CLOCK);
    rc = new RocketChat(server);
    rc.createUser("ann.limit", "Ann", "Limit", List.of("INDIVIDUAL"));
    rc.createUser("bob.limit", "Bob", "Limit", List.of("INDIVIDUAL"));
    // with the two of createUser, five of the address's six logins an hour
    annC = rc.credentials("ann.limit", RocketChat.PASSWORD);
    bobC = rc.credentials("bob.limit", RocketChat.PASSWORD);
    adminC = rc.admin();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response info(Credentials as) {
    return rc.as(as).get("/api/v1/users.info?username=bob.limit");
  }

  private static void assertRefused(Response response, long seconds) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(429);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(response.header("Retry-After")).isEqualTo(Long.toString(seconds));
    assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(response.asString()).isEqualTo("{\"success\":false,\"error\":\"Error, too many requests. Please slow"
        + " down. You must wait " + seconds + " seconds before trying this endpoint again. [error-too-many-requests]\"}");
  }

  @Test
  void each_route_counts_apart_per_caller_and_refills_with_time() {
    for (int remaining = 5; remaining >= 0; remaining--) {
      Response ok = info(annC);
      assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
      assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("6");
      assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
      assertThat(Long.parseLong(ok.header("X-RateLimit-Reset"))).isGreaterThan(CLOCK.millis());
    }
    assertRefused(info(annC), 600);
    // another route of the same caller, and the same route of another caller, have counts of their own
    assertThat(rc.as(annC).get("/api/v1/me").statusCode()).isEqualTo(200);
    assertThat(info(bobC).statusCode()).isEqualTo(200);

    CLOCK.advance(Duration.ofMinutes(10));
    assertThat(info(annC).statusCode()).isEqualTo(200);
    assertRefused(info(annC), 600);
  }

  @Test
  void the_admin_holds_api_bypass_rate_limit_and_is_not_counted() {
    for (int i = 0; i < 12; i++) {
      Response ok = rc.as(adminC).get("/api/v1/roles.list");
      assertThat(ok.statusCode()).as(ok.asString()).isEqualTo(200);
    }
  }

  @Test
  void logins_count_by_address_and_a_refused_one_opens_no_session() {
    // the address has one login left of six an hour (two if the other test has moved the clock on)
    int logins = 0;
    Response response = rc.login(Map.of("user", "ann.limit", "password", RocketChat.PASSWORD));
    while (response.statusCode() == 200 && logins < 3) {
      logins++;
      response = rc.login(Map.of("user", "ann.limit", "password", RocketChat.PASSWORD));
    }
    assertThat(logins).isBetween(1, 2);
    assertRefused(response, 600);
    assertThat(response.asString()).doesNotContain("authToken");
  }
}
