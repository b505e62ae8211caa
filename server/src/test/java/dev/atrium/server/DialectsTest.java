package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server speaks the dialects its configuration names, and only those. */
class DialectsTest {
  static Response signin(TestServer server) {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON)
        .body(Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD))
        .post("/api/v1/auth/signin");
  }

  @Test
  void a_server_started_with_one_dialect_serves_its_routes_and_no_others() {
    try (TestServer server = TestServer.start(Map.of("ATRIUM_DIALECTS", "roomful"))) {
      String token = signin(server).then().statusCode(200).extract().path("data.session_token");

      Response pod = given().baseUri(server.baseUrl()).header("sessionToken", token).get("/pod/v1/sessioninfo");
      assertThat(pod.statusCode()).isEqualTo(404);
      assertThat(pod.jsonPath().getString("code")).isEqualTo("not_found");
      given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + token).get("/atrium/v1/outbox")
          .then().statusCode(404);
      given().baseUri(server.baseUrl()).get("/health").then().statusCode(200);
      given().baseUri(server.baseUrl()).contentType(ContentType.JSON).body(Map.of("grant_type", "client_credentials"))
          .post("/v1/auth/token").then().statusCode(404);
    }
  }

  @Test
  void the_livedigital_dialect_is_spoken_by_default_and_can_be_left_out() {
    assertThat(Config.from(Map.of()).dialects()).containsExactly("symphony", "roomful", "rocketchat", "livedigital",
        "atrium");
    try (TestServer server = TestServer.start(Map.of("ATRIUM_DIALECTS", "livedigital"))) {
      assertThat(server.atrium().livedigitalTokens()).isPresent();
      given().baseUri(server.baseUrl()).get("/v1/users/me").then().statusCode(401);
    }
  }

  @Test
  void dialects_started_together_share_one_session() {
    try (TestServer server = TestServer.start(Map.of("ATRIUM_DIALECTS", "atrium, symphony"))) {
      signin(server).then().statusCode(404);
      Response login = given().baseUri(server.baseUrl()).get("/pod/v1/sessioninfo");
      assertThat(login.statusCode()).isEqualTo(401);
      String token = server.atrium().sessions().loginWithPassword(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD,
          "roomful", null).token();
      given().baseUri(server.baseUrl()).header("sessionToken", token).get("/pod/v1/sessioninfo").then()
          .statusCode(200);
      given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + token).get("/atrium/v1/outbox").then()
          .statusCode(200);
    }
  }

  @Test
  void an_unknown_or_repeated_dialect_is_refused_at_start() {
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_DIALECTS", "symphony,moodhood")))
        .isInstanceOf(Config.Invalid.class).hasMessage("ATRIUM_DIALECTS must name some of symphony, roomful,"
            + " rocketchat, livedigital, atrium, separated by commas, each once, got 'symphony,moodhood'");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_DIALECTS", "roomful,roomful")))
        .isInstanceOf(Config.Invalid.class).hasMessageContaining("each once, got 'roomful,roomful'");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_DIALECTS", "symphony,")))
        .isInstanceOf(Config.Invalid.class).hasMessageContaining("got 'symphony,'");
  }
}
