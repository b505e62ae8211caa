package dev.atrium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RemoteImages}: which addresses are public, which URLs are refused before any connection, and fetches from a
 * server on this machine (reach {@code any}): redirects followed up to the limit, a size limit, a status other than
 * 200.
 */
class RemoteImagesTest {
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/small", exchange -> answer(exchange, 200, new byte[] {1, 2, 3}));
    server.createContext("/big", exchange -> answer(exchange, 200, new byte[101]));
    server.createContext("/missing", exchange -> answer(exchange, 404, new byte[0]));
    for (int i = 1; i <= 4; i++) {
      String next = i == 1 ? "/small" : "/hop" + (i - 1);
      server.createContext("/hop" + i, exchange -> {
        exchange.getResponseHeaders().add("Location", next);
        answer(exchange, 302, new byte[0]);
      });
    }
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body)
      throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static boolean isPublic(String literal) throws UnknownHostException {
    return RemoteImages.isPublic(InetAddress.getByName(literal));
  }

  @Test
  void only_addresses_of_the_public_internet_are_public() throws UnknownHostException {
    for (String blocked : List.of("127.0.0.1", "127.9.9.9", "0.0.0.0", "0.1.2.3", "10.1.2.3", "172.16.0.1",
        "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255", "192.0.0.8",
        "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "240.0.0.1", "255.255.255.255",
        "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1", "::ffff:127.0.0.1",
        "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "::7f00:1")) {
      assertThat(isPublic(blocked)).as(blocked).isFalse();
    }
    for (String open : List.of("8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.0.1.1",
        "198.20.0.1", "2606:4700:4700::1111", "64:ff9b::808:808", "::ffff:8.8.8.8")) {
      assertThat(isPublic(open)).as(open).isTrue();
    }
  }

  @Test
  void what_is_not_a_public_http_url_is_refused_before_any_connection() {
    RemoteImages images = new RemoteImages(RemoteImages.Reach.PUBLIC, 100);
    for (String url : List.of(base + "/small", "http://localhost:1/", "http://[::1]/a.png",
        "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/a.png", "http://[::ffff:127.0.0.1]/",
        "file:///etc/passwd", "ftp://example.com/a.png", "gopher://example.com/", "http:///a.png",
        "http://user:secret@example.com/a.png", "not a url", "http://example.com/" + "a".repeat(2048))) {
      assertThatThrownBy(() -> images.fetch(url)).as(url).isInstanceOf(RemoteImages.Failure.class)
          .extracting(e -> ((RemoteImages.Failure) e).problem()).isEqualTo(RemoteImages.Problem.REFUSED_URL);
      assertThatThrownBy(() -> images.fetch(url)).as(url).message().doesNotContain("secret", "127.0.0.1");
    }
    assertThatThrownBy(() -> new RemoteImages(RemoteImages.Reach.OFF, 100).fetch(base + "/small"))
        .extracting(e -> ((RemoteImages.Failure) e).problem()).isEqualTo(RemoteImages.Problem.REFUSED_URL);
  }

  @Test
  void with_reach_any_a_picture_is_fetched_through_redirects_up_to_the_limit() {
    RemoteImages images = new RemoteImages(RemoteImages.Reach.ANY, 100);
    assertThat(images.fetch(base + "/small")).containsExactly(1, 2, 3);
    assertThat(images.fetch(base + "/hop3")).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> images.fetch(base + "/hop4")).hasMessage("more than 3 redirects");
    assertThatThrownBy(() -> images.fetch(base + "/big")).hasMessage("the picture is larger than 100 bytes");
    assertThatThrownBy(() -> images.fetch(base + "/missing")).hasMessage("the server answered 404");
    assertThatThrownBy(() -> images.fetch("http://127.0.0.1:1/none"))
        .extracting(e -> ((RemoteImages.Failure) e).problem()).isEqualTo(RemoteImages.Problem.FETCH_FAILED);
    assertThat(RemoteImages.Reach.parse(" Public ")).contains(RemoteImages.Reach.PUBLIC);
    assertThat(RemoteImages.Reach.parse("some")).isEmpty();
  }
}
