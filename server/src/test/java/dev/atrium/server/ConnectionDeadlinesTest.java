package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.testkit.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The header deadline ({@code ATRIUM_HEADER_TIMEOUT=2}) and the idle timeout ({@code ATRIUM_IDLE_TIMEOUT=4}) over
 * raw sockets. Jetty's idle timeout starts again with every byte, so before the deadline a client sending one header
 * byte a second held its connection as long as it liked.
 */
class ConnectionDeadlinesTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("ATRIUM_HEADER_TIMEOUT", "2", "ATRIUM_IDLE_TIMEOUT", "4"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Sends the bytes one at a time, waiting up to a second for the server after each; returns how many were sent
   * before the server closed the connection, or all of them if it never did.
   */
  static int trickle(Socket socket, byte[] bytes) throws IOException {
    socket.setSoTimeout(1000);
    OutputStream out = socket.getOutputStream();
    InputStream in = socket.getInputStream();
    for (int sent = 0; sent < bytes.length; sent++) {
      try {
        out.write(bytes[sent]);
        out.flush();
      } catch (IOException e) {
        return sent; // the server has closed it
      }
      try {
        if (in.read() < 0) {
          return sent + 1;
        }
      } catch (SocketTimeoutException e) {
        // still open: send the next byte
      } catch (IOException e) {
        return sent + 1;
      }
    }
    return bytes.length;
  }

  /**
   * Waits up to 15 s, half Jetty's default idle timeout, for the server to close the connection; true if it did,
   * false if it did not or sent something.
   */
  static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(15_000);
    try {
      return socket.getInputStream().read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  @Test
  void a_client_that_trickles_its_headers_is_cut_while_others_are_served() throws IOException {
    byte[] request = ("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a-slow-client-sending-a-byte-a-second\r\n"
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      int sent = trickle(slow, request);
      // cut after about 2 s (+ a sweep): far from the whole request of 81 bytes, one a second
      assertThat(sent).isLessThan(request.length / 2);
    }
    given().baseUri(server.baseUrl()).get("/health").then().statusCode(200);
  }

  @Test
  void a_trickled_request_line_counts_too() throws IOException {
    byte[] line = ("GET /health?" + "a".repeat(60) + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII);
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      assertThat(trickle(slow, line)).isLessThan(line.length / 2);
    }
  }

  @Test
  void a_client_that_trickles_empty_lines_before_its_request_line_is_cut_too() throws IOException {
    // HTTP lets a client send empty lines before a request line: the parser stays where it waits for one.
    byte[] crlf = "\r\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      assertThat(trickle(slow, crlf)).isLessThan(crlf.length / 2);
    }
  }

  @Test
  void a_kept_connection_that_waits_long_and_then_sends_a_request_is_answered() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      byte[] request = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
      socket.getOutputStream().write(request);
      assertThat(RawHttp.readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
      // longer than the header deadline (2 s), shorter than the idle timeout (4 s): waiting is not sending headers
      sleep(3000);
      socket.getOutputStream().write(request);
      assertThat(RawHttp.readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void headers_sent_at_once_are_answered_and_the_connection_kept_until_it_idles() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.setSoTimeout(10_000);
      String response = RawHttp.readResponse(socket.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 200");
      // an idle keep-alive connection is the idle timeout's (4 s), not the header deadline's: it is closed all the same
      assertThat(closedByServer(socket)).isTrue();
    }
  }

  @Test
  void a_connection_that_sends_nothing_is_closed_at_the_idle_timeout() throws IOException {
    try (Socket silent = new Socket("127.0.0.1", server.port())) {
      assertThat(closedByServer(silent)).isTrue();
    }
  }
}
