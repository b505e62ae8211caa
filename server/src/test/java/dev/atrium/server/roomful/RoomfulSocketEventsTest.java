package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.social.SocialKind;
import dev.atrium.server.Golden;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.Devices;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code user:*} events Roomful pushes about a user's own account, over real socket.io-client 2.5.0 and 4.x
 * sockets: each has its exact shape (golden files under {@code golden/roomful/events}), reaches every socket of
 * the user — both client versions, two sessions — and no socket of anyone else, whichever dialect made the change.
 */
class RoomfulSocketEventsTest {
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.standard();

  /** After a barrier on the bystander's own events, their sockets have heard nothing but that barrier. */
  static void heardNothing(Devices bystander) {
    bystander.barrier(0, 1);
    for (String sock : bystander.socks) {
      assertThat(f.names(sock)).as("events on %s", sock).containsExactly("user_info", "user:settingsUpdated");
    }
  }

  @Test
  void a_profile_edit_over_a_socket_is_pushed_as_user_update_to_every_socket_of_the_user_only() {
    Devices ann = f.devices("Ann", 2);
    Devices bob = f.devices("Bob");

    assertOk(f.call(ann.first(), "user:editProfile", Map.of("firstName", "Annie", "hometown", "Oslo", "description",
        "Likes rooms", "privacyMode", 1)));

    JsonNode update = ann.hears("user:update", 1, "user-update-edit-profile.json");
    assertThat(update.path("data").path("user").path("id").asText()).isEqualTo(ann.person.idText());
    ann.barrier(0, 2);
    assertThat(ann.count("user:update")).isEqualTo(1);
    heardNothing(bob);
  }

  @Test
  void a_change_made_through_the_symphony_admin_api_arrives_as_a_roomful_user_update() {
    Devices ann = f.devices("Ann", 2);
    Devices bob = f.devices("Bob");

    f.admin().body(Map.of("firstName", "Anna", "lastName", "Symphony", "companyName", "Initech",
            "mobilePhoneNumber", "+15550123"))
        .post("/pod/v1/admin/user/" + ann.person.id() + "/update").then().statusCode(200);

    JsonNode update = ann.hears("user:update", 1, "user-update-symphony.json");
    // The pushed user is the user as stored: user.info over JSON-RPC tells the same.
    JsonNode info = f.info(ann.person.token());
    JsonNode pushed = update.path("data").path("user");
    info.fieldNames().forEachRemaining(name -> {
      if (!name.equals("permissions")) {
        assertThat(pushed.get(name)).as(name).isEqualTo(info.get(name));
      }
    });
    ann.barrier(0, 2);
    assertThat(ann.count("user:update")).isEqualTo(1);
    heardNothing(bob);
  }

  @Test
  void each_settings_method_pushes_the_whole_settings_to_every_socket() {
    Devices ann = f.devices("Ann", 2);
    Devices bob = f.devices("Bob");

    assertOk(f.call(ann.socks.get(1), "user:setEmailSettings", Map.of("settings",
        Map.of("ignoreNewTextchatMessage", true))));
    ann.hears("user:settingsUpdated", 1, "settings-updated-email.json");

    assertOk(f.call(ann.socks.get(2), "user:setNavigationSettings", Map.of("settings", Map.of("navigationMode", 1,
        "verticalSensitivity", 0.25, "joystickSettings", 2))));
    ann.hears("user:settingsUpdated", 2, "settings-updated-navigation.json");

    assertOk(f.call(ann.first(), "user:setCollisionSettings", Map.of("objectCollision", 2)));
    ann.hears("user:settingsUpdated", 3, "settings-updated-collision.json");

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
    Devices ann = f.devices("Ann", 2);
    Devices bob = f.devices("Bob");

    f.admin().body(Map.of("image", png(Color.RED))).post("/pod/v1/admin/user/" + ann.person.id()
        + "/avatar/update").then().statusCode(200);

    JsonNode avatar = ann.hears("user:avatarUpdated", 1, "avatar-updated-upload.json");
    String url = avatar.path("data").path("avatar").asText();
    // The server's public URL (none is configured: localhost and the port it listens on), then the stored picture.
    assertThat(url).isEqualTo("http://localhost:" + f.server.port() + "/avatars/" + ann.person.id()
        + "/1/original.png");
    JsonNode update = ann.hears("user:update", 1, "user-update-avatar-upload.json");
    assertThat(update.path("data").path("user").path("avatar").asText()).isEqualTo(url);
    // One upload, one user:update: the avatar event already says the user changed.
    ann.barrier(0, 2);
    assertThat(ann.count("user:avatarUpdated")).isEqualTo(1);
    assertThat(ann.count("user:update")).isEqualTo(1);
    heardNothing(bob);
  }

  @Test
  void change_avatar_over_a_socket_is_pushed_as_avatar_updated_then_user_update() {
    Devices ann = f.devices("Ann", 2);
    Devices bob = f.devices("Bob");

    assertOk(f.call(ann.socks.get(1), "user:changeAvatar", Map.of("avatar", "https://cdn.example.test/ann.png")));
    ann.hears("user:avatarUpdated", 1, "avatar-updated.json");
    JsonNode update = ann.hears("user:update", 1, "user-update-avatar.json");
    assertThat(update.path("data").path("user").path("avatar").asText()).isEqualTo("https://cdn.example.test/ann.png");
    assertThat(f.names(ann.first())).containsExactly("user_info", "user:avatarUpdated", "user:update");

    assertOk(f.call(ann.first(), "user:changeAvatar", Map.of("avatar", "")));
    JsonNode cleared = ann.hears("user:avatarUpdated", 2, "avatar-updated-cleared.json");
    assertThat(cleared.path("data").path("avatar").asText()).isEmpty();
    ann.barrier(0, 2);
    assertThat(ann.count("user:avatarUpdated")).isEqualTo(2);
    assertThat(ann.count("user:update")).isEqualTo(2);
    heardNothing(bob);
  }

  @Test
  void a_new_and_a_removed_3d_avatar_are_pushed_as_avatar3d_changed() {
    Devices ann = f.devices("Ann", 2);
    Devices bob = f.devices("Bob");

    Map<String, Object> avatar3D = new LinkedHashMap<>();
    avatar3D.put("assetId", "asset-7");
    avatar3D.put("assetSkins", Map.of("hair", "red", "shirt", "blue"));
    avatar3D.put("avatarUrl", "https://models.readyplayer.me/ann.glb");
    avatar3D.put("avatarUserId", "rpm-ann");
    assertOk(f.call(ann.first(), "user:changeAvatar3D", Map.of("avatar3D", avatar3D)));
    JsonNode changed = ann.hears("user:avatar3DChanged", 1, "avatar3d-changed.json");
    assertThat(changed.path("data").path("userId").asText()).isEqualTo(ann.person.idText());
    JsonNode update = ann.hears("user:update", 1, "user-update-avatar3d.json");
    assertThat(update.path("data").path("user").path("avatar3D")).isEqualTo(changed.path("data").path("avatar3D"));

    Map<String, Object> removal = new LinkedHashMap<>();
    removal.put("avatar3D", null);
    assertOk(f.call(ann.socks.get(2), "user:changeAvatar3D", removal));
    ann.hears("user:avatar3DChanged", 2, "avatar3d-removed.json");
    JsonNode after = ann.hears("user:update", 2, "user-update-avatar3d-removed.json");
    assertThat(after.path("data").path("user").has("avatar3D")).isFalse();
    assertThat(f.names(ann.first())).containsExactly("user_info", "user:avatar3DChanged", "user:update",
        "user:avatar3DChanged", "user:update");
    heardNothing(bob);
  }

  @Test
  void linking_and_unlinking_a_social_account_are_pushed_with_the_account() {
    Devices ann = f.devices("Ann", 2);
    Devices bob = f.devices("Bob");

    // No endpoint links an account yet (a Facebook login does, once it exists): the core service does it here.
    f.server.atrium().services().socialAccounts().link(ann.person.id(), SocialKind.FACEBOOK, "fb-4711",
        "ann.verus@");
    ann.hears("user:linkedToSocialAccount", 1, "linked-to-social-account.json");

    assertOk(f.call(ann.socks.get(1), "user:unlinkSocialAccount", Map.of("socialKind", "facebook")));
    ann.hears("user:unlinkedFromSocialAccount", 1, "unlinked-from-social-account.json");

    // Unlinking what is not linked is refused and pushes nothing.
    JsonNode refused = f.call(ann.first(), "user:unlinkSocialAccount", Map.of("socialKind", "facebook"));
    assertThat(refused.path("error").path("code").asInt()).isEqualTo(404);
    ann.barrier(0, 2);
    for (String sock : ann.socks) {
      assertThat(f.names(sock)).containsExactly("user_info", "user:linkedToSocialAccount",
          "user:unlinkedFromSocialAccount", "user:settingsUpdated");
    }
    heardNothing(bob);
  }

  @Test
  void set_socket_route_reaches_exactly_the_socket_named_of_either_client_version() {
    Account ann = f.person("Ann");
    String v2 = f.connect(ann.token(), 2);
    String v4 = f.connect(ann.token(), 4);
    String other = f.connect(f.signin(ann), 4);
    Account bobPerson = f.person("Bob");
    String bobSock = f.connect(bobPerson.token(), 4);
    String bobSocket = f.socketId(bobSock);
    Devices bob = f.new Devices(bobPerson, List.of(bobSock));

    f.rpc(ann.token()).body(Map.of("socketId", f.socketId(v2), "route", "/rooms/lobby"))
        .post("/api/v0/rpc/user.setSocketRoute").then().statusCode(200);
    Golden.assertMatches(f.nth(v2, "user:setSocketRoute", 1), "roomful/events/set-socket-route.json");
    // The other session's token may name a socket of the same user too.
    f.rpc(f.signin(ann)).body(Map.of("socketId", f.socketId(v4), "route", "/rooms/stage"))
        .post("/api/v0/rpc/user.setSocketRoute").then().statusCode(200);
    assertThat(f.nth(v4, "user:setSocketRoute", 1)).contains("\"route\":\"/rooms/stage\"");

    // Another user's socket is as good as unknown, and hears nothing.
    String refused = f.rpc(ann.token()).body(Map.of("socketId", bobSocket, "route", "/rooms/x"))
        .post("/api/v0/rpc/user.setSocketRoute").then().statusCode(404).extract().asString();
    Golden.assertMatches(refused, "roomful/rpc/error-socket-not-found.json");
    assertThat(refused).contains("Socket " + bobSocket + " not found");
    f.rpc(ann.token()).body(Map.of("socketId", "no-such-socket", "route", "/rooms/x"))
        .post("/api/v0/rpc/user.setSocketRoute").then().statusCode(404);

    f.barrier(other, 0, 3, v2, v4, other);
    assertThat(f.events(v2, "user:setSocketRoute")).hasSize(1);
    assertThat(f.events(v4, "user:setSocketRoute")).hasSize(1);
    assertThat(f.events(other, "user:setSocketRoute")).isEmpty();
    assertThat(f.socketId(other)).isNotIn(f.socketId(v2), f.socketId(v4));
    heardNothing(bob);
  }

  @Test
  void a_reconnect_with_the_same_session_is_told_user_info_again_with_current_data() {
    Account ann = f.person("Ann");
    String first = f.connect(ann.token(), 2);
    Golden.assertMatches(f.userInfo(first).toString(), "roomful/events/user-info.json");
    f.client.close(first);

    // Changed while no socket was open: a reconnecting client resyncs from user_info.
    f.admin().body(Map.of("firstName", "Anneli", "companyName", "Globex"))
        .post("/pod/v1/admin/user/" + ann.id() + "/update").then().statusCode(200);
    String second = f.connect(ann.token(), 4);
    assertOk(f.call(second, "user:setCollisionSettings", Map.of("objectCollision", 1)));
    assertOk(f.call(second, "user:changeAvatar", Map.of("avatar", "https://cdn.example.test/anneli.png")));
    f.await(second, "user:update", 1);
    f.client.close(second);

    String v2 = f.connect(ann.token(), 2);
    String v4 = f.connect(ann.token(), 4);
    for (String sock : List.of(v2, v4)) {
      Golden.assertMatches(f.userInfo(sock).toString(), "roomful/events/user-info-reconnected.json");
    }
    assertThat(f.userInfo(v2)).isEqualTo(f.userInfo(v4));
  }
}
