package dev.atrium.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.testkit.SocketIoNodeClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The gateway driven by real socket.io-client 2.5.0 (Engine.IO v3) and 4.x (Engine.IO v4) sockets, one Node.js
 * process holding them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealClientTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final AtomicInteger names = new AtomicInteger();
  private EchoApp app;
  private SocketIoNodeClient client;

  @BeforeAll
  void start() {
    app = new EchoApp();
    client = new SocketIoNodeClient();
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private String name(int version) {
    return "v" + version + "-" + names.incrementAndGet();
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_client_connects_and_the_server_sees_its_handshake_query(int version) {
    String sock = name(version);
    String id = client.connect(sock, version, app.url(), Map.of("sessionId", "s3cr3t", "user", "alice"));

    JsonNode hs = client.emitWithAck(sock, "handshake").get(0);
    assertThat(hs.path("id").asText()).isEqualTo(id).hasSize(20);
    assertThat(hs.path("protocol").asInt()).isEqualTo(version == 2 ? 3 : 4);
    assertThat(hs.path("user").asText()).isEqualTo("alice");
    assertThat(hs.path("sessionId").asText()).isEqualTo("s3cr3t");
    assertThat(hs.path("remoteAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(app.sio.socket(id)).get().extracting(Socket::connected).isEqualTo(true);
    client.close(sock);
  }

  @Test
  void a_v4_client_s_auth_payload_reaches_the_handshake() {
    String sock = name(4);
    client.tryConnect(sock, 4, app.url(), Map.of(), Map.of("auth", Map.of("token", "abc")));
    assertThat(client.emitWithAck(sock, "handshake").get(0).path("auth"))
        .isEqualTo(EchoApp.json("{\"token\":\"abc\"}"));
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void an_event_with_an_ack_gets_its_arguments_back_unchanged(int version) {
    String sock = name(version);
    client.connect(sock, version, app.url(), Map.of());
    Map<String, Object> object = Map.of("text", "héllo \"quoted\" \u2028 ✓", "n", 1.5, "nested", Map.of("list", List.of(1, 2)));
    JsonNode ack = client.emitWithAck(sock, "echo", 42, "two", object, List.of(true, false), 9007199254740991L);
    assertThat(ack).isEqualTo(EchoApp.json("[42,\"two\"," + toJson(object) + ",[true,false],9007199254740991]"));
    assertThat(client.emitWithAck(sock, "echo")).isEqualTo(EchoApp.json("[]"));
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void the_server_emits_to_a_client(int version) {
    String sock = name(version);
    client.connect(sock, version, app.url(), Map.of());
    client.emit(sock, "push", Map.of("k", "v"));
    assertThat(client.awaitEvent(sock, "pushed", WAIT)).isEqualTo(EchoApp.json("[{\"k\":\"v\"},\"second\"]"));
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void events_emitted_by_the_connect_listener_arrive_after_the_connect(int version) {
    String sock = name(version);
    client.connect(sock, version, app.url(), Map.of("welcome", "1", "user", "bob"));
    assertThat(client.awaitEvent(sock, "welcome", WAIT)).isEqualTo(EchoApp.json("[\"bob\"]"));
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void the_server_disconnects_a_client(int version) {
    String sock = name(version);
    String id = client.connect(sock, version, app.url(), Map.of());
    client.emit(sock, "kick");
    assertThat(client.awaitDisconnect(sock, WAIT)).isEqualTo("io server disconnect");
    await().atMost(WAIT).until(() -> app.disconnects.containsKey(id));
    assertThat(app.disconnects.get(id)).isEqualTo(DisconnectReason.SERVER_DISCONNECT);
    assertThat(app.sio.socket(id)).isEmpty();
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_client_that_disconnects_is_cleaned_up(int version) {
    String sock = name(version);
    String id = client.connect(sock, version, app.url(), Map.of());
    assertThat(app.sio.socket(id)).isPresent();
    assertThat(client.close(sock)).isEqualTo("io client disconnect");
    await().atMost(WAIT).until(() -> app.disconnects.containsKey(id));
    assertThat(app.disconnects.get(id)).isEqualTo(DisconnectReason.CLIENT_DISCONNECT);
    assertThat(app.sio.socket(id)).isEmpty();
    assertThat(app.sio.sockets()).extracting(Socket::id).doesNotContain(id);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void an_ack_is_sent_only_once(int version) {
    String sock = name(version);
    client.connect(sock, version, app.url(), Map.of());
    assertThat(client.emitWithAck(sock, "twice")).isEqualTo(EchoApp.json("[\"first\"]"));
    assertThat(client.awaitEvent(sock, "twice-result", WAIT)).isEqualTo(EchoApp.json("[true,false,true]"));
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void handlers_of_one_socket_run_in_the_order_its_events_came_on_virtual_threads(int version) {
    String sock = name(version);
    String id = client.connect(sock, version, app.url(), Map.of());
    for (int i = 0; i < 60; i++) {
      client.emit(sock, "seq", i);
    }
    JsonNode order = client.emitWithAck(sock, "seq-done").get(0);
    assertThat(order).hasSize(60);
    assertThat(IntStream.range(0, 60).map(i -> order.get(i).asInt()).toArray())
        .containsExactly(IntStream.range(0, 60).toArray());
    assertThat(app.virtualThreads).containsOnly(true);
    assertThat(app.sequences.get(id)).hasSize(60);
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void an_unknown_event_and_a_failing_handler_are_answered_and_the_socket_stays(int version) {
    String sock = name(version);
    client.connect(sock, version, app.url(), Map.of());
    assertThat(client.emitWithAck(sock, "nope", 1)).isEqualTo(EchoApp.json("[{\"error\":\"unknown event nope\"}]"));
    assertThat(client.emitWithAck(sock, "boom")).isEqualTo(EchoApp.json("[{\"error\":\"boom\"}]"));
    assertThat(client.emitWithAck(sock, "echo", "still here")).isEqualTo(EchoApp.json("[\"still here\"]"));
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_namespace_other_than_the_default_is_refused(int version) {
    String sock = name(version);
    JsonNode outcome = client.tryConnect(sock, version, app.url(), Map.of(), Map.of("nsp", "/admin"));
    if (version == 4) {
      assertThat(outcome.path("type").asText()).isEqualTo("connect_error");
      assertThat(outcome.path("message").asText()).isEqualTo("Invalid namespace");
    } else {
      assertThat(outcome.path("type").asText()).isEqualTo("error");
      assertThat(outcome.path("data").asText()).isEqualTo("Invalid namespace");
    }
    client.close(sock);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_socket_the_connect_listener_refuses_gets_its_message_and_is_closed(int version) {
    String sock = name(version);
    int open = app.sio.openCount();
    JsonNode outcome = client.tryConnect(sock, version, app.url(), Map.of("reject", "expired"), Map.of());
    if (version == 4) {
      assertThat(outcome.path("type").asText()).isEqualTo("connect_error");
      assertThat(outcome.path("message").asText()).isEqualTo("Not authorized");
      assertThat(outcome.path("data")).isEqualTo(EchoApp.json("{\"reason\":\"expired\"}"));
    } else {
      assertThat(outcome.path("type").asText()).isEqualTo("error");
      assertThat(outcome.path("data")).isEqualTo(EchoApp.json("{\"reason\":\"expired\"}"));
    }
    String plain = name(version);
    JsonNode second = client.tryConnect(plain, version, app.url(), Map.of("reject", ""), Map.of());
    assertThat(version == 4 ? second.path("message").asText() : second.path("data").asText()).isEqualTo("Not authorized");
    await().atMost(WAIT).until(() -> app.sio.openCount() <= open);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_client_limited_to_polling_is_refused(int version) {
    String sock = name(version);
    JsonNode outcome = client.tryConnect(sock, version, app.url(), Map.of(),
        Map.of("opts", Map.of("transports", List.of("polling"), "timeout", 3000)));
    assertThat(outcome.path("type").asText()).isIn("connect_error", "error");
    assertThat(app.sio.sockets()).allMatch(Socket::connected);
  }

  @Test
  void a_thousand_sockets_from_one_process_all_get_a_broadcast() {
    int before = app.sio.connectedCount();
    client.connectMany("many2-", 500, 2, app.url(), Map.of("user", "crowd"), Duration.ofSeconds(120));
    client.connectMany("many4-", 500, 4, app.url(), Map.of("user", "crowd"), Duration.ofSeconds(120));
    await().atMost(WAIT).until(() -> app.sio.connectedCount() == before + 1000);

    Frame news = app.sio.encodeEvent("news", Map.of("headline", "one frame for all"), 7);
    int sent = 0;
    for (Socket socket : app.sio.sockets()) {
      if ("crowd".equals(socket.attachment().orElse(null)) && socket.emitRaw(news)) {
        sent++;
      }
    }
    assertThat(sent).isEqualTo(1000);
    client.awaitEventOnAll("many", 1000, "news", Duration.ofSeconds(60));
    assertThat(client.awaitEvent("many2-0", "news", WAIT)).isEqualTo(EchoApp.json("[{\"headline\":\"one frame for all\"},7]"));
    assertThat(client.awaitEvent("many4-499", "news", WAIT)).isEqualTo(EchoApp.json("[{\"headline\":\"one frame for all\"},7]"));

    for (int i = 0; i < 500; i++) {
      client.close("many2-" + i);
      client.close("many4-" + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> app.sio.connectedCount() == before);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void many_threads_emitting_to_one_socket_lose_nothing(int version) throws InterruptedException {
    String sock = name(version);
    String id = client.connect(sock, version, app.url(), Map.of());
    Socket socket = app.sio.socket(id).orElseThrow();
    List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 100; i++) {
        socket.emit("burst", t, i);
      }
    })).toList();
    for (Thread t : threads) {
      t.join();
    }
    List<JsonNode> got = client.awaitEvents(sock, "burst", 800, WAIT);
    for (int t = 0; t < 8; t++) {
      int thread = t;
      assertThat(got.stream().filter(a -> a.get(0).asInt() == thread).map(a -> a.get(1).asInt()).toList())
          .containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    }
    client.close(sock);
  }

  private static String toJson(Object value) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
