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

/**
 * Heartbeats on a ticker the test moves: the server pings, and closes a silent socket, exactly when the ticker
 * says so, never a nanosecond early, and whatever the speed of the machine. Real time only carries the frames;
 * every wait below is for an event, bounded only so that a broken server fails instead of hanging.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeartbeatTest {
  private static final Duration PING_INTERVAL = Duration.ofSeconds(25);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(45);
  private static final Duration NANO = Duration.ofNanos(1);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FakeTicker ticker = new FakeTicker();
  private EchoApp app;

  @BeforeAll
  void start() {
    app = new EchoApp(b -> b.ticker(ticker).pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT)
        .connectTimeout(CONNECT_TIMEOUT));
  }

  @AfterAll
  void stop() {
    app.close();
  }

  /** Moves the ticker, then has the server check every socket against it; returns once that check is done. */
  private void advance(Duration by) {
    ticker.advance(by);
    app.sio.checkHeartbeats();
  }

  private boolean connected(String id) {
    return app.sio.socket(id).map(Socket::connected).orElse(false);
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void an_idle_socket_lives_on_its_heartbeats_long_past_ping_interval_plus_ping_timeout(int version) {
    // socket.io-client 2.x pings every pingInterval of real time: a short one makes it ping during the test.
    FakeTicker own = new FakeTicker();
    try (EchoApp chatty = new EchoApp(b -> b.ticker(own).pingInterval(Duration.ofMillis(50))
            .pingTimeout(PING_TIMEOUT));
        SocketIoNodeClient client = new SocketIoNodeClient()) {
      String id = client.connect("idle", version, chatty.url(), Map.of());
      Socket socket = chatty.sio.socket(id).orElseThrow();
      // Each step is as long as one heartbeat may take; three of them outlast pingInterval + pingTimeout.
      for (int i = 0; i < 3; i++) {
        long now = own.advance(PING_TIMEOUT);
        chatty.sio.checkHeartbeats(); // with v4 the server pings now
        // the client's next ping (v3) or its pong (v4) arrives at the time the ticker shows now
        await().atMost(WAIT).until(() -> socket.lastReceived() >= now);
        assertThat(socket.connected()).as("step %d", i).isTrue();
      }
      assertThat(client.disconnected("idle")).isFalse();
      assertThat(client.emitWithAck("idle", "echo", "awake")).isEqualTo(EchoApp.json("[\"awake\"]"));
      client.close("idle");
    }
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_frozen_client_is_closed_the_moment_its_heartbeat_is_overdue(int version) {
    try (SocketIoNodeClient client = new SocketIoNodeClient()) {
      String id = client.connect("frozen", version, app.url(), Map.of());
      client.freeze(); // the TCP connection stays open; only the heartbeat can tell

      advance(PING_INTERVAL); // v4: the server pings, and no pong will come; v3: the client's ping is due
      advance(PING_TIMEOUT); // the last moment at which the heartbeat could still arrive in time
      assertThat(connected(id)).isTrue();
      advance(NANO);
      assertThat(app.sio.socket(id)).isEmpty();
      await().atMost(WAIT).until(() -> app.disconnects.containsKey(id));
      assertThat(app.disconnects.get(id)).isEqualTo(DisconnectReason.PING_TIMEOUT);
    }
  }

  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  void a_killed_client_is_cleaned_up_as_its_connection_drops_without_waiting_for_the_heartbeat(int version) {
    SocketIoNodeClient client = new SocketIoNodeClient();
    try {
      String id = client.connect("killed", version, app.url(), Map.of());
      client.kill();
      // The ticker stands still, so no heartbeat is overdue: only the dropped connection can close the socket.
      await().atMost(WAIT).until(() -> app.disconnects.containsKey(id));
      assertThat(app.disconnects.get(id)).isIn(DisconnectReason.TRANSPORT_CLOSE, DisconnectReason.TRANSPORT_ERROR);
      assertThat(app.sio.socket(id)).isEmpty();
    } finally {
      client.close();
    }
  }

  @Test
  void a_v3_client_silent_for_longer_than_ping_interval_plus_ping_timeout_is_closed() {
    try (RawSocket ws = RawSocket.open(app, 3)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      assertThat(ws.next()).isEqualTo("40");

      advance(PING_INTERVAL.plus(PING_TIMEOUT));
      assertThat(connected(sid)).isTrue();
      advance(NANO);
      assertThat(app.sio.socket(sid)).isEmpty();
      ws.awaitClose(WAIT);
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.PING_TIMEOUT);
    }
  }

  @Test
  void a_v3_client_s_pings_keep_it_alive() {
    try (RawSocket ws = RawSocket.open(app, 3)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      assertThat(ws.next()).isEqualTo("40");
      // Each ping buys the client pingInterval + pingTimeout of silence; three of them outlast one.
      for (int i = 0; i < 3; i++) {
        ws.send("2");
        assertThat(ws.next()).isEqualTo("3");
        advance(PING_INTERVAL.plus(PING_TIMEOUT));
        assertThat(connected(sid)).as("after ping %d", i).isTrue();
      }
    }
  }

  @Test
  void the_server_pings_a_v4_client_every_ping_interval_and_closes_it_when_no_pong_comes_within_ping_timeout() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      ws.send("40");
      assertThat(ws.next()).startsWith("40{");
      for (int i = 0; i < 3; i++) {
        advance(PING_INTERVAL.minus(NANO));
        assertNextFrameIsNotAPing(ws);
        advance(NANO);
        assertThat(ws.next()).isEqualTo("2");
        ws.send("3");
        assertNextFrameIsNotAPing(ws); // and the pong has been read, as every frame before the echo
      }
      advance(PING_INTERVAL);
      assertThat(ws.next()).isEqualTo("2");
      advance(PING_TIMEOUT);
      assertThat(connected(sid)).isTrue();
      advance(NANO);
      assertThat(app.sio.socket(sid)).isEmpty();
      ws.awaitClose(WAIT);
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.PING_TIMEOUT);
    }
  }

  /** A socket's frames arrive in order: if the ack of an echo sent now comes next, no ping was sent before it. */
  private static void assertNextFrameIsNotAPing(RawSocket ws) {
    ws.send("421[\"echo\",\"barrier\"]");
    assertThat(ws.next()).isEqualTo("431[\"barrier\"]");
  }

  @Test
  void a_v4_client_that_never_sends_its_connect_packet_is_closed_after_the_connect_timeout() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      advance(CONNECT_TIMEOUT);
      assertThat(app.sio.socket(sid)).isPresent();
      advance(NANO);
      assertThat(app.sio.socket(sid)).isEmpty();
      RawSocket.Closed closed = ws.awaitClose(WAIT);
      assertThat(closed.code()).isEqualTo(1008);
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
