package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.NodeScript;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Rocket.Chat REST client in Node.js ({@code testkit/node/rocketchat-client.js}, plain {@code fetch}) against a
 * server with Rocket.Chat's default rate limit on: the administrator signs in by email, creates a user and a channel
 * with that user in it and posts there; the user sees the channel in users.info with one unread message, reads it,
 * and sees none; the administrator sees the user's rooms too.
 */
class RocketChatNodeClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_node_client_creates_a_user_and_a_channel_posts_and_reads_unread_counts() throws IOException {
    try (TestServer server = TestServer.start(Map.of())) {
      NodeScript.Run run = NodeScript.run("rocketchat-client.js", Duration.ofSeconds(60), server.baseUrl(),
          TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD, "walker");
      Map<String, JsonNode> steps = new LinkedHashMap<>();
      for (String line : run.lines()) {
        JsonNode step = JSON.readTree(line);
        steps.put(step.path("step").asText(), step);
      }
      assertThat(run.exitCode()).as("%s\n%s", run.lines(), run.errors()).isZero();
      assertThat(steps.keySet()).containsExactly("admin login", "users.create", "user login", "channels.create",
          "chat.postMessage", "users.info unread", "subscriptions.read", "users.info read", "users.info by admin",
          "logout");
      for (JsonNode step : steps.values()) {
        assertThat(step.path("contentType").asText()).as(step.toString()).isEqualTo("application/json");
      }
      String channelId = steps.get("channels.create").path("body").path("channel").path("_id").asText();
      assertThat(rooms(steps.get("users.info unread"))).containsExactly(Map.of("name", "walker-general",
          "rid", channelId, "t", "c", "unread", 1));
      assertThat(rooms(steps.get("users.info read"))).containsExactly(Map.of("name", "walker-general",
          "rid", channelId, "t", "c", "unread", 0));
      assertThat(rooms(steps.get("users.info by admin"))).hasSize(1);
      assertThat(steps.get("users.info by admin").path("body").path("user").path("emails").get(0).path("address")
          .asText()).isEqualTo("walker@example.com");
    }
  }

  private static List<Map<String, Object>> rooms(JsonNode step) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode room : step.path("body").path("user").path("rooms")) {
      out.add(Map.of("name", room.path("name").asText(), "rid", room.path("rid").asText(), "t",
          room.path("t").asText(), "unread", room.path("unread").asInt()));
    }
    return out;
  }
}
