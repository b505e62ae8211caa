package dev.atrium.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atrium.testkit.SocketIoNodeClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Heartbeats with short intervals: idle sockets live, silent ones are found out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatTest {
  private static final Duration PING_INTERVAL = Duration.ofMillis(300);
  /** Long next to the interval, so that a client slowed down by a busy build machine still answers in time. */
  private static final Duration PING_TIMEOUT = Duration.ofMillis(1000);
  /** The heartbeat checks every 37 ms here; this covers that, scheduling and a busy build machine. */
  private static final Duration SLACK = Duration.ofMillis(700);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private EchoApp app;

  @BeforeAll
  void start() {
    app = new EchoApp(b -> b.pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT).connectTimeout(Duration.ofMillis(500)));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void an_idle_socket_stays_connected_for_many_ping_intervals(int version) throws InterruptedException {
    try (SocketIoNodeClient client = new SocketIoNodeClient()) {
      String id = client.connect("idle", version, app.url(), Map.of());
      // Longer than pingInterval + pingTimeout: only heartbeats keep the socket open that long.
      Thread.sleep(PING_INTERVAL.plus(PING_TIMEOUT).multipliedBy(2).toMillis());
      assertThat(client.disconnected("idle")).isFalse();
      assertThat(app.sio.socket(id)).get().extracting(Socket::connected).isEqualTo(true);
      assertThat(client.emitWithAck("idle", "echo", "awake")).isEqualTo(EchoApp.json("[\"awake\"]"));
      client.close("idle");
    }
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_frozen_client_is_found_dead_within_ping_interval_plus_ping_timeout(int version) {
    try (SocketIoNodeClient client = new SocketIoNodeClient()) {
      String id = client.connect("frozen", version, app.url(), Map.of());
      client.freeze(); // the TCP connection stays open; only the heartbeat can tell
      long frozenAt = System.nanoTime();
      await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> app.disconnects.containsKey(id));
      Duration took = Duration.ofNanos(System.nanoTime() - frozenAt);
      assertThat(app.disconnects.get(id)).isEqualTo(DisconnectReason.PING_TIMEOUT);
      assertThat(took).isLessThanOrEqualTo(PING_INTERVAL.plus(PING_TIMEOUT).plus(SLACK));
      assertThat(app.sio.socket(id)).isEmpty();
    }
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_killed_client_is_cleaned_up_within_ping_interval_plus_ping_timeout(int version) {
    SocketIoNodeClient client = new SocketIoNodeClient();
    String id = client.connect("killed", version, app.url(), Map.of());
    client.kill();
    long killedAt = System.nanoTime();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> app.disconnects.containsKey(id));
    Duration took = Duration.ofNanos(System.nanoTime() - killedAt);
    assertThat(app.disconnects.get(id)).isIn(DisconnectReason.TRANSPORT_CLOSE, DisconnectReason.TRANSPORT_ERROR,
        DisconnectReason.PING_TIMEOUT);
    assertThat(took).isLessThanOrEqualTo(PING_INTERVAL.plus(PING_TIMEOUT).plus(SLACK));
    assertThat(app.sio.socket(id)).isEmpty();
    client.close();
  }

  @Test
  void a_v3_client_that_stops_pinging_is_closed() {
    long start = System.nanoTime();
    try (RawSocket ws = RawSocket.open(app, 3)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      assertThat(ws.next()).isEqualTo("40");
      ws.awaitClose(WAIT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(PING_INTERVAL.plus(PING_TIMEOUT));
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.PING_TIMEOUT);
    }
  }

  @Test
  void a_v3_client_s_pings_keep_it_alive() throws InterruptedException {
    try (RawSocket ws = RawSocket.open(app, 3)) {
      ws.next();
      ws.next();
      for (int i = 0; i < 6; i++) {
        Thread.sleep(PING_INTERVAL.toMillis());
        ws.send("2");
        assertThat(ws.next()).isEqualTo("3");
      }
      assertThat(ws.isClosed()).isFalse();
    }
  }

  @Test
  void the_server_pings_a_v4_client_and_closes_it_when_no_pong_comes() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      ws.send("40");
      assertThat(ws.next()).startsWith("40{");
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        assertThat(ws.next()).isEqualTo("2");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThanOrEqualTo(PING_INTERVAL.plus(SLACK));
        ws.send("3");
      }
      assertThat(ws.next()).isEqualTo("2");
      ws.awaitClose(WAIT);
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.PING_TIMEOUT);
    }
  }

  @Test
  void a_v4_client_that_never_sends_its_connect_packet_is_closed() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      RawSocket.Closed closed = ws.awaitClose(WAIT);
      assertThat(closed.code()).isEqualTo(1008);
      assertThat(app.sio.socket(sid)).isEmpty();
      assertThat(app.disconnects).doesNotContainKey(sid);
    }
  }

  @Test
  void stopping_the_server_disconnects_every_socket() {
    EchoApp other = new EchoApp();
    try (SocketIoNodeClient client = new SocketIoNodeClient()) {
      String a = client.connect("a", 2, other.url(), Map.of());
      String b = client.connect("b", 4, other.url(), Map.of());
      other.close();
      await().atMost(WAIT).until(() -> other.disconnects.size() == 2);
      assertThat(other.disconnects).containsEntry(a, DisconnectReason.SERVER_SHUTTING_DOWN)
          .containsEntry(b, DisconnectReason.SERVER_SHUTTING_DOWN);
      assertThat(other.sio.openCount()).isZero();
      assertThat(other.sio.connectedCount()).isZero();
      client.awaitDisconnect("a", WAIT);
      client.awaitDisconnect("b", WAIT);
    }
  }
}
