package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.atrium.core.user.User;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code users.setAvatar {avatarUrl}} fetching a picture, from a web server on this machine: a test server started
 * with {@code ATRIUM_AVATAR_URLS=any} (the default, {@code public}, refuses this machine's addresses:
 * RocketChatUserStatusTest). A picture is stored as an upload is; a redirect is followed; a missing one, one that
 * is no picture or one over the size limit is refused and changes nothing.
 */
class RocketChatAvatarUrlTest {
  static TestServer server;
  static HttpServer pictures;
  static String base;
  static RocketChat rc;
  static User ann;
  static Credentials annC;

  @BeforeAll
  static void start() throws IOException {
    byte[] png = RocketChatUserStatusTest.png();
    pictures = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    pictures.createContext("/ann.png", exchange -> answer(exchange, 200, png));
    pictures.createContext("/moved.png", exchange -> {
      exchange.getResponseHeaders().add("Location", "/ann.png");
      answer(exchange, 301, new byte[0]);
    });
    pictures.createContext("/text.png", exchange -> answer(exchange, 200, "not a picture".getBytes()));
    pictures.createContext("/huge.png", exchange -> answer(exchange, 200, new byte[2 * 1024 * 1024 + 1]));
    pictures.createContext("/gone.png", exchange -> answer(exchange, 404, new byte[0]));
    pictures.start();
    base = "http://127.0.0.1:" + pictures.getAddress().getPort();
    server = TestServer.start(RocketChat.settings(Map.of("ATRIUM_AVATAR_URLS", "any")));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.url", "Ann", "Url", List.of("INDIVIDUAL"));
    annC = rc.credentials("ann.url", RocketChat.PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
    pictures.stop(0);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body)
      throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Response setAvatar(Object body) {
    return rc.as(annC).contentType(ContentType.JSON).body(body).post("/api/v1/users.setAvatar");
  }

  @Test
  void a_picture_at_a_url_becomes_the_avatar_in_json_or_a_form_and_through_a_redirect() {
    int before = server.atrium().users().get(ann.id()).avatarVersion();
    Response json = setAvatar(Map.of("avatarUrl", base + "/ann.png"));
    assertThat(json.statusCode()).as(json.asString()).isEqualTo(200);
    assertThat(json.asString()).isEqualTo("{\"success\":true}");
    int after = server.atrium().users().get(ann.id()).avatarVersion();
    assertThat(after).isGreaterThan(before);
    Response form = rc.as(annC).multiPart("avatarUrl", base + "/moved.png").post("/api/v1/users.setAvatar");
    assertThat(form.statusCode()).as(form.asString()).isEqualTo(200);
    assertThat(server.atrium().users().get(ann.id()).avatarVersion()).isGreaterThan(after);
    assertThat(rc.as(annC).redirects().follow(false).get("/api/v1/users.getAvatar?userId=" + ann.id())
        .statusCode()).isEqualTo(307);
  }

  @Test
  void what_gives_no_picture_is_refused_and_changes_nothing() {
    Map<String, String> before = DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"));
    Map<String, String> cases = Map.of(
        "/gone.png", "Error while handling avatar setting from a URL for ann.url: the server answered 404"
            + " [error-avatar-url-handling]",
        "/huge.png", "Error while handling avatar setting from a URL for ann.url: the picture is larger than"
            + " 2097152 bytes [error-avatar-url-handling]");
    cases.forEach((path, error) -> {
      Response refused = setAvatar(Map.of("avatarUrl", base + path));
      assertThat(refused.statusCode()).as(path).isEqualTo(400);
      assertThat((String) refused.path("error")).as(path).isEqualTo(error);
    });
    Response text = setAvatar(Map.of("avatarUrl", base + "/text.png"));
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat((Boolean) text.path("success")).isFalse();
    Response credentials = setAvatar(Map.of("avatarUrl", "http://ann:secret-pw@127.0.0.1:1/a.png"));
    assertThat(credentials.asString()).isEqualTo("{\"success\":false,\"error\":\"Invalid avatar URL: a URL with a"
        + " user name or password is not fetched [error-avatar-invalid-url]\",\"errorType\":\"error-avatar-invalid-url\"}");
    Response file = setAvatar(Map.of("avatarUrl", "file:///etc/passwd"));
    assertThat((String) file.path("errorType")).isEqualTo("error-avatar-invalid-url");
    assertThat(DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"))).isEqualTo(before);
  }
}
