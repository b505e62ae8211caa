package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.RoomPod.refused;
import static dev.atrium.server.symphony.RoomPod.refusedByBdk;
import static org.assertj.core.api.Assertions.assertThat;

import com.symphony.bdk.core.SymphonyBdk;
import com.symphony.bdk.core.service.pagination.model.PaginationAttribute;
import com.symphony.bdk.gen.api.model.MessageSuppressionResponse;
import com.symphony.bdk.gen.api.model.V3RoomAttributes;
import com.symphony.bdk.gen.api.model.V4Message;
import dev.atrium.server.Golden;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages with Symphony's BDK 2.12.0 MessageService against the real server: sending MessageML to a stream
 * ({@code /agent/v4/stream/{sid}/message/create}), reading a stream ({@code /agent/v4/stream/{sid}/message})
 * and suppressing a message ({@code /pod/v1/admin/messagesuppression/{id}/suppress}), plus the refusals over
 * raw HTTP.
 */
class BdkMessageServiceTest {
  static RoomPod pod;
  static SymphonyBdk bot;
  static SymphonyBdk adminBot;
  static long botId;
  static RoomPod.Person jane;
  static RoomPod.Person joe;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    pod = RoomPod.start();
    bot = pod.bdk(Files.createDirectories(dir.resolve("bot")));
    adminBot = pod.bdk(Files.createDirectories(dir.resolve("admin")), "ADMINISTRATOR");
    botId = bot.botInfo().getId();
    jane = pod.person("jane");
    joe = pod.person("joe");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static String botRoom(String name) {
    return bot.streams().create(new V3RoomAttributes().name(name).description("messages"))
        .getRoomSystemInfo().getId();
  }

  /** A multipart post of MessageML to a stream as a person. */
  static RequestSpecification post(RoomPod.Person person, String message) {
    return pod.pod.as(person.token()).multiPart("message", message);
  }

  @Test
  void send_storesTheMessage_andAnswersAV4Message() {
    String room = botRoom("Send room");

    V4Message sent = bot.messages().send(room, "<messageML>Hello <b>world</b></messageML>");

    assertThat(sent.getMessageId()).matches("[A-Za-z0-9_-]{24}");
    assertThat(sent.getMessage())
        .isEqualTo("<div data-format=\"PresentationML\" data-version=\"2.0\">Hello <b>world</b></div>");
    assertThat(sent.getUser().getUserId()).isEqualTo(botId);
    assertThat(sent.getStream().getStreamId()).isEqualTo(room);
    assertThat(sent.getStream().getStreamType()).isEqualTo("ROOM");
    assertThat(sent.getTimestamp()).isPositive();
  }

  @Test
  void listMessages_returnsTheStreamsMessagesOldestFirst_andPages() {
    String room = botRoom("List room");
    Instant before = Instant.now().minusSeconds(60);
    V4Message one = bot.messages().send(room, "<messageML>one</messageML>");
    V4Message two = bot.messages().send(room, "<messageML>two</messageML>");
    V4Message three = bot.messages().send(room, "<messageML>three</messageML>");

    assertThat(bot.messages().listMessages(room, before)).extracting(V4Message::getMessageId)
        .containsExactly(one.getMessageId(), two.getMessageId(), three.getMessageId());
    assertThat(bot.messages().listMessages(room, before, new PaginationAttribute(1, 1)))
        .extracting(V4Message::getMessageId).containsExactly(two.getMessageId());
    assertThat(bot.messages().listMessages(room, Instant.now().plusSeconds(60))).isEmpty();
  }

  @Test
  void suppressMessage_hidesItFromTheList_andKeepsTheFirstDate() {
    String room = botRoom("Suppress room");
    Instant before = Instant.now().minusSeconds(60);
    V4Message kept = bot.messages().send(room, "<messageML>kept</messageML>");
    V4Message gone = bot.messages().send(room, "<messageML>gone</messageML>");

    MessageSuppressionResponse first = adminBot.messages().suppressMessage(gone.getMessageId());
    MessageSuppressionResponse again = adminBot.messages().suppressMessage(gone.getMessageId());

    assertThat(first.getMessageId()).isEqualTo(gone.getMessageId());
    assertThat(first.getSuppressed()).isTrue();
    assertThat(again.getSuppressionDate()).isEqualTo(first.getSuppressionDate());
    assertThat(bot.messages().listMessages(room, before)).extracting(V4Message::getMessageId)
        .containsExactly(kept.getMessageId());
  }

  @Test
  void suppressMessage_byANonAdministrator_isRefused() {
    String room = botRoom("No suppress room");
    V4Message sent = bot.messages().send(room, "<messageML>stays</messageML>");

    refusedByBdk(() -> bot.messages().suppressMessage(sent.getMessageId()), 403,
        "The user lacks the required entitlement to perform this operation");
  }

  @Test
  void send_overRawHttp_matchesTheGoldenV4Message() {
    String room = pod.room(jane, "Golden room");

    String got = RoomPod.body(post(jane, "<messageML>Hi <i>there</i></messageML>").multiPart("data", "{\"k\":1}")
        .post("/agent/v4/stream/" + room + "/message/create").then(), 200);

    Golden.assertMatches(got, "symphony/messages/v4-message.json");
    assertThat(RoomPod.json(got).getString("stream.streamId")).isEqualTo(room);
  }

  @Test
  void send_byANonMember_isForbidden() {
    String room = pod.room(jane, "Members only");

    refused(post(joe, "<messageML>let me in</messageML>").post("/agent/v4/stream/" + room + "/message/create")
        .then(), 403, "The user is not a member of room " + room);
  }

  @Test
  void send_ofInvalidMessageMl_isRefused() {
    String room = pod.room(jane, "Invalid room");

    refused(post(jane, "<messageML>broken").post("/agent/v4/stream/" + room + "/message/create").then(), 400,
        "message is not valid MessageML: it is not well-formed XML");
    refused(post(jane, "<div>not it</div>").post("/agent/v4/stream/" + room + "/message/create").then(), 400,
        "message is not valid MessageML: the root element must be messageML");
    refused(pod.pod.as(jane.token()).multiPart("data", "{}").post("/agent/v4/stream/" + room + "/message/create")
        .then(), 400, "message is required");
  }

  @Test
  void send_toADeactivatedRoom_isRefused() {
    String room = pod.room(jane, "Closed room");
    pod.as(jane).queryParam("active", false).post("/pod/v1/room/" + room + "/setActive").then().statusCode(200);

    refused(post(jane, "<messageML>anyone?</messageML>").post("/agent/v4/stream/" + room + "/message/create")
        .then(), 400, "Stream " + room + " is deactivated and takes no messages");
  }

  @Test
  void send_withoutASession_isUnauthorized() {
    String room = pod.room(jane, "Anonymous room");

    refused(pod.pod.anonymous().multiPart("message", "<messageML>x</messageML>")
        .post("/agent/v4/stream/" + room + "/message/create").then(), 401, "Invalid session");
  }

  @Test
  void list_byANonMember_isForbidden_andNeedsSince() {
    String room = pod.room(jane, "Private reading");

    refused(pod.as(joe).queryParam("since", 0).get("/agent/v4/stream/" + room + "/message").then(), 403,
        "The user is not a member of room " + room);
    refused(pod.as(jane).get("/agent/v4/stream/" + room + "/message").then(), 400, "since is required");
    refused(pod.as(jane).queryParam("since", 0).queryParam("limit", 501)
        .get("/agent/v4/stream/" + room + "/message").then(), 400,
        "limit must be an integer from 1 to 500, got '501'");
  }

  @Test
  void suppress_ofAnUnknownOrMalformedId_is400() {
    refused(pod.as(pod.admin).post("/pod/v1/admin/messagesuppression/AAAAAAAAAAAAAAAAAAAAAAAA/suppress").then(),
        400, "Message AAAAAAAAAAAAAAAAAAAAAAAA not found");
    refused(pod.as(pod.admin).post("/pod/v1/admin/messagesuppression/not-an-id/suppress").then(), 400,
        "'not-an-id' is not a message id (18 bytes in URL-safe base64)");
  }

  @Test
  void suppress_overRawHttp_matchesTheGolden() {
    String room = pod.room(jane, "Golden suppress");
    String id = RoomPod.json(RoomPod.body(post(jane, "<messageML>bye</messageML>")
        .post("/agent/v4/stream/" + room + "/message/create").then(), 200)).getString("messageId");

    String got = RoomPod.body(pod.as(pod.admin).post("/pod/v1/admin/messagesuppression/" + id + "/suppress")
        .then(), 200);

    Golden.assertMatches(got, "symphony/messages/suppression-response.json");
    assertThat(RoomPod.json(got).getString("messageId")).isEqualTo(id);
    assertThat(RoomPod.body(pod.as(jane).queryParam("since", 0).get("/agent/v4/stream/" + room + "/message")
        .then(), 200)).isEqualTo("[]");
  }
}
