package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FakeFacebook;
import dev.atrium.testkit.SocketIoNodeClient;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /auth/link/facebook}: a Facebook account checked with Graph becomes the caller's, once. */
class RoomfulLinkFacebookTest {
  static FakeClock clock = new FakeClock();
  static FakeFacebook facebook;
  static TestServer server;
  static SocketIoNodeClient client;

  @BeforeAll
  static void start() {
    facebook = FakeFacebook.start(clock);
    server = TestServer.start(Map.of("ATRIUM_FACEBOOK_APP_ID", facebook.appId(),
        "ATRIUM_FACEBOOK_APP_SECRET", facebook.appSecret(), "ATRIUM_FACEBOOK_GRAPH_URL", facebook.graphUrl()), clock);
    client = new SocketIoNodeClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.close();
    facebook.close();
  }

  static RequestSpecification http() {
    return given().baseUri(server.baseUrl()).contentType("application/json");
  }

  static String signup(String email) {
    return http().body(Map.of("email", email, "password", "a-good-password")).post("/api/v1/auth/signup")
        .then().statusCode(200).extract().path("data.session_token");
  }

  @Test
  void a_checked_token_links_the_account_and_the_sockets_hear_it() {
    String token = signup("linker@atrium.test");
    client.connect("linker", 2, server.baseUrl(), Map.of("sessionId", token));
    client.awaitEvent("linker", "user_info", SocketIoNodeClient.TIMEOUT);

    http().header("X-Session-Id", token).body(Map.of("token", facebook.issueToken("1001", "Lin Ker", null)))
        .post("/auth/link/facebook").then().statusCode(200).body(equalTo("{}"));

    JsonNode linked = client.awaitEvent("linker", "user:linkedToSocialAccount", Duration.ofSeconds(10));
    assertThat(linked.get(0).path("data").toString())
        .isEqualTo("{\"kind\":\"facebook\",\"socialId\":\"1001\",\"identityName\":\"\"}");
    JsonNode list = client.emitWithAck("linker", "user:getLinkedSocialAccounts");
    assertThat(list.get(0).path("data").path("socialAccounts").toString())
        .isEqualTo("[{\"kind\":\"facebook\",\"socialId\":\"1001\",\"identityName\":\"\"}]");
  }

  @Test
  void refusals_change_nothing() {
    String ann = signup("ann.fb@atrium.test");
    String bob = signup("bob.fb@atrium.test");
    String annToken = facebook.issueToken("2002", "Ann", null);
    http().body(Map.of("token", annToken)).post("/auth/link/facebook").then().statusCode(401)
        .body("error.status", equalTo(true)).body("error.code", equalTo(401));
    http().header("X-Session-Id", ann).body(Map.of("token", "EAAnot-a-real-token")).post("/auth/link/facebook")
        .then().statusCode(400).body("error.code", equalTo(400));
    http().header("X-Session-Id", ann).body(Map.of()).post("/auth/link/facebook").then().statusCode(400)
        .body("error.message", equalTo("token is required"));
    http().header("X-Session-Id", ann).body(Map.of("token", annToken)).post("/auth/link/facebook")
        .then().statusCode(200);
    http().header("X-Session-Id", bob).body(Map.of("token", facebook.issueToken("2002", "Ann", null)))
        .post("/auth/link/facebook").then().statusCode(409)
        .body("error.message", equalTo("This facebook account is linked to another user"));

    client.connect("bob", 4, server.baseUrl(), Map.of("sessionId", bob));
    client.awaitEvent("bob", "user_info", SocketIoNodeClient.TIMEOUT);
    assertThat(client.emitWithAck("bob", "user:getLinkedSocialAccounts").get(0).path("data").toString())
        .isEqualTo("{\"socialAccounts\":[]}");
  }
}
