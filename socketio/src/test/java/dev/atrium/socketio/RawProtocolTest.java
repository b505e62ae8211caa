package dev.atrium.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.testkit.RawHttp;
import dev.atrium.testkit.SocketIoNodeClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire, frame by frame, with a bare websocket; and what a bad frame or request gets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RawProtocolTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final java.util.concurrent.atomic.AtomicInteger names = new java.util.concurrent.atomic.AtomicInteger();
  private EchoApp app;
  private SocketIoNodeClient bystanders;

  @BeforeAll
  void start() {
    app = new EchoApp(b -> b.maxPayload(4096).maxPendingEvents(5));
    bystanders = new SocketIoNodeClient();
  }

  @AfterAll
  void stop() {
    bystanders.close();
    app.close();
  }

  @Test
  void an_engine_io_v3_session_opens_with_the_v3_open_packet_and_is_connected_at_once() {
    try (RawSocket ws = RawSocket.open(app, 3)) {
      String open = ws.next();
      assertThat(open).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\\],\"pingInterval\":25000,\"pingTimeout\":20000}");
      assertThat(ws.next()).isEqualTo("40");
      ws.send("2");
      assertThat(ws.next()).isEqualTo("3");
      ws.send("2probe");
      assertThat(ws.next()).isEqualTo("3probe");
      ws.send("421[\"echo\",\"x\",{\"a\":[1,2]}]");
      assertThat(ws.next()).isEqualTo("431[\"x\",{\"a\":[1,2]}]");
    }
  }

  @Test
  void an_engine_io_v4_session_opens_with_max_payload_and_connects_on_the_client_s_connect_packet() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String open = ws.next();
      assertThat(open).matches(
          "0\\{\"sid\":\"[A-Za-z0-9_-]{20}\",\"upgrades\":\\[\\],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":4096}");
      String sid = EchoApp.json(open.substring(1)).path("sid").asText();
      assertThat(ws.poll()).isNull();
      ws.send("40{\"token\":\"t\"}");
      assertThat(ws.next()).isEqualTo("40{\"sid\":\"" + sid + "\"}");
      ws.send("4212[\"echo\"]");
      assertThat(ws.next()).isEqualTo("4312[]");
      ws.send("41");
      assertThat(ws.awaitClose(WAIT).code()).isEqualTo(1000);
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.CLIENT_DISCONNECT);
    }
  }

  @Test
  void the_connect_listener_s_emits_follow_the_connect_packet() {
    try (RawSocket ws = new RawSocket(app.wsUrl(4) + "&welcome=1&user=carol")) {
      ws.next();
      ws.send("40");
      assertThat(ws.next()).startsWith("40{\"sid\":");
      assertThat(ws.next()).isEqualTo("42[\"welcome\",\"carol\"]");
    }
    try (RawSocket ws = new RawSocket(app.wsUrl(3) + "&welcome=1&user=dave")) {
      ws.next();
      assertThat(ws.next()).isEqualTo("40");
      assertThat(ws.next()).isEqualTo("42[\"welcome\",\"dave\"]");
    }
  }

  @Test
  void another_namespace_gets_a_connect_error_in_each_protocol_s_words_and_the_session_stays() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      ws.next();
      ws.send("40/admin,");
      assertThat(ws.next()).isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
      ws.send("40");
      assertThat(ws.next()).startsWith("40{\"sid\":");
    }
    try (RawSocket ws = RawSocket.open(app, 3)) {
      ws.next();
      assertThat(ws.next()).isEqualTo("40");
      ws.send("40/admin?x=1,");
      assertThat(ws.next()).isEqualTo("44/admin,\"Invalid namespace\"");
      ws.send("42[\"echo\"]");
      ws.send("423[\"echo\",1]");
      assertThat(ws.next()).isEqualTo("433[1]");
    }
  }

  @ParameterizedTest(name = "EIO{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "4|42[\"echo\"|1002",
      "4|9|1002",
      "4|2|1002",
      "4|4|1002",
      "4|47|1002",
      "4|42{\"not\":\"an array\"}|1002",
      "4|42[]|1002",
      "4|42[\"echo\"] trailing|1002",
      "4|42/chat,[\"echo\"]|1002",
      "4|43[\"x\"]|1002",
      "4|44{\"message\":\"x\"}|1002",
      "4|451-[\"echo\",{\"_placeholder\":true,\"num\":0}]|1003",
      "4|461-1[{\"_placeholder\":true,\"num\":0}]|1003",
      "3|3|1002",
      "3|0|1002",
      "3|5|1002",
      "3|42[null]|1002",
      "3|451-[\"echo\",{\"_placeholder\":true,\"num\":0}]|1003",
  })
  void a_malformed_frame_closes_that_socket_only(int eio, String frame, int closeCode) {
    String b = "b" + names.incrementAndGet();
    try (RawSocket ws = RawSocket.open(app, eio)) {
      bystanders.connect(b, eio == 3 ? 2 : 4, app.url(), Map.of());
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      if (eio == 4) {
        ws.send("40");
      }
      assertThat(ws.next()).startsWith("40");
      ws.send(frame);
      RawSocket.Closed closed = ws.awaitClose(WAIT);
      assertThat(closed.code()).isEqualTo(closeCode);
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.PARSE_ERROR);
      assertThat(app.sio.socket(sid)).isEmpty();
      assertThat(bystanders.emitWithAck(b, "echo", "fine")).isEqualTo(EchoApp.json("[\"fine\"]"));
      assertThat(bystanders.disconnected(b)).isFalse();
      bystanders.close(b);
    }
  }

  @Test
  void an_event_before_the_v4_connect_packet_closes_the_socket() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      ws.send("42[\"echo\"]");
      assertThat(ws.awaitClose(WAIT).code()).isEqualTo(1002);
      assertThat(app.disconnects).doesNotContainKey(sid); // never admitted, so never reported
      await().atMost(WAIT).until(() -> app.sio.socket(sid).isEmpty());
    }
  }

  /**
   * Regression: Javalin 7 reads the session attributes of every websocket upgrade request, which creates an HTTP
   * session that Jetty keeps after the socket is gone (forever, with its default settings): a leak per connection.
   */
  @Test
  void websocket_upgrades_leave_no_http_session_behind() {
    long before = app.httpSessionCount();
    java.util.List<RawSocket> open = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      RawSocket ws = RawSocket.open(app, i % 2 == 0 ? 3 : 4);
      ws.next();
      open.add(ws);
    }
    assertThat(app.httpSessionCount()).isEqualTo(before);
    open.forEach(RawSocket::close);
  }

  /**
   * Browsers and socket.io-client in Node offer permessage-deflate; a socket that takes it holds a zlib deflater for
   * its lifetime (the bench measured 60 to 100 KiB of native memory per socket), so it is off unless asked for.
   */
  @Test
  void permessage_deflate_is_declined_by_default_and_granted_when_enabled() throws IOException {
    assertThat(upgradeHead(app)).startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
    try (EchoApp deflating = new EchoApp(b -> b.perMessageDeflate(true))) {
      assertThat(upgradeHead(deflating)).startsWith("HTTP/1.1 101")
          .containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
    }
  }

  /** The head of the answer to a websocket upgrade that offers permessage-deflate, as socket.io-client's does. */
  private static String upgradeHead(EchoApp target) throws IOException {
    try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", target.app.port())) {
      tcp.setSoTimeout(10_000);
      OutputStream out = tcp.getOutputStream();
      out.write(("GET /socket/?EIO=3&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return RawHttp.readResponse(tcp.getInputStream());
    }
  }

  @Test
  void a_binary_websocket_frame_closes_the_socket_with_1003() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      ws.next();
      ws.send("40");
      ws.next();
      ws.sendBinary(new byte[] {4, 1, 2, 3});
      RawSocket.Closed closed = ws.awaitClose(WAIT);
      assertThat(closed.code()).isEqualTo(1003);
      assertThat(closed.reason()).isEqualTo("binary messages are not supported");
    }
  }

  @Test
  void a_frame_larger_than_max_payload_closes_the_socket() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      ws.send("40");
      ws.next();
      ws.send("42[\"echo\",\"" + "x".repeat(5000) + "\"]");
      assertThat(ws.awaitClose(WAIT).code()).isEqualTo(1009);
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.TRANSPORT_ERROR);
    }
  }

  @Test
  void a_client_that_floods_events_faster_than_its_handlers_run_is_closed() {
    try (RawSocket ws = RawSocket.open(app, 4)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      ws.send("40");
      ws.next();
      ws.send("421[\"block\"]");
      // With "block" running, the fifth event queued behind it finds maxPendingEvents (5) pending and closes the
      // socket. Nothing is sent after it: a client still writing when the server closes may see the connection
      // reset instead of the close frame (found flaky under load).
      for (int i = 0; i < 5; i++) {
        ws.send("42[\"seq\"," + i + "]");
      }
      assertThat(ws.awaitClose(WAIT).code()).isEqualTo(1008);
      app.unblock.countDown();
      await().atMost(WAIT).until(() -> app.disconnects.get(sid) == DisconnectReason.TOO_MANY_PENDING_EVENTS);
    }
  }

  @Test
  void an_ack_sent_after_the_socket_closed_is_dropped() {
    try (RawSocket ws = RawSocket.open(app, 3)) {
      String sid = EchoApp.json(ws.next().substring(1)).path("sid").asText();
      ws.next();
      Socket socket = app.sio.socket(sid).orElseThrow();
      ws.close();
      await().atMost(WAIT).until(() -> !socket.connected());
      assertThat(socket.emit("late")).isFalse();
      assertThat(new Ack(socket, 1).send("late")).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "GET /socket/?EIO=4&transport=polling|0|Transport unknown",
      "GET /socket/?EIO=3&transport=polling&t=N8hyd6w|0|Transport unknown",
      "POST /socket/?EIO=4&transport=polling&sid=abc|0|Transport unknown",
      "GET /socket/?EIO=4|0|Transport unknown",
      "GET /socket/?EIO=5&transport=websocket|5|Unsupported protocol version",
      "GET /socket/?transport=websocket|5|Unsupported protocol version",
      "GET /socket/?EIO=4&transport=websocket|3|Bad request",
      "GET /socket?EIO=4&transport=polling|0|Transport unknown",
  })
  void an_http_request_gets_engine_io_s_error(String request, int code, String message) throws Exception {
    String[] parts = request.split(" ");
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + parts[1]))
        .method(parts[0], HttpRequest.BodyPublishers.ofString(parts[0].equals("POST") ? "1:6" : "")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(EchoApp.json(response.body())).isEqualTo(EchoApp.json("{\"code\":" + code + ",\"message\":\"" + message + "\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "EIO=5&transport=websocket|5|Unsupported protocol version",
      "transport=websocket|5|Unsupported protocol version",
      "EIO=4&transport=polling|0|Transport unknown",
      "EIO=4&transport=websocket&sid=abc|1|Session ID unknown",
  })
  void a_websocket_upgrade_with_a_bad_query_is_refused_with_engine_io_s_error(String query, int code, String message)
      throws IOException {
    try (java.net.Socket tcp = new java.net.Socket("127.0.0.1", app.app.port())) {
      tcp.setSoTimeout(10_000);
      OutputStream out = tcp.getOutputStream();
      out.write(("GET /socket/?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = RawHttp.readResponse(tcp.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 400");
      JsonNode body = EchoApp.json(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertThat(body).isEqualTo(EchoApp.json("{\"code\":" + code + ",\"message\":\"" + message + "\"}"));
    }
  }
}
