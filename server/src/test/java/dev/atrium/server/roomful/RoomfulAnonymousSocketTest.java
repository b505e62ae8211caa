package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An anonymous socket named by a sign-in's {@code X-Socket-Id} hears {@code anonymousAuthorized}. */
class RoomfulAnonymousSocketTest {
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.standard();

  @Test
  void a_sign_in_naming_the_anonymous_socket_hands_it_the_session() {
    f.http().body(Map.of("email", "anon.later@atrium.test", "password", "a-good-password"))
        .post("/api/v1/auth/signup").then().statusCode(200);
    String anon = f.connectAnonymous(Map.of(), 2);
    String other = f.connectAnonymous(Map.of(), 4);

    String token = f.http().header("X-Socket-Id", f.socketId(anon))
        .body(Map.of("email", "anon.later@atrium.test", "password", "a-good-password"))
        .post("/api/v1/auth/signin").then().statusCode(200).extract().path("data.session_token");

    JsonNode authorized = f.client.awaitEvent(anon, "anonymousAuthorized", WAIT);
    assertThat(authorized.get(0).toString()).isEqualTo("{\"data\":{\"sessionId\":\"" + token
        + "\"},\"error\":{\"status\":false,\"code\":0,\"message\":\"\"}}");
    f.client.sync();
    assertThat(f.client.events(other)).noneMatch(e -> "anonymousAuthorized".equals(e.path("event").asText()));

    String again = f.connect(token, 2);
    assertThat(f.userInfo(again).path("data").path("user").path("email").asText())
        .isEqualTo("anon.later@atrium.test");
    assertThat(f.socketId(other)).isNotEqualTo(f.socketId(anon));
  }
}
