package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.SocketIoNodeClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An anonymous socket named by a sign-in's {@code X-Socket-Id} hears {@code anonymousAuthorized}. */
class RoomfulAnonymousSocketTest {
  static TestServer server;
  static SocketIoNodeClient client;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    client = new SocketIoNodeClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
  }

  @Test
  void a_sign_in_naming_the_anonymous_socket_hands_it_the_session() {
    given().baseUri(server.baseUrl()).contentType("application/json")
        .body(Map.of("email", "anon.later@atrium.test", "password", "a-good-password"))
        .post("/api/v1/auth/signup").then().statusCode(200);
    String anonymous = client.connect("anon", 2, server.baseUrl(), Map.of());
    client.awaitEvent("anon", "anonymousConnection", SocketIoNodeClient.TIMEOUT);
    String other = client.connect("other", 4, server.baseUrl(), Map.of());
    client.awaitEvent("other", "anonymousConnection", SocketIoNodeClient.TIMEOUT);

    String token = given().baseUri(server.baseUrl()).contentType("application/json").header("X-Socket-Id", anonymous)
        .body(Map.of("email", "anon.later@atrium.test", "password", "a-good-password"))
        .post("/api/v1/auth/signin").then().statusCode(200).extract().path("data.session_token");

    JsonNode authorized = client.awaitEvent("anon", "anonymousAuthorized", Duration.ofSeconds(10));
    assertThat(authorized.get(0).toString()).isEqualTo("{\"data\":{\"sessionId\":\"" + token
        + "\"},\"error\":{\"status\":false,\"code\":0,\"message\":\"\"}}");
    client.sync();
    assertThat(client.events("other")).noneMatch(e -> "anonymousAuthorized".equals(e.path("event").asText()));

    client.connect("again", 2, server.baseUrl(), Map.of("sessionId", token));
    assertThat(client.awaitEvent("again", "user_info", SocketIoNodeClient.TIMEOUT).get(0).path("data").path("user")
        .path("email").asText()).isEqualTo("anon.later@atrium.test");
    assertThat(other).isNotEqualTo(anonymous);
  }
}
