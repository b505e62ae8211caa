package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.Devices;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A public channel made and deleted through Rocket.Chat ({@code channels.create}, {@code channels.delete}) changes
 * the public room count of each member, and the Roomful sockets of each hear it once per change.
 */
class RoomfulSocketRoomDeletionTest {
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(() -> Map.of(
      "ATRIUM_DIALECTS", "symphony,roomful,rocketchat,atrium", "ATRIUM_RATE_LIMITS", "off"), InstantSource.system());

  private static RequestSpecification rocketChat(Account as) {
    return given().baseUri(f.url()).header("X-User-Id", as.idText()).header("X-Auth-Token", as.token())
        .contentType(ContentType.JSON);
  }

  private static String username(Account account) {
    return account.email().substring(0, account.email().indexOf('@'));
  }

  @Test
  void a_public_channel_deleted_through_rocket_chat_pushes_each_members_public_room_count() {
    Devices ann = f.devices("Ann");
    Devices bob = f.devices("Bob");
    String name = RoomfulSocketFixture.unique("deleted-channel-");
    String id = rocketChat(ann.person).body(Map.of("name", name, "members", List.of(username(bob.person))))
        .post("/api/v1/channels.create").then().statusCode(200).extract().path("channel._id");
    ann.hears("user:publicRoomCountUpdated", 1, "public-room-count-1.json");
    bob.hears("user:publicRoomCountUpdated", 1, "public-room-count-1.json");

    rocketChat(ann.person).body(Map.of("roomId", id)).post("/api/v1/channels.delete").then().statusCode(200);

    ann.hears("user:publicRoomCountUpdated", 2, "public-room-count-0.json");
    bob.hears("user:publicRoomCountUpdated", 2, "public-room-count-0.json");
    ann.settle();
    bob.settle();
    assertThat(ann.heard()).containsExactly("user_info", "user:publicRoomCountUpdated",
        "user:publicRoomCountUpdated");
    assertThat(bob.heard()).containsExactly("user_info", "user:publicRoomCountUpdated",
        "user:publicRoomCountUpdated");
    assertThat(bob.stored().path("publicRoomCount").asInt()).isZero();
  }
}
