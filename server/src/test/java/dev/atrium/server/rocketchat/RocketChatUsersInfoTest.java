package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.user.User;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/users.info} over the wire: the user himself, another user seen without and with
 * {@code view-full-other-user-info} (a plain user has neither permission; a SUPER_ADMINISTRATOR is Rocket.Chat's
 * {@code admin}, who holds both), every lookup key, an unknown user and the query schema's refusals.
 */
class RocketChatUsersInfoTest {
  private static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  static TestServer server;
  static RocketChat rc;
  static User ann;
  static User bob;
  static User carl;
  static Credentials annC;
  static Credentials adminC;
  static Credentials carlC;
  static Credentials bobC;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.info", "Ann", "Info", List.of("INDIVIDUAL"));
    bob = rc.createUser("bob.info", "Bob", "Info", List.of("INDIVIDUAL"));
    // a pod ADMINISTRATOR, not a SUPER_ADMINISTRATOR: Rocket.Chat's plain user
    carl = rc.createUser("carl.info", "Carl", "Info", List.of("INDIVIDUAL", "ADMINISTRATOR"));
    annC = rc.credentials("ann.info", RocketChat.PASSWORD);
    carlC = rc.credentials("carl.info", RocketChat.PASSWORD);
    bobC = rc.credentials("bob.info", RocketChat.PASSWORD);
    adminC = rc.admin();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response info(Credentials as, String query) {
    return rc.as(as).get("/api/v1/users.info" + query);
  }

  @Test
  void the_user_himself_sees_his_full_fields_and_services_with_the_password_collapsed_to_true() {
    for (String query : List.of("?userId=" + ann.id(), "?username=ann.info", "?email=ANN.INFO@rocket.test",
        "?userId=ann.info")) {
      Response self = info(annC, query);
      assertThat(self.statusCode()).as("%s: %s", query, self.asString()).isEqualTo(200);
      assertThat(self.contentType()).isEqualTo("application/json");
      Golden.assertMatches(self.asString(), "rocketchat/info-self.json");
      assertThat((String) self.path("user._id")).isEqualTo(Long.toString(ann.id()));
      assertThat((String) self.path("user.createdAt")).matches(ISO_MILLIS);
      assertThat((String) self.path("user.lastLogin")).matches(ISO_MILLIS);
      assertThat(self.asString()).doesNotContain(annC.authToken()).doesNotContain("argon").doesNotContain("resume");
    }
  }

  @Test
  void another_user_seen_by_a_plain_user_shows_the_default_fields_only() {
    for (Credentials caller : List.of(annC, carlC)) {
      Response other = info(caller, "?userId=" + bob.id());
      assertThat(other.statusCode()).as(other.asString()).isEqualTo(200);
      Golden.assertMatches(other.asString(), "rocketchat/info-other-default.json");
      Golden.assertMatches(info(caller, "?username=bob.info").asString(), "rocketchat/info-other-default.json");
    }
  }

  @Test
  void another_user_seen_with_view_full_other_user_info_shows_the_full_fields_but_never_services() {
    Response other = info(adminC, "?userId=" + bob.id());
    assertThat(other.statusCode()).as(other.asString()).isEqualTo(200);
    Golden.assertMatches(other.asString(), "rocketchat/info-other-full.json");
    assertThat((String) other.path("user.createdAt")).matches(ISO_MILLIS);
    Golden.assertMatches(info(adminC, "?email=bob.info@rocket.test").asString(), "rocketchat/info-other-full.json");
    assertThat((List<String>) info(adminC, "?username=admin").path("user.roles")).containsExactly("user", "admin");
  }

  @Test
  void a_lookup_by_email_of_another_user_needs_view_full_other_user_info() {
    Response refused = info(annC, "?email=bob.info@rocket.test");
    assertThat(refused.statusCode()).isEqualTo(400);
    Golden.assertMatches(refused.asString(), "rocketchat/user-not-found.json");
  }

  @Test
  void an_unknown_user_is_a_400_user_not_found() {
    for (String query : List.of("?username=invalid-username", "?userId=999999", "?username=ANN.INFO",
        "?importId=ann.info", "?freeSwitchExtension=1001", "?email=nobody@rocket.test")) {
      for (Credentials caller : List.of(annC, adminC)) {
        Response response = info(caller, query);
        assertThat(response.statusCode()).as(query).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/json");
        Golden.assertMatches(response.asString(), "rocketchat/user-not-found.json");
      }
    }
  }

  @Test
  void an_empty_lookup_key_is_an_invalid_search_query() {
    Response response = info(annC, "?userId=");
    assertThat(response.statusCode()).isEqualTo(400);
    Golden.assertMatches(response.asString(), "rocketchat/invalid-search-query.json");
  }

  @Test
  void a_query_the_schema_refuses_is_400_invalid_params_with_ajvs_words() {
    Response none = info(annC, "");
    assertThat(none.statusCode()).isEqualTo(400);
    Golden.assertMatches(none.asString(), "rocketchat/invalid-params-empty.json");

    assertThat((String) info(annC, "?userId=" + bob.id() + "&foo=1").path("error")).isEqualTo(
        "must NOT have additional properties\n must have required property 'username'\n must have required"
        + " property 'importId'\n must have required property 'email'\n must have required property"
        + " 'freeSwitchExtension'\n must match a schema in anyOf [invalid-params]");
    assertThat((String) info(annC, "?userId=" + bob.id() + "&username=bob.info").path("error")).isEqualTo(
        "must NOT have additional properties\n must NOT have additional properties\n must have required property"
        + " 'importId'\n must have required property 'email'\n must have required property 'freeSwitchExtension'\n"
        + " must match a schema in anyOf [invalid-params]");
    Response repeated = info(annC, "?username=a&username=b");
    assertThat((String) repeated.path("error")).startsWith("must have required property 'userId'\n must be string\n");
    assertThat((String) repeated.path("errorType")).isEqualTo("invalid-params");
  }

  @Test
  void rooms_with_unread_counts_for_the_user_himself_or_with_view_other_user_channels_only() {
    // Ann owns a public room with Bob in it and a private one alone, and has an IM with Bob, all made through
    // Symphony; Bob posts through Symphony: his messages are unread for Ann.
    String lobby = pod(annC).body(Map.of("name", "Lobby", "public", true)).post("/pod/v3/room/create")
        .then().statusCode(200).extract().path("roomSystemInfo.id");
    pod(annC).body(Map.of("id", bob.id())).post("/pod/v1/room/" + lobby + "/membership/add").then().statusCode(200);
    String secret = pod(annC).body(Map.of("name", "secret", "public", false)).post("/pod/v3/room/create")
        .then().statusCode(200).extract().path("roomSystemInfo.id");
    String im = pod(annC).body(List.of(bob.id())).post("/pod/v1/im/create").then().statusCode(200)
        .extract().path("id");
    post(bobC, lobby, "one");
    post(bobC, lobby, "two");
    post(bobC, im, "hi");

    Response own = info(annC, "?userId=" + ann.id() + "&includeUserRooms=true");
    assertThat(own.statusCode()).as(own.asString()).isEqualTo(200);
    Golden.assertMatches(own.asString(), "rocketchat/info-self-rooms.json");
    assertThat((List<String>) own.path("user.rooms.rid")).containsExactly(lobby, im, secret);
    // the form of clients older than 7.0
    Golden.assertMatches(rc.as(annC).queryParam("username", "ann.info").queryParam("fields", "{\"userRooms\":1}")
        .get("/api/v1/users.info").asString(), "rocketchat/info-self-rooms.json");

    // without view-other-user-channels, another user's rooms are silently left out
    for (Credentials caller : List.of(annC, carlC)) {
      Golden.assertMatches(info(caller, "?userId=" + bob.id() + "&includeUserRooms=true").asString(),
          "rocketchat/info-other-default.json");
    }
    Response bobs = info(adminC, "?userId=" + bob.id() + "&includeUserRooms=true");
    assertThat((List<String>) bobs.path("user.rooms.rid")).containsExactly(lobby, im);
    assertThat((List<String>) bobs.path("user.rooms.name")).containsExactly("Lobby", "ann.info");
    assertThat((List<Integer>) bobs.path("user.rooms.unread")).containsExactly(0, 0);
    assertThat(info(adminC, "?userId=" + bob.id()).asString()).doesNotContain("rooms");

    // posting marks the room read for the sender and unread for the others
    post(annC, lobby, "three");
    assertThat((List<Integer>) info(annC, "?userId=" + ann.id() + "&includeUserRooms=true").path("user.rooms.unread"))
        .containsExactly(0, 1, 0);
    assertThat((List<Integer>) info(adminC, "?userId=" + bob.id() + "&includeUserRooms=true")
        .path("user.rooms.unread")).containsExactly(1, 0);
  }

  private static io.restassured.specification.RequestSpecification pod(Credentials as) {
    return io.restassured.RestAssured.given().baseUri(server.baseUrl()).header("sessionToken", as.authToken())
        .contentType(io.restassured.http.ContentType.JSON);
  }

  private static void post(Credentials as, String room, String text) {
    io.restassured.RestAssured.given().baseUri(server.baseUrl()).header("sessionToken", as.authToken())
        .multiPart("message", "<messageML>" + text + "</messageML>")
        .post("/agent/v4/stream/" + room + "/message/create").then().statusCode(200);
  }
}
