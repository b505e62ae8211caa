package dev.atrium.server.roomful;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.social.SocialKind;
import dev.atrium.server.Golden;
import dev.atrium.server.roomful.RoomfulPushFixture.Person;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code user:*} events Roomful pushes about a user's own account, over real socket.io-client 2.5.0 and 4.x
 * sockets: each has its exact shape (golden files under {@code golden/roomful/events}), reaches every socket of
 * the user — both client versions, two sessions — and no socket of anyone else, whichever dialect made the change.
 */
class RoomfulSocketEventsTest {
  static RoomfulPushFixture f;

  @BeforeAll
  static void start() {
    f = RoomfulPushFixture.start();
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A person and their sockets: a v2 and a v4 socket on their first session, and a v2 socket on another. */
  record Devices(Person person, List<String> socks) {
    String first() {
      return socks.getFirst();
    }
  }

  static Devices three(String name) {
    Person p = f.person(name);
    String prefix = RoomfulPushFixture.unique(name);
    f.connect(prefix + "-v2", 2, p.token());
    f.connect(prefix + "-v4", 4, p.token());
    f.connect(prefix + "-other", 2, f.signin(p));
    return new Devices(p, List.of(prefix + "-v2", prefix + "-v4", prefix + "-other"));
  }

  static Devices two(String name) {
    Person p = f.person(name);
    String prefix = RoomfulPushFixture.unique(name);
    f.connect(prefix + "-v2", 2, p.token());
    f.connect(prefix + "-v4", 4, p.token());
    return new Devices(p, List.of(prefix + "-v2", prefix + "-v4"));
  }

  /** Every socket hears the nth event of that name, the same frame on each, in the golden file's shape. */
  static JsonNode everyoneHears(Devices d, String event, int n, String golden) {
    String first = f.nth(d.first(), event, n);
    Golden.assertMatches(first, "roomful/events/" + golden);
    for (String sock : d.socks()) {
      assertThat(f.nth(sock, event, n)).as("%s on %s", event, sock).isEqualTo(first);
    }
    return f.await(d.first(), event, n).get(n - 1);
  }

  /** After a barrier on the bystander's own events, their sockets have heard nothing but that barrier. */
  static void heardNothing(Devices bystander) {
    f.barrier(bystander.first(), 0, 1, bystander.socks().toArray(String[]::new));
    for (String sock : bystander.socks()) {
      assertThat(f.names(sock)).as("events on %s", sock).containsExactly("user_info", "user:settingsUpdated");
    }
  }

  /** How many events of that name each socket has heard; all must agree. */
  static int count(Devices d, String event) {
    int n = f.heard(d.first(), event).size();
    for (String sock : d.socks()) {
      assertThat(f.heard(sock, event)).as("%s on %s", event, sock).hasSize(n);
    }
    return n;
  }

  @Test
  void a_profile_edit_over_a_socket_is_pushed_as_user_update_to_every_socket_of_the_user_only() {
    Devices ann = three("Ann");
    Devices bob = two("Bob");

    f.ok(ann.first(), "user:editProfile", Map.of("firstName", "Annie", "hometown", "Oslo", "description",
        "Likes rooms", "privacyMode", 1));

    JsonNode update = everyoneHears(ann, "user:update", 1, "user-update-edit-profile.json");
    assertThat(update.path("data").path("user").path("id").asText()).isEqualTo(ann.person().userId());
    f.barrier(ann.first(), 0, 2, ann.socks().toArray(String[]::new));
    assertThat(count(ann, "user:update")).isEqualTo(1);
    heardNothing(bob);
  }

  @Test
  void a_change_made_through_the_symphony_admin_api_arrives_as_a_roomful_user_update() {
    Devices ann = three("Ann");
    Devices bob = two("Bob");

    f.admin().body(Map.of("firstName", "Anna", "lastName", "Symphony", "companyName", "Initech",
            "mobilePhoneNumber", "+15550123"))
        .post("/pod/v1/admin/user/" + ann.person().id() + "/update").then().statusCode(200);

    JsonNode update = everyoneHears(ann, "user:update", 1, "user-update-symphony.json");
    // The pushed user is the user as stored: user.info over JSON-RPC tells the same.
    JsonNode info = f.rpc(ann.person().token()).post("/api/v0/rpc/user.info").then().statusCode(200).extract()
        .as(JsonNode.class).path("data").path("user");
    JsonNode pushed = update.path("data").path("user");
    info.fieldNames().forEachRemaining(name -> {
      if (!name.equals("permissions")) {
        assertThat(pushed.get(name)).as(name).isEqualTo(info.get(name));
      }
    });
    f.barrier(ann.first(), 0, 2, ann.socks().toArray(String[]::new));
    assertThat(count(ann, "user:update")).isEqualTo(1);
    heardNothing(bob);
  }

  @Test
  void each_settings_method_pushes_the_whole_settings_to_every_socket() {
    Devices ann = three("Ann");
    Devices bob = two("Bob");

    f.ok(ann.socks().get(1), "user:setEmailSettings", Map.of("settings", Map.of("ignoreNewTextchatMessage", true)));
    everyoneHears(ann, "user:settingsUpdated", 1, "settings-updated-email.json");

    f.ok(ann.socks().get(2), "user:setNavigationSettings", Map.of("settings", Map.of("navigationMode", 1,
        "verticalSensitivity", 0.25, "joystickSettings", 2)));
    everyoneHears(ann, "user:settingsUpdated", 2, "settings-updated-navigation.json");

    f.ok(ann.first(), "user:setCollisionSettings", Map.of("objectCollision", 2));
    everyoneHears(ann, "user:settingsUpdated", 3, "settings-updated-collision.json");

    // A settings change moves no user field and no count: no other event.
    assertThat(f.names(ann.first())).containsExactly("user_info", "user:settingsUpdated", "user:settingsUpdated",
        "user:settingsUpdated");
    heardNothing(bob);
  }

  static String png(Color color) throws Exception {
    BufferedImage picture = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    var g = picture.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 64, 64);
    g.dispose();
    var out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(picture, "png", out)).isTrue();
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  @Test
  void a_picture_uploaded_through_symphony_is_pushed_as_avatar_updated_with_its_url() throws Exception {
    Devices ann = three("Ann");
    Devices bob = two("Bob");

    f.admin().body(Map.of("image", png(Color.RED))).post("/pod/v1/admin/user/" + ann.person().id()
        + "/avatar/update").then().statusCode(200);

    JsonNode avatar = everyoneHears(ann, "user:avatarUpdated", 1, "avatar-updated-upload.json");
    String url = avatar.path("data").path("avatar").asText();
    // The server's public URL (none is configured: localhost and the port it listens on), then the stored picture.
    assertThat(url).isEqualTo("http://localhost:" + f.server.port() + "/avatars/" + ann.person().id()
        + "/1/original.png");
    JsonNode update = everyoneHears(ann, "user:update", 1, "user-update-avatar-upload.json");
    assertThat(update.path("data").path("user").path("avatar").asText()).isEqualTo(url);
    // One upload, one user:update: the avatar event already says the user changed.
    f.barrier(ann.first(), 0, 2, ann.socks().toArray(String[]::new));
    assertThat(count(ann, "user:avatarUpdated")).isEqualTo(1);
    assertThat(count(ann, "user:update")).isEqualTo(1);
    heardNothing(bob);
  }

  @Test
  void change_avatar_over_a_socket_is_pushed_as_avatar_updated_then_user_update() {
    Devices ann = three("Ann");
    Devices bob = two("Bob");

    f.ok(ann.socks().get(1), "user:changeAvatar", Map.of("avatar", "https://cdn.example.test/ann.png"));
    everyoneHears(ann, "user:avatarUpdated", 1, "avatar-updated.json");
    JsonNode update = everyoneHears(ann, "user:update", 1, "user-update-avatar.json");
    assertThat(update.path("data").path("user").path("avatar").asText()).isEqualTo("https://cdn.example.test/ann.png");
    assertThat(f.names(ann.first())).containsExactly("user_info", "user:avatarUpdated", "user:update");

    f.ok(ann.first(), "user:changeAvatar", Map.of("avatar", ""));
    JsonNode cleared = everyoneHears(ann, "user:avatarUpdated", 2, "avatar-updated-cleared.json");
    assertThat(cleared.path("data").path("avatar").asText()).isEmpty();
    f.barrier(ann.first(), 0, 2, ann.socks().toArray(String[]::new));
    assertThat(count(ann, "user:avatarUpdated")).isEqualTo(2);
    assertThat(count(ann, "user:update")).isEqualTo(2);
    heardNothing(bob);
  }

  @Test
  void a_new_and_a_removed_3d_avatar_are_pushed_as_avatar3d_changed() {
    Devices ann = three("Ann");
    Devices bob = two("Bob");

    Map<String, Object> avatar3D = new LinkedHashMap<>();
    avatar3D.put("assetId", "asset-7");
    avatar3D.put("assetSkins", Map.of("hair", "red", "shirt", "blue"));
    avatar3D.put("avatarUrl", "https://models.readyplayer.me/ann.glb");
    avatar3D.put("avatarUserId", "rpm-ann");
    f.ok(ann.first(), "user:changeAvatar3D", Map.of("avatar3D", avatar3D));
    JsonNode changed = everyoneHears(ann, "user:avatar3DChanged", 1, "avatar3d-changed.json");
    assertThat(changed.path("data").path("userId").asText()).isEqualTo(ann.person().userId());
    JsonNode update = everyoneHears(ann, "user:update", 1, "user-update-avatar3d.json");
    assertThat(update.path("data").path("user").path("avatar3D")).isEqualTo(changed.path("data").path("avatar3D"));

    Map<String, Object> removal = new LinkedHashMap<>();
    removal.put("avatar3D", null);
    f.ok(ann.socks().get(2), "user:changeAvatar3D", removal);
    everyoneHears(ann, "user:avatar3DChanged", 2, "avatar3d-removed.json");
    JsonNode after = everyoneHears(ann, "user:update", 2, "user-update-avatar3d-removed.json");
    assertThat(after.path("data").path("user").has("avatar3D")).isFalse();
    assertThat(f.names(ann.first())).containsExactly("user_info", "user:avatar3DChanged", "user:update",
        "user:avatar3DChanged", "user:update");
    heardNothing(bob);
  }

  @Test
  void linking_and_unlinking_a_social_account_are_pushed_with_the_account() {
    Devices ann = three("Ann");
    Devices bob = two("Bob");

    // No endpoint links an account yet (a Facebook login does, once it exists): the core service does it here.
    f.server.atrium().services().socialAccounts().link(ann.person().id(), SocialKind.FACEBOOK, "fb-4711",
        "ann.verus@");
    everyoneHears(ann, "user:linkedToSocialAccount", 1, "linked-to-social-account.json");

    f.ok(ann.socks().get(1), "user:unlinkSocialAccount", Map.of("socialKind", "facebook"));
    everyoneHears(ann, "user:unlinkedFromSocialAccount", 1, "unlinked-from-social-account.json");

    // Unlinking what is not linked is refused and pushes nothing.
    JsonNode refused = f.call(ann.first(), "user:unlinkSocialAccount", Map.of("socialKind", "facebook"));
    assertThat(refused.path("error").path("code").asInt()).isEqualTo(404);
    f.barrier(ann.first(), 0, 2, ann.socks().toArray(String[]::new));
    for (String sock : ann.socks()) {
      assertThat(f.names(sock)).containsExactly("user_info", "user:linkedToSocialAccount",
          "user:unlinkedFromSocialAccount", "user:settingsUpdated");
    }
    heardNothing(bob);
  }

  @Test
  void set_socket_route_reaches_exactly_the_socket_named_of_either_client_version() {
    Person ann = f.person("Ann");
    String prefix = RoomfulPushFixture.unique("route");
    String v2 = f.connect(prefix + "-v2", 2, ann.token());
    String v4 = f.connect(prefix + "-v4", 4, ann.token());
    String other = f.connect(prefix + "-other", 4, f.signin(ann));
    Person bobPerson = f.person("Bob");
    String bobSocket = f.connect(prefix + "-bob", 4, bobPerson.token());
    Devices bob = new Devices(bobPerson, List.of(prefix + "-bob"));

    f.rpc(ann.token()).body(Map.of("socketId", v2, "route", "/rooms/lobby")).post("/api/v0/rpc/user.setSocketRoute")
        .then().statusCode(200);
    Golden.assertMatches(f.nth(prefix + "-v2", "user:setSocketRoute", 1), "roomful/events/set-socket-route.json");
    // The other session's token may name a socket of the same user too.
    f.rpc(f.signin(ann)).body(Map.of("socketId", v4, "route", "/rooms/stage")).post("/api/v0/rpc/user.setSocketRoute")
        .then().statusCode(200);
    assertThat(f.nth(prefix + "-v4", "user:setSocketRoute", 1)).contains("\"route\":\"/rooms/stage\"");

    // Another user's socket is as good as unknown, and hears nothing.
    String refused = f.rpc(ann.token()).body(Map.of("socketId", bobSocket, "route", "/rooms/x"))
        .post("/api/v0/rpc/user.setSocketRoute").then().statusCode(404).extract().asString();
    Golden.assertMatches(refused, "roomful/rpc/error-socket-not-found.json");
    assertThat(refused).contains("Socket " + bobSocket + " not found");
    f.rpc(ann.token()).body(Map.of("socketId", "no-such-socket", "route", "/rooms/x"))
        .post("/api/v0/rpc/user.setSocketRoute").then().statusCode(404);

    f.barrier(prefix + "-other", 0, 3, prefix + "-v2", prefix + "-v4", prefix + "-other");
    assertThat(f.heard(prefix + "-v2", "user:setSocketRoute")).hasSize(1);
    assertThat(f.heard(prefix + "-v4", "user:setSocketRoute")).hasSize(1);
    assertThat(f.heard(prefix + "-other", "user:setSocketRoute")).isEmpty();
    assertThat(other).isNotIn(v2, v4);
    heardNothing(bob);
  }

  @Test
  void a_reconnect_with_the_same_session_is_told_user_info_again_with_current_data() {
    Person ann = f.person("Ann");
    String prefix = RoomfulPushFixture.unique("again");
    f.connect(prefix + "-1", 2, ann.token());
    Golden.assertMatches(f.userInfo(prefix + "-1").toString(), "roomful/events/user-info.json");
    f.sockets.close(prefix + "-1");

    // Changed while no socket was open: a reconnecting client resyncs from user_info.
    f.admin().body(Map.of("firstName", "Anneli", "companyName", "Globex"))
        .post("/pod/v1/admin/user/" + ann.id() + "/update").then().statusCode(200);
    f.connect(prefix + "-2", 4, ann.token());
    f.ok(prefix + "-2", "user:setCollisionSettings", Map.of("objectCollision", 1));
    f.ok(prefix + "-2", "user:changeAvatar", Map.of("avatar", "https://cdn.example.test/anneli.png"));
    f.await(prefix + "-2", "user:update", 1);
    f.sockets.close(prefix + "-2");

    for (int version : new int[] {2, 4}) {
      String sock = prefix + "-v" + version;
      f.connect(sock, version, ann.token());
      Golden.assertMatches(f.userInfo(sock).toString(), "roomful/events/user-info-reconnected.json");
    }
    assertThat(f.userInfo(prefix + "-v2")).isEqualTo(f.userInfo(prefix + "-v4"));
  }
}
