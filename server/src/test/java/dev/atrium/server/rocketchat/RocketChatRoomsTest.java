package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.user.User;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code channels.create}, {@code groups.create}, {@code channels.info}, {@code channels.delete} and
 * {@code im.create} over the wire, and that each is the same room Symphony shows: a channel made here is a Symphony
 * room with the same id, an IM made here is the conversation Symphony opens, a deleted channel is gone for Symphony.
 * Every refusal is Rocket.Chat's and leaves the database as it was.
 */
class RocketChatRoomsTest {
  static final Set<String> IGNORED_TABLES = Set.of("sessions.last_used_at");

  static TestServer server;
  static RocketChat rc;
  static User ann;
  static User bob;
  static User carl;
  static Credentials annC;
  static Credentials bobC;
  static Credentials carlC;
  static Credentials adminC;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.rooms", "Ann", "Rooms", List.of("INDIVIDUAL"));
    bob = rc.createUser("bob.rooms", "Bob", "Rooms", List.of("INDIVIDUAL"));
    carl = rc.createUser("carl.rooms", "Carl", "Rooms", List.of("INDIVIDUAL"));
    annC = rc.credentials("ann.rooms", RocketChat.PASSWORD);
    bobC = rc.credentials("bob.rooms", RocketChat.PASSWORD);
    carlC = rc.credentials("carl.rooms", RocketChat.PASSWORD);
    adminC = rc.admin();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Response post(Credentials as, String route, Object body) {
    return rc.as(as).contentType(ContentType.JSON).body(body).post("/api/v1/" + route);
  }

  static RequestSpecification pod(Credentials as) {
    return RestAssured.given().baseUri(server.baseUrl()).header("sessionToken", as.authToken())
        .contentType(ContentType.JSON);
  }

  static Map<String, String> digest() {
    return DatabaseDigest.of(server.atrium(), IGNORED_TABLES);
  }

  /** The request is refused with the golden body and changes nothing. */
  static void refused(Response response, int status, String golden, Map<String, String> before) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/json");
    Golden.assertMatches(response.asString(), golden);
    assertThat(digest()).isEqualTo(before);
  }

  static String error(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    return response.path("error");
  }

  @Test
  void channels_create_answers_the_channel_which_is_the_symphony_room_of_the_same_id() {
    Response created = post(annC, "channels.create", Map.of("name", "lobby-rooms", "members", List.of("bob.rooms")));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    assertThat(created.contentType()).isEqualTo("application/json");
    Golden.assertMatches(created.asString(), "rocketchat/channel-create.json");
    String id = created.path("channel._id");
    assertThat((String) created.path("channel.u._id")).isEqualTo(Long.toString(ann.id()));

    Response symphony = pod(bobC).get("/pod/v3/room/" + id + "/info");
    assertThat(symphony.statusCode()).as(symphony.asString()).isEqualTo(200);
    assertThat((String) symphony.path("roomAttributes.name")).isEqualTo("lobby-rooms");
    assertThat((Boolean) symphony.path("roomSystemInfo.active")).isTrue();
    assertThat((List<Integer>) pod(annC).get("/pod/v2/room/" + id + "/membership/list").path("id"))
        .hasSize(2);

    Response info = rc.as(bobC).get("/api/v1/channels.info?roomId=" + id);
    Golden.assertMatches(info.asString(), "rocketchat/channel-info.json");
    assertThat((String) rc.as(carlC).get("/api/v1/channels.info?roomName=lobby-rooms").path("channel._id"))
        .isEqualTo(id);
  }

  @Test
  void a_room_made_through_symphony_shows_here_with_the_same_id() {
    String id = pod(annC).body(Map.of("name", "Symphony made", "public", true)).post("/pod/v3/room/create")
        .then().statusCode(200).extract().path("roomSystemInfo.id");
    Response info = rc.as(bobC).get("/api/v1/channels.info?roomId=" + id);
    assertThat(info.statusCode()).as(info.asString()).isEqualTo(200);
    assertThat((String) info.path("channel.name")).isEqualTo("Symphony made");
    assertThat((Integer) info.path("channel.usersCount")).isEqualTo(1);
    assertThat((String) info.path("channel.t")).isEqualTo("c");
  }

  @Test
  void groups_create_makes_a_private_room_which_is_no_channel() {
    Response created = post(annC, "groups.create", Map.of("name", "secret-rooms", "readOnly", true));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    Golden.assertMatches(created.asString(), "rocketchat/group-create.json");
    String id = created.path("group._id");
    Response symphony = pod(annC).get("/pod/v3/room/" + id + "/info");
    assertThat((Boolean) symphony.path("roomAttributes.public")).isFalse();
    assertThat((Boolean) symphony.path("roomAttributes.readOnly")).isTrue();

    refused(rc.as(annC).get("/api/v1/channels.info?roomId=" + id), 400, "rocketchat/room-not-found.json", digest());
    refused(post(annC, "channels.delete", Map.of("roomId", id)), 400, "rocketchat/room-not-found.json", digest());
  }

  @Test
  void channels_create_refuses_bad_input_as_rocket_chat_and_changes_nothing() {
    assertThat(post(annC, "channels.create", Map.of("name", "taken-rooms")).statusCode()).isEqualTo(200);
    Map<String, String> before = digest();

    refused(post(bobC, "channels.create", Map.of("name", "taken-rooms")), 400, "rocketchat/duplicate-channel.json",
        before);
    refused(post(bobC, "groups.create", Map.of("name", "taken-rooms")), 400, "rocketchat/duplicate-channel.json",
        before);
    refused(post(bobC, "channels.create", Map.of("name", "two words")), 400, "rocketchat/invalid-room-name.json",
        before);
    refused(post(bobC, "channels.create", Map.of("name", "new-rooms", "members", List.of("bob.rooms", "nobody"))),
        400, "rocketchat/invalid-user.json", before);
    refused(post(bobC, "channels.create", Map.of("members", List.of())), 400,
        "rocketchat/create-name-missing.json", before);
    refused(post(bobC, "channels.create", Map.of("name", "")), 400, "rocketchat/create-name-empty.json", before);
    assertThat(error(post(bobC, "channels.create", Map.of("name", 7)))).isEqualTo("must be string [invalid-params]");
    assertThat(error(post(bobC, "channels.create", Map.of("name", "x-rooms", "members", "bob.rooms"))))
        .isEqualTo("must be array [invalid-params]");
    assertThat(error(post(bobC, "channels.create", Map.of("name", "x-rooms", "readOnly", "yes"))))
        .isEqualTo("must be boolean [invalid-params]");
    assertThat(error(post(bobC, "channels.create", List.of("x-rooms")))).isEqualTo("must be object [invalid-params]");
    assertThat(post(bobC, "channels.create", "{not json").statusCode()).isEqualTo(400);
    assertThat(RestAssured.given().baseUri(server.baseUrl()).contentType(ContentType.JSON)
        .body(Map.of("name", "anon-rooms")).post("/api/v1/channels.create").statusCode()).isEqualTo(401);
    assertThat(digest()).isEqualTo(before);
  }

  @Test
  void channels_info_finds_by_id_or_name_and_refuses_as_rocket_chat() {
    String id = post(annC, "channels.create", Map.of("name", "info-rooms")).path("channel._id");
    assertThat((String) rc.as(bobC).get("/api/v1/channels.info?roomName=info-rooms").path("channel._id"))
        .isEqualTo(id);
    Map<String, String> before = digest();
    for (String query : List.of("?roomName=nothing-here", "?roomId=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "?roomId=not%20an%20id", "?roomName=")) {
      refused(rc.as(bobC).get("/api/v1/channels.info" + query), 400, "rocketchat/room-not-found.json", before);
    }
    refused(rc.as(bobC).get("/api/v1/channels.info"), 400, "rocketchat/room-target-missing.json", before);
    assertThat(error(rc.as(bobC).get("/api/v1/channels.info?roomId=" + id + "&x=1")))
        .isEqualTo("must NOT have additional properties [invalid-params]");
    assertThat(rc.as(new Credentials(Long.toString(bob.id()), "forged")).get("/api/v1/channels.info?roomId=" + id)
        .statusCode()).isEqualTo(401);
  }

  @Test
  void channels_delete_by_an_owner_or_an_admin_removes_the_room_for_every_dialect() {
    String id = post(annC, "channels.create", Map.of("name", "doomed-rooms", "members", List.of("bob.rooms")))
        .path("channel._id");
    post(bobC, "chat.postMessage", Map.of("roomId", id, "text", "last words")).then().statusCode(200);
    Map<String, String> before = digest();
    refused(post(bobC, "channels.delete", Map.of("roomId", id)), 400, "rocketchat/not-allowed.json", before);
    refused(post(carlC, "channels.delete", Map.of("roomName", "doomed-rooms")), 400, "rocketchat/not-allowed.json",
        before);
    refused(post(annC, "channels.delete", Map.of()), 400, "rocketchat/room-target-missing.json", before);

    Response deleted = post(annC, "channels.delete", Map.of("roomName", "doomed-rooms"));
    assertThat(deleted.statusCode()).as(deleted.asString()).isEqualTo(200);
    assertThat(deleted.asString()).isEqualTo("{\"success\":true}");

    Response symphony = pod(annC).get("/pod/v3/room/" + id + "/info");
    assertThat(symphony.statusCode()).as(symphony.asString()).isEqualTo(400);
    assertThat((String) symphony.path("message")).isEqualTo("Room " + id + " not found");
    assertThat(pod(bobC).multiPart("message", "<messageML>late</messageML>")
        .contentType("multipart/form-data").post("/agent/v4/stream/" + id + "/message/create").statusCode())
        .isIn(400, 404);
    Golden.assertMatches(rc.as(annC).get("/api/v1/channels.info?roomId=" + id).asString(),
        "rocketchat/room-not-found.json");
    assertThat((List<String>) rc.as(bobC).get("/api/v1/subscriptions.get").path("update.rid")).doesNotContain(id);
    Response synced = rc.as(bobC).queryParam("updatedSince", "2020-01-01T00:00:00.000Z").get("/api/v1/subscriptions.get");
    assertThat((List<String>) synced.path("remove._id")).contains(id + bob.id());
    assertThat((List<String>) synced.path("update.rid")).doesNotContain(id);
    assertThat((List<Object>) rc.as(bobC).queryParam("updatedSince", "2100-01-01T00:00:00.000Z")
        .get("/api/v1/subscriptions.get").path("remove")).isEmpty();
    assertThat((List<String>) rc.as(bobC).get("/api/v1/users.info?userId=" + bob.id() + "&includeUserRooms=true")
        .path("user.rooms.rid")).doesNotContain(id);
    Golden.assertMatches(post(annC, "channels.delete", Map.of("roomId", id)).asString(),
        "rocketchat/room-not-found.json");

    // Rocket.Chat's admin (Atrium's super administrator) deletes a channel he is not in.
    String other = post(annC, "channels.create", Map.of("name", "admin-deletes-rooms")).path("channel._id");
    assertThat(post(adminC, "channels.delete", Map.of("roomId", other)).statusCode()).isEqualTo(200);
    assertThat(pod(annC).get("/pod/v3/room/" + other + "/info").statusCode()).isEqualTo(400);
  }

  @Test
  void im_create_opens_the_conversation_symphony_shows() {
    Response created = post(annC, "im.create", Map.of("username", "bob.rooms"));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    Golden.assertMatches(created.asString(), "rocketchat/im-create.json");
    String id = created.path("room._id");
    assertThat((String) created.path("room.rid")).isEqualTo(id);
    String symphony = pod(bobC).body(List.of(ann.id())).post("/pod/v1/im/create").then().statusCode(200)
        .extract().path("id");
    assertThat(symphony).isEqualTo(id);
    assertThat((String) post(bobC, "im.create", Map.of("username", "ann.rooms")).path("room._id")).isEqualTo(id);
    assertThat((String) post(bobC, "im.create", Map.of("username", "ANN.Rooms")).path("room._id")).isEqualTo(id);
    assertThat((String) post(bobC, "im.create", Map.of("username", Long.toString(ann.id()))).path("room._id"))
        .isEqualTo(id);

    Response mim = post(annC, "im.create", Map.of("usernames", "bob.rooms, carl.rooms"));
    assertThat(mim.statusCode()).as(mim.asString()).isEqualTo(200);
    assertThat((List<String>) mim.path("room.usernames")).containsExactly("ann.rooms", "bob.rooms", "carl.rooms");
    assertThat((String) mim.path("room._id")).isNotEqualTo(id);

    Map<String, String> before = digest();
    refused(post(annC, "im.create", Map.of("username", "nobody")), 400, "rocketchat/invalid-user.json", before);
    refused(post(annC, "im.create", Map.of("usernames", "bob.rooms,nobody")), 400, "rocketchat/invalid-user.json",
        before);
    refused(post(annC, "im.create", Map.of("username", "ann.rooms")), 400, "rocketchat/invalid-user.json", before);
    assertThat(error(post(annC, "im.create", Map.of()))).endsWith("[invalid-params]");
    assertThat(error(post(annC, "im.create", Map.of("username", List.of("bob.rooms")))))
        .isEqualTo("must be string [invalid-params]");
    assertThat(digest()).isEqualTo(before);
  }

  /**
   * Bodies of every wrong kind to every new POST route: each a 4xx in Rocket.Chat's shape, never a 5xx, and nothing
   * changed (the lead's hostile-input suite will walk these routes once the dialect is in its list).
   */
  @Test
  void hostile_bodies_are_refused_in_rocket_chats_shape_and_change_nothing() {
    String room = post(annC, "channels.create", Map.of("name", "hostile-rooms")).path("channel._id");
    Map<String, String> before = digest();
    List<String> bodies = List.of("", "null", "[]", "\"text\"", "7", "{", "{\"name\":null}", "{\"name\":[]}",
        "{\"name\":{\"$ne\":1}}", "{\"members\":[null]}", "{\"members\":{}}", "{\"roomId\":7}",
        "{\"roomId\":null,\"roomName\":null}", "{\"message\":null}", "{\"message\":\"x\"}",
        "{\"message\":{\"rid\":[]}}", "{\"rid\":{}}", "{\"username\":null}", "{\"usernames\":7}",
        "{\"text\":\"x\",\"roomId\":\"" + room + "\",\"alias\":7}",
        "{\"roomId\":\"../../etc/passwd\",\"text\":\"x\"}", "{\"name\":\"" + "a".repeat(300) + "\"}");
    for (String route : List.of("channels.create", "groups.create", "channels.delete", "im.create",
        "chat.postMessage", "chat.sendMessage", "subscriptions.read")) {
      for (String body : bodies) {
        Response response = rc.as(carlC).contentType(ContentType.JSON).body(body).post("/api/v1/" + route);
        assertThat(response.statusCode()).as("%s %s: %s", route, body, response.asString()).isBetween(400, 499);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat((Boolean) response.path("success")).as("%s %s", route, body).isFalse();
        assertThat((String) response.path("error")).as("%s %s", route, body).isNotBlank();
      }
    }
    for (String query : List.of("?roomId=%00", "?roomName=%27%20or%201%3D1", "?roomId=a&roomId=b", "?updatedSince=x",
        "?msgId=%2e%2e", "?roomId[$ne]=1")) {
      for (String route : List.of("channels.info", "chat.getMessage", "subscriptions.get", "subscriptions.getOne")) {
        Response response = rc.as(carlC).get("/api/v1/" + route + query);
        assertThat(response.statusCode()).as("%s%s: %s", route, query, response.asString()).isIn(200, 400);
      }
    }
    assertThat(digest()).isEqualTo(before);
  }
}
