package dev.atrium.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SocketIoNodeClientTest {
  @Test
  void the_driver_is_found_from_the_module_s_working_directory() {
    assertThat(SocketIoNodeClient.nodeDirectory().resolve("driver.js")).satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());
  }

  @Test
  void without_node_the_client_fails_and_says_what_to_install() {
    assertThatThrownBy(() -> SocketIoNodeClient.requireNode("node-that-is-not-installed"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Node.js is not on the PATH")
        .hasMessageContaining("Install Node.js 18 or newer");
  }

  @Test
  void a_refused_connection_is_a_connect_error_and_a_bad_command_fails_at_once() {
    try (SocketIoNodeClient client = new SocketIoNodeClient()) {
      var outcome = client.tryConnect("a", 4, "http://127.0.0.1:9", Map.of(), Map.of());
      assertThat(outcome.path("type").asText()).isEqualTo("connect_error");
      assertThatThrownBy(() -> client.emitWithAck("missing", "x", Duration.ofSeconds(30)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("could not carry out a command")
          .hasMessageContaining("no socket missing");
    }
  }

  @Test
  void forget_drops_the_reports_so_far_and_the_helpers_see_what_comes_next() {
    try (SocketIoNodeClient client = new SocketIoNodeClient()) {
      client.tryConnect("a", 4, "http://127.0.0.1:9", Map.of(), Map.of());
      assertThat(client.reports("a")).isNotEmpty();
      client.forget();
      assertThat(client.reports("a")).isEmpty();
      var outcome = client.tryConnect("b", 4, "http://127.0.0.1:9", Map.of(), Map.of());
      assertThat(outcome.path("type").asText()).isEqualTo("connect_error");
      assertThat(client.reports("b")).first().isEqualTo(outcome);
    }
  }
}
