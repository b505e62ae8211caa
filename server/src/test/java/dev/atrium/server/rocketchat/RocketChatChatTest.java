package dev.atrium.server.rocketchat;

import static dev.atrium.server.rocketchat.RocketChatRoomsTest.IGNORED_TABLES;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code chat.postMessage}, {@code chat.sendMessage}, {@code chat.getMessage} and {@code subscriptions.*} over the
 * wire, on the one model: a message posted here is unread for every other current member and read for its sender,
 * whether posted here or through Symphony; {@code subscriptions.read} resets the reader's count only; the text
 * crosses to Symphony as escaped MessageML and back unchanged.
 */
class RocketChatChatTest {
  static TestServer server;
  static RocketChat rc;
  static User ann;
  static User bob;
  static User carl;
  static User dora;
  static Credentials annC;
  static Credentials bobC;
  static Credentials carlC;
  static Credentials doraC;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.chat", "Ann", "Chat", List.of("INDIVIDUAL"));
    bob = rc.createUser("bob.chat", "Bob", "Chat", List.of("INDIVIDUAL"));
    carl = rc.createUser("carl.chat", "Carl", "Chat", List.of("INDIVIDUAL"));
    dora = rc.createUser("dora.chat", "Dora", "Chat", List.of("INDIVIDUAL"));
    annC = rc.credentials("ann.chat", RocketChat.PASSWORD);
    bobC = rc.credentials("bob.chat", RocketChat.PASSWORD);
    carlC = rc.credentials("carl.chat", RocketChat.PASSWORD);
    doraC = rc.credentials("dora.chat", RocketChat.PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response post(Credentials as, String route, Object body) {
    return rc.as(as).contentType(ContentType.JSON).body(body).post("/api/v1/" + route);
  }

  private static RequestSpecification pod(Credentials as) {
    return RestAssured.given().baseUri(server.baseUrl()).header("sessionToken", as.authToken());
  }

  private static Map<String, String> digest() {
    return DatabaseDigest.of(server.atrium(), IGNORED_TABLES);
  }

  private static void refused(Response response, String golden, Map<String, String> before) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
    assertThat(response.contentType()).isEqualTo("application/json");
    Golden.assertMatches(response.asString(), golden);
    assertThat(digest()).isEqualTo(before);
  }

  private static String channel(Credentials owner, String name, List<String> members) {
    Response created = post(owner, "channels.create", Map.of("name", name, "members", members));
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    return created.path("channel._id");
  }

  private static int unread(Credentials as, String roomId) {
    Response one = rc.as(as).get("/api/v1/subscriptions.getOne?roomId=" + roomId);
    assertThat(one.statusCode()).as(one.asString()).isEqualTo(200);
    return one.path("subscription.unread");
  }

  private static void symphonyPost(Credentials as, String room, String messageMl) {
    pod(as).multiPart("message", messageMl).post("/agent/v4/stream/" + room + "/message/create")
        .then().statusCode(200);
  }

  @Test
  void post_message_answers_rocket_chats_shape_and_symphony_sees_the_text_escaped() {
    String room = channel(annC, "shape-chat", List.of("bob.chat"));
    String text = "if a < b && c > \"d\" then 'e' <script>alert(1)</script>";
    Response posted = post(annC, "chat.postMessage", Map.of("roomId", room, "text", text));
    assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(200);
    assertThat(posted.contentType()).isEqualTo("application/json");
    Golden.assertMatches(posted.asString(), "rocketchat/post-message.json");
    assertThat((String) posted.path("message.msg")).isEqualTo(text);
    assertThat((String) posted.path("channel")).isEqualTo(room);
    assertThat((String) posted.path("message.rid")).isEqualTo(room);
    assertThat((String) posted.path("message.u._id")).isEqualTo(Long.toString(ann.id()));

    Response symphony = pod(bobC).queryParam("since", 0).get("/agent/v4/stream/" + room + "/message");
    assertThat(symphony.statusCode()).as(symphony.asString()).isEqualTo(200);
    String messageMl = symphony.path("[0].message");
    assertThat(messageMl).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(symphony.asString()).contains((String) posted.path("message._id"));

    // and a line break is a <br/> there and a line break again here
    Response lines = post(annC, "chat.sendMessage", Map.of("message", Map.of("rid", room, "msg", "one\ntwo")));
    assertThat((String) lines.path("message.msg")).isEqualTo("one\ntwo");
    Golden.assertMatches(lines.asString(), "rocketchat/send-message.json");
  }

  @Test
  void a_symphony_message_reads_here_as_its_text() {
    String room = channel(annC, "read-chat", List.of("bob.chat"));
    symphonyPost(bobC, room, "<messageML><p>Hello <b>there</b></p><p>second &amp; last</p></messageML>");
    String id = pod(annC).queryParam("since", 0).get("/agent/v4/stream/" + room + "/message")
        .then().statusCode(200).extract().path("[0].messageId");
    Response got = rc.as(annC).get("/api/v1/chat.getMessage?msgId=" + id);
    assertThat(got.statusCode()).as(got.asString()).isEqualTo(200);
    assertThat((String) got.path("message.msg")).isEqualTo("Hello there\nsecond & last");
    assertThat((String) got.path("message.u.username")).isEqualTo("bob.chat");

    Map<String, String> before = digest();
    refused(rc.as(carlC).get("/api/v1/chat.getMessage?msgId=" + id), "rocketchat/message-not-allowed.json", before);
    refused(rc.as(annC).get("/api/v1/chat.getMessage?msgId=AAAAAAAAAAAAAAAAAAAAAAAA"),
        "rocketchat/invalid-message.json", before);
    refused(rc.as(annC).get("/api/v1/chat.getMessage?msgId=nope"), "rocketchat/invalid-message.json", before);
  }

  @Test
  void a_message_is_unread_for_every_other_member_and_read_for_its_sender_whichever_dialect_posts_it() {
    String room = channel(annC, "unread-chat", List.of("bob.chat", "carl.chat"));
    post(annC, "chat.postMessage", Map.of("roomId", room, "text", "one")).then().statusCode(200);
    post(annC, "chat.postMessage", Map.of("channel", "#unread-chat", "text", "two")).then().statusCode(200);
    assertThat(unread(annC, room)).isZero();
    assertThat(unread(bobC, room)).isEqualTo(2);
    assertThat(unread(carlC, room)).isEqualTo(2);

    // Bob replies: he has read the room, the others have one more
    post(bobC, "chat.sendMessage", Map.of("message", Map.of("rid", room, "msg", "three"))).then().statusCode(200);
    assertThat(unread(bobC, room)).isZero();
    assertThat(unread(annC, room)).isEqualTo(1);
    assertThat(unread(carlC, room)).isEqualTo(3);

    // a Symphony message counts the same way
    symphonyPost(carlC, room, "<messageML>from <i>Symphony</i></messageML>");
    assertThat(unread(carlC, room)).isZero();
    assertThat(unread(annC, room)).isEqualTo(2);
    assertThat(unread(bobC, room)).isEqualTo(1);

    Response rooms = rc.as(annC).get("/api/v1/users.info?userId=" + ann.id() + "&includeUserRooms=true");
    assertThat((List<String>) rooms.path("user.rooms.rid")).contains(room);
    assertThat((Integer) rooms.path("user.rooms.find { it.rid == '" + room + "' }.unread")).isEqualTo(2);

    // reading resets the reader's count only
    Response read = post(annC, "subscriptions.read", Map.of("rid", room));
    assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
    assertThat(read.asString()).isEqualTo("{\"success\":true}");
    assertThat(unread(annC, room)).isZero();
    assertThat(unread(bobC, room)).isEqualTo(1);
    assertThat(post(bobC, "subscriptions.read", Map.of("roomId", room)).statusCode()).isEqualTo(200);
    assertThat(unread(bobC, room)).isZero();
    assertThat((Boolean) rc.as(bobC).get("/api/v1/subscriptions.getOne?roomId=" + room).path("subscription.alert"))
        .isFalse();
    assertThat((Integer) rc.as(annC).get("/api/v1/users.info?userId=" + ann.id() + "&includeUserRooms=true")
        .path("user.rooms.find { it.rid == '" + room + "' }.unread")).isZero();

    // an IM made here counts as well
    String im = post(annC, "im.create", Map.of("username", "dora.chat")).path("room._id");
    post(annC, "chat.postMessage", Map.of("channel", "@dora.chat", "text", "psst")).then().statusCode(200);
    assertThat(unread(doraC, im)).isEqualTo(1);
    assertThat(unread(annC, im)).isZero();
    Response byUserId = post(doraC, "chat.postMessage", Map.of("channel", Long.toString(ann.id()), "text", "back"));
    assertThat((String) byUserId.path("message.rid")).isEqualTo(im);
    assertThat(unread(doraC, im)).isZero();
    assertThat(unread(annC, im)).isEqualTo(1);
  }

  @Test
  void subscriptions_get_lists_the_callers_rooms_and_get_one_answers_null_for_a_room_he_is_not_in() {
    String room = channel(doraC, "subs-chat", List.of());
    String group = post(doraC, "groups.create", Map.of("name", "subs-group-chat")).path("group._id");
    Response all = rc.as(doraC).get("/api/v1/subscriptions.get");
    assertThat(all.statusCode()).as(all.asString()).isEqualTo(200);
    assertThat((List<String>) all.path("update.rid")).contains(room, group);
    assertThat((List<Object>) all.path("remove")).isEmpty();
    Response one = rc.as(doraC).get("/api/v1/subscriptions.getOne?roomId=" + room);
    Golden.assertMatches(one.asString(), "rocketchat/subscription.json");
    assertThat((String) one.path("subscription._id")).isEqualTo(room + dora.id());
    assertThat((String) one.path("subscription.u._id")).isEqualTo(Long.toString(dora.id()));
    assertThat((List<String>) rc.as(doraC).get("/api/v1/subscriptions.get?updatedSince=2020-01-01T00:00:00.000Z")
        .path("update.rid")).contains(room, group);

    Response none = rc.as(annC).get("/api/v1/subscriptions.getOne?roomId=" + group);
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.contentType()).isEqualTo("application/json");
    Golden.assertMatches(none.asString(), "rocketchat/subscription-null.json");
    Golden.assertMatches(rc.as(annC).get("/api/v1/subscriptions.getOne?roomId=nope").asString(),
        "rocketchat/subscription-null.json");
    Map<String, String> before = digest();
    refused(rc.as(annC).get("/api/v1/subscriptions.getOne"), "rocketchat/subscription-room-missing.json", before);
    refused(rc.as(annC).get("/api/v1/subscriptions.get?updatedSince=yesterday"),
        "rocketchat/subscriptions-bad-date.json", before);
    assertThat((String) rc.as(annC).get("/api/v1/subscriptions.get?since=1").path("errorType"))
        .isEqualTo("invalid-params");
  }

  @Test
  void subscriptions_read_refuses_an_unknown_room_or_one_the_caller_is_not_in_and_changes_nothing() {
    String group = post(doraC, "groups.create", Map.of("name", "read-group-chat")).path("group._id");
    post(doraC, "chat.postMessage", Map.of("roomId", group, "text", "hi")).then().statusCode(200);
    Map<String, String> before = digest();
    refused(post(annC, "subscriptions.read", Map.of("rid", group)), "rocketchat/invalid-subscription.json", before);
    refused(post(annC, "subscriptions.read", Map.of("rid", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")),
        "rocketchat/room-does-not-exist.json", before);
    refused(post(annC, "subscriptions.read", Map.of("rid", "nope")), "rocketchat/room-does-not-exist.json", before);
    refused(post(annC, "subscriptions.read", Map.of()), "rocketchat/read-room-missing.json", before);
  }

  @Test
  void posting_refuses_bad_input_as_rocket_chat_and_changes_nothing() {
    String room = channel(annC, "refusals-chat", List.of("bob.chat"));
    String group = post(annC, "groups.create", Map.of("name", "refusals-group-chat")).path("group._id");
    Map<String, String> before = digest();

    refused(post(carlC, "chat.postMessage", Map.of("roomId", group, "text", "let me in")),
        "rocketchat/invalid-channel.json", before);
    refused(post(carlC, "chat.postMessage", Map.of("channel", "#no-such-chat", "text", "hello")),
        "rocketchat/invalid-channel.json", before);
    refused(post(carlC, "chat.postMessage", Map.of("channel", "@nobody", "text", "hello")),
        "rocketchat/invalid-channel.json", before);
    refused(post(carlC, "chat.sendMessage", Map.of("message", Map.of("rid", group, "msg", "let me in"))),
        "rocketchat/plain-not-allowed.json", before);
    refused(post(carlC, "chat.sendMessage", Map.of("message", Map.of("rid", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "msg", "x"))), "rocketchat/invalid-room.json", before);
    refused(post(annC, "chat.postMessage", Map.of("roomId", room, "text", "   ")), "rocketchat/empty-message.json",
        before);
    refused(post(annC, "chat.postMessage", Map.of("roomId", room, "text", "x".repeat(5001))),
        "rocketchat/message-too-long.json", before);
    refused(post(annC, "chat.postMessage", Map.of("roomId", room, "text", "hi", "alias", "The Boss")),
        "rocketchat/impersonate-not-allowed.json", before);
    refused(post(annC, "chat.postMessage", Map.of("text", "nowhere")), "rocketchat/post-target-missing.json",
        before);
    refused(post(annC, "chat.sendMessage", Map.of("rid", room, "msg", "flat")),
        "rocketchat/send-message-missing.json", before);
    refused(post(annC, "chat.postMessage", Map.of("roomId", room, "text", "bell\u0007")),
        "rocketchat/control-characters.json", before);
    assertThat((String) post(annC, "chat.sendMessage", Map.of("message", Map.of("msg", "no room"))).path("error"))
        .isEqualTo("must have required property 'rid' [invalid-params]");
    assertThat((String) post(annC, "chat.postMessage", Map.of("roomId", room, "text", 5)).path("error"))
        .isEqualTo("must be string [invalid-params]");
    assertThat(digest()).isEqualTo(before);

    // a read-only room takes messages from its owners only
    String readOnly = post(annC, "channels.create", Map.of("name", "ro-chat", "readOnly", true,
        "members", List.of("bob.chat"))).path("channel._id");
    before = digest();
    refused(post(bobC, "chat.postMessage", Map.of("roomId", readOnly, "text", "may I?")),
        "rocketchat/read-only.json", before);
    // a newcomer is refused before he would join
    refused(post(carlC, "chat.postMessage", Map.of("channel", "#ro-chat", "text", "may I?")),
        "rocketchat/read-only.json", before);
    assertThat(post(annC, "chat.postMessage", Map.of("roomId", readOnly, "text", "I may")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void posting_to_a_public_channel_joins_it_as_rocket_chat_does() {
    String room = channel(annC, "join-chat", List.of());
    assertThat(rc.as(carlC).get("/api/v1/subscriptions.getOne?roomId=" + room).asString())
        .contains("\"subscription\":null");
    Response posted = post(carlC, "chat.postMessage", Map.of("channel", "#join-chat", "text", "hello all"));
    assertThat(posted.statusCode()).as(posted.asString()).isEqualTo(200);
    assertThat((String) posted.path("channel")).isEqualTo("#join-chat");
    assertThat(unread(carlC, room)).isZero();
    assertThat(unread(annC, room)).isEqualTo(1);
  }
}
