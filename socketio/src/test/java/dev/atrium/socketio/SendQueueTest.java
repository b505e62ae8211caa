package dev.atrium.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atrium.testkit.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The send-queue bound ({@code maxPendingFrames(8)}): a client that stops reading while the server pushes to it is
 * closed with {@link DisconnectReason#SEND_QUEUE_FULL} once its queue passes the bound, instead of the server
 * holding every frame it would send (here 2,000 frames of 64 KiB, 128 MiB) in memory.
 */
class SendQueueTest {
  static EchoApp app;

  @BeforeAll
  static void start() {
    app = new EchoApp(b -> b.maxPendingFrames(8).on("flood", e -> {
      String big = "x".repeat(64 * 1024);
      for (int i = 0; i < 2000 && e.socket().emit("big", big); i++) {
        // emit returns false once the socket is closed
      }
    }));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A client websocket frame: final, text, masked with a zero key (so the payload is sent as it is). */
  static byte[] frame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    assertThat(payload.length).isLessThan(126);
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(payload, 0, frame, 6, payload.length);
    return frame;
  }

  @Test
  void a_client_that_does_not_read_is_closed_when_its_queue_passes_the_bound() throws IOException {
    try (java.net.Socket raw = new java.net.Socket()) {
      raw.setReceiveBufferSize(4096);
      raw.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(app.url().replaceAll(".*:", ""))));
      OutputStream out = raw.getOutputStream();
      out.write(("GET /socket/?EIO=3&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = raw.getInputStream();
      assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 101");
      // an Engine.IO v3 socket is connected on open: ask for the flood, then read nothing more
      out.write(frame("42[\"flood\"]"));
      out.flush();

      await().atMost(Duration.ofSeconds(30)).until(() -> app.disconnects.containsValue(
          DisconnectReason.SEND_QUEUE_FULL));
      await().atMost(Duration.ofSeconds(10)).until(() -> app.sio.openCount() == 0);
    }
  }
}
