package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.user.User;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code users.setStatus}, {@code users.getStatus}, {@code users.getPresence}, {@code users.presence},
 * {@code users.setAvatar} and {@code users.getAvatar} over the wire: Rocket.Chat's statuses on Atrium's presence,
 * the user himself and others, and the refusals.
 */
class RocketChatUserStatusTest {
  static TestServer server;
  static RocketChat rc;
  static User ann;
  static User bob;
  static Credentials annC;
  static Credentials bobC;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.status", "Ann", "Status", List.of("INDIVIDUAL"));
    bob = rc.createUser("bob.status", "Bob", "Status", List.of("INDIVIDUAL"));
    annC = rc.credentials("ann.status", RocketChat.PASSWORD);
    bobC = rc.credentials("bob.status", RocketChat.PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response post(Credentials as, String route, Object body) {
    return rc.as(as).contentType(ContentType.JSON).body(body).post("/api/v1/" + route);
  }

  @Test
  void a_status_set_is_the_users_presence_in_every_read() {
    Response set = post(annC, "users.setStatus", Map.of("status", "away", "message", "at lunch"));
    assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
    Golden.assertMatches(set.asString(), "rocketchat/success.json");
    assertThat(server.atrium().services().presence().of(ann.id()).category()).isEqualTo(PresenceCategory.AWAY);

    Response self = rc.as(annC).get("/api/v1/users.getStatus");
    Golden.assertMatches(self.asString(), "rocketchat/get-status-self.json");
    assertThat((String) self.path("_id")).isEqualTo(annC.userId());
    Response other = rc.as(bobC).get("/api/v1/users.getStatus?username=ann.status");
    Golden.assertMatches(other.asString(), "rocketchat/get-status-other.json");

    Golden.assertMatches(rc.as(annC).get("/api/v1/users.getPresence").asString(),
        "rocketchat/get-presence-self.json");
    Golden.assertMatches(rc.as(bobC).get("/api/v1/users.getPresence?userId=" + ann.id()).asString(),
        "rocketchat/get-presence-other.json");

    assertThat(post(annC, "users.setStatus", Map.of("status", "busy")).statusCode()).isEqualTo(200);
    assertThat((String) rc.as(bobC).get("/api/v1/users.getStatus?userId=" + ann.id()).path("status"))
        .isEqualTo("busy");
    Response presence = rc.as(bobC).get("/api/v1/users.presence?ids=" + ann.id() + "," + bob.id());
    Golden.assertMatches(presence.asString(), "rocketchat/users-presence.json");
    assertThat((List<String>) rc.as(bobC).get("/api/v1/users.presence").path("users.username"))
        .contains("ann.status");

    assertThat(post(annC, "users.setStatus", Map.of("status", "offline")).statusCode()).isEqualTo(200);
    assertThat((String) rc.as(bobC).get("/api/v1/users.getStatus?userId=" + ann.id()).path("status"))
        .isEqualTo("offline");
    assertThat((List<?>) rc.as(bobC).get("/api/v1/users.presence?ids=" + ann.id()).path("users")).isEmpty();

    Credentials admin = rc.admin();
    assertThat(post(admin, "users.setStatus", Map.of("status", "online", "userId", Long.toString(bob.id())))
        .statusCode()).isEqualTo(200);
    assertThat((String) rc.as(annC).get("/api/v1/users.getStatus?userId=" + bob.id()).path("status"))
        .isEqualTo("online");
  }

  @Test
  void a_status_refused_changes_nothing() {
    Map<String, String> before = DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"));
    Response other = post(annC, "users.setStatus", Map.of("status", "away", "userId", Long.toString(bob.id())));
    assertThat(other.statusCode()).isEqualTo(403);
    Golden.assertMatches(other.asString(), "rocketchat/unauthorized.json");
    assertThat((String) post(annC, "users.setStatus", Map.of("status", "sleeping")).path("error"))
        .isEqualTo("must be equal to one of the allowed values [invalid-params]");
    assertThat((String) post(annC, "users.setStatus", Map.of("status", "away", "foo", 1)).path("error"))
        .isEqualTo("must NOT have additional properties [invalid-params]");
    assertThat(post(annC, "users.setStatus", Map.of()).statusCode()).isEqualTo(400);
    assertThat((String) rc.as(annC).get("/api/v1/users.getStatus?username=nobody.here").path("errorType"))
        .isEqualTo("error-invalid-user");
    assertThat(rc.http().get("/api/v1/users.getStatus").statusCode()).isEqualTo(401);
    assertThat(DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"))).isEqualTo(before);
  }

  @Test
  void an_uploaded_avatar_is_where_get_avatar_redirects() throws IOException {
    Credentials cyd = rc.credentials(rc.createUser("cyd.avatar", "Cyd", "Avatar", List.of("INDIVIDUAL")).username(),
        RocketChat.PASSWORD);
    RestAssuredConfig noRedirects = RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig()
        .followRedirects(false));
    assertThat(rc.as(cyd).config(noRedirects).get("/api/v1/users.getAvatar").statusCode()).isEqualTo(404);

    Response set = rc.as(cyd).multiPart("image", "me.png", png(), "image/png").post("/api/v1/users.setAvatar");
    assertThat(set.statusCode()).as(set.asString()).isEqualTo(200);
    Golden.assertMatches(set.asString(), "rocketchat/success.json");
    Response redirect = rc.as(annC).config(noRedirects).get("/api/v1/users.getAvatar?username=cyd.avatar");
    assertThat(redirect.statusCode()).isEqualTo(307);
    String location = redirect.header("Location");
    assertThat(location).matches("https?://.+/avatars/" + cyd.userId() + "/1/.+\\.png");
    assertThat(rc.http().get(location.substring(location.indexOf("/avatars/"))).statusCode()).isEqualTo(200);
  }

  @Test
  void an_avatar_refused_changes_nothing() throws IOException {
    Map<String, String> before = DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"));
    Response other = rc.as(annC).multiPart("image", "me.png", png(), "image/png")
        .multiPart("userId", Long.toString(bob.id())).post("/api/v1/users.setAvatar");
    assertThat(other.statusCode()).isEqualTo(403);
    Golden.assertMatches(other.asString(), "rocketchat/unauthorized.json");
    Response url = rc.as(annC).multiPart("avatarUrl", "http://127.0.0.1:22/secret").post("/api/v1/users.setAvatar");
    assertThat(url.statusCode()).isEqualTo(400);
    Golden.assertMatches(url.asString(), "rocketchat/avatar-url-refused.json");
    Response jsonUrl = rc.as(annC).contentType("application/json").body(Map.of("avatarUrl",
        "http://127.0.0.1:22/secret")).post("/api/v1/users.setAvatar");
    assertThat(jsonUrl.statusCode()).isEqualTo(400);
    Golden.assertMatches(jsonUrl.asString(), "rocketchat/avatar-url-refused.json");
    Response notImage = rc.as(annC).multiPart("image", "me.png", "not an image".getBytes(), "image/png")
        .post("/api/v1/users.setAvatar");
    assertThat(notImage.statusCode()).isEqualTo(400);
    assertThat((Boolean) notImage.path("success")).isFalse();
    Response none = rc.as(annC).multiPart("other", "x").post("/api/v1/users.setAvatar");
    assertThat((String) none.path("error")).isEqualTo("The 'image' param is required");
    assertThat(DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"))).isEqualTo(before);
  }

  static byte[] png() throws IOException {
    BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    picture.setRGB(1, 1, 0xff0000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(picture, "png", out)).isTrue();
    return out.toByteArray();
  }
}
