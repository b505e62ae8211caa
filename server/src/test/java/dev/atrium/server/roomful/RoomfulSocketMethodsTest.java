package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.assertEmptyOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.golden;
import static dev.atrium.server.roomful.RoomfulSocketFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.settings.DeviceApplication;
import dev.atrium.core.settings.DeviceSettings;
import dev.atrium.core.social.SocialKind;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceType;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.server.TestServer;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code user:*} methods that change the caller's profile and settings or read their lists, each checked
 * through another read ({@code user.info}, the {@code user_info} of a new socket, the method's list counterpart),
 * with its refusals: missing field, wrong type, out-of-range value, unknown id — exact code and message, nothing
 * changed.
 */
class RoomfulSocketMethodsTest {
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.standard();

  static User admin() {
    return f.services().users().byEmail(TestServer.ADMIN_EMAIL).orElseThrow();
  }

  // ---- profile

  @BothVersions
  void editProfile_changes_the_fields_given_and_keeps_the_others(int version) {
    Account ann = f.signup("edit");
    String sock = f.connect(ann.token(), version);
    assertEmptyOk(f.call(sock, "user:editProfile", map("firstName", "Anna", "birthday", "1990-02-03",
        "hometown", "Oslo", "education", "MIT", "description", "Hi", "linkUrl", "https://ann.example.com",
        "privacyMode", 1)));

    JsonNode info = f.info(ann.token());
    assertThat(info.path("firstName").asText()).isEqualTo("Anna");
    assertThat(info.path("lastName").asText()).isEqualTo("Lee");
    assertThat(info.path("birthday").asText()).isEqualTo("1990-02-03");
    assertThat(info.path("hometown").asText()).isEqualTo("Oslo");
    assertThat(info.path("education").asText()).isEqualTo("MIT");
    assertThat(info.path("description").asText()).isEqualTo("Hi");
    assertThat(info.path("linkUrl").asText()).isEqualTo("https://ann.example.com");
    assertThat(info.path("privacyMode").asInt()).isEqualTo(1);

    // "" clears a field
    assertEmptyOk(f.call(sock, "user:editProfile", map("hometown", "", "privacyMode", 0)));
    info = f.info(ann.token());
    assertThat(info.path("hometown").asText()).isEmpty();
    assertThat(info.path("education").asText()).isEqualTo("MIT");
    assertThat(info.path("privacyMode").asInt()).isZero();
  }

  @Test
  void editProfile_refuses_a_bad_field_and_changes_nothing() {
    Account ann = f.signup("editbad");
    String sock = f.connect(ann.token(), 2);
    JsonNode before = f.info(ann.token());

    assertError(f.call(sock, "user:editProfile", map("firstName", "Zed", "privacyMode", 2)), 400,
        "privacyMode must be 0 (default) or 1 (incognito), got 2");
    assertError(f.call(sock, "user:editProfile", map("firstName", "x".repeat(257))), 400,
        "Profile fields must be at most 256 characters long");
    assertError(f.call(sock, "user:editProfile", map("description", "x".repeat(4001))), 400,
        "description must be at most 4000 characters long");
    assertError(f.call(sock, "user:editProfile", map("linkUrl", "x".repeat(2049))), 400,
        "linkUrl must be at most 2048 characters long");
    assertError(f.call(sock, "user:editProfile", map("hometown", List.of("Oslo"))), 400,
        "Field 'hometown' has the wrong type; expected a string");
    assertError(f.call(sock, "user:editProfile", map("privacyMode", true)), 400,
        "Field 'privacyMode' has the wrong type; expected an integer");
    assertThat(f.info(ann.token())).isEqualTo(before);
  }

  @Test
  void a_nul_character_in_any_method_is_a_400_naming_the_field_and_changes_nothing() {
    // On PostgreSQL a NUL reached the driver and the method failed with a 500.
    Account ann = f.signup("editnul");
    String sock = f.connect(ann.token(), 4);
    JsonNode before = f.info(ann.token());
    assertError(f.call(sock, "user:editProfile", map("firstName", "Z\u0000ed")), 400,
        "Field 'data.firstName' must not contain a NUL character");
    assertError(f.call(sock, "user:setUserParams", map("userParams", map("k", List.of("\u0000")))), 400,
        "Field 'data.userParams.k[0]' must not contain a NUL character");
    assertThat(f.info(ann.token())).isEqualTo(before);
  }

  @Test
  void changePhone_sets_and_clears_the_phone_number() {
    Account ann = f.signup("phone");
    String sock = f.connect(ann.token(), 2);
    assertEmptyOk(f.call(sock, "user:changePhone", map("phoneNumber", " +15550123 ")));
    assertThat(f.info(ann.token()).path("phoneNumber").asText()).isEqualTo("+15550123");

    JsonNode before = f.info(ann.token());
    assertError(f.call(sock, "user:changePhone", map()), 400, "phoneNumber is required");
    assertError(f.call(sock, "user:changePhone", map("phoneNumber", 15550123)), 400,
        "Field 'phoneNumber' has the wrong type; expected a string");
    assertError(f.call(sock, "user:changePhone", map("phoneNumber", "1".repeat(257))), 400,
        "The phone number must be at most 256 characters long");
    assertThat(f.info(ann.token())).isEqualTo(before);

    assertEmptyOk(f.call(sock, "user:changePhone", map("phoneNumber", "")));
    assertThat(f.info(ann.token()).path("phoneNumber").asText()).isEmpty();
  }

  @Test
  void changeAvatar_takes_a_url_or_a_resource_id_and_an_empty_string_clears_it() {
    Account ann = f.signup("avatar");
    String sock = f.connect(ann.token(), 2);
    assertEmptyOk(f.call(sock, "user:changeAvatar", map("avatar", "https://cdn.example.com/ann.png")));
    assertThat(f.info(ann.token()).path("avatar").asText()).isEqualTo("https://cdn.example.com/ann.png");
    assertEmptyOk(f.call(sock, "user:changeAvatar", map("avatar", "res:avatar-17")));
    assertThat(f.info(ann.token()).path("avatar").asText()).isEqualTo("res:avatar-17");

    JsonNode before = f.info(ann.token());
    assertError(f.call(sock, "user:changeAvatar", map()), 400, "avatar is required");
    assertError(f.call(sock, "user:changeAvatar", map("avatar", "not a url")), 400,
        "avatar must be an http(s) URL or a resource id");
    assertError(f.call(sock, "user:changeAvatar", map("avatar", "ftp://example.com/a.png")), 400,
        "avatar must be an http(s) URL or a resource id");
    assertError(f.call(sock, "user:changeAvatar", map("avatar", "https://e.com/" + "a".repeat(2048))), 400,
        "avatar must be at most 2048 characters long");
    assertError(f.call(sock, "user:changeAvatar", map("avatar", map("url", "https://e.com/a.png"))), 400,
        "Field 'avatar' has the wrong type; expected a string");
    assertThat(f.info(ann.token())).isEqualTo(before);

    assertEmptyOk(f.call(sock, "user:changeAvatar", map("avatar", "")));
    assertThat(f.info(ann.token()).path("avatar").asText()).isEmpty();
  }

  @Test
  void changeAvatar3D_replaces_the_3d_avatar_and_null_removes_it() {
    Account ann = f.signup("avatar3d");
    String sock = f.connect(ann.token(), 2);
    Map<String, Object> avatar = map("assetId", "asset-1", "assetSkins", map("hair", "red", "eyes", "blue"),
        "avatarUrl", "https://models.example.com/ann.glb", "avatarUserId", "64943d471dc01e086ac887ee");
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", avatar)));
    assertThat(f.info(ann.token()).path("avatar3D")).isEqualTo(RoomfulSocketFixture.JSON.valueToTree(avatar));

    JsonNode before = f.info(ann.token());
    assertError(f.call(sock, "user:changeAvatar3D", map()), 400,
        "avatar3D is required (null removes the 3D avatar)");
    assertError(f.call(sock, "user:changeAvatar3D", map("avatar3D", "asset-2")), 400,
        "Field 'avatar3D' has the wrong type; expected an object");
    assertError(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("assetSkins", map("hair", 7)))), 400,
        "Field 'avatar3D.assetSkins.hair' has the wrong type; expected a string");
    assertError(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("assetId", "a".repeat(257)))), 400,
        "avatar3D.assetId must be at most 256 characters long");
    assertError(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("assetSkins", map("", "red")))), 400,
        "avatar3D.assetSkins keys must be 1 to 256 characters long");
    assertThat(f.info(ann.token())).isEqualTo(before);

    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", null)));
    assertThat(f.info(ann.token()).has("avatar3D")).isFalse();
  }

  @Test
  void changeCompanyInfo_sets_what_is_given_keeps_what_is_absent_and_clears_an_empty_string() {
    Account ann = f.signup("company");
    String sock = f.connect(ann.token(), 2);
    assertEmptyOk(f.call(sock, "user:changeCompanyInfo", map("companyName", "Acme", "companyTitle", "CTO")));
    JsonNode info = f.info(ann.token());
    assertThat(info.path("companyName").asText()).isEqualTo("Acme");
    assertThat(info.path("companyTitle").asText()).isEqualTo("CTO");
    assertEmptyOk(f.call(sock, "user:changeCompanyInfo", map("companyTitle", "CEO")));
    info = f.info(ann.token());
    assertThat(info.path("companyName").asText()).isEqualTo("Acme");
    assertThat(info.path("companyTitle").asText()).isEqualTo("CEO");

    JsonNode before = f.info(ann.token());
    assertError(f.call(sock, "user:changeCompanyInfo", map("companyName", 7)), 400,
        "Field 'companyName' has the wrong type; expected a string");
    assertError(f.call(sock, "user:changeCompanyInfo", map("companyName", "Globex", "companyTitle",
        "x".repeat(257))), 400, "Profile fields must be at most 256 characters long");
    assertThat(f.info(ann.token())).isEqualTo(before);

    assertEmptyOk(f.call(sock, "user:changeCompanyInfo", map("companyName", "")));
    assertThat(f.info(ann.token()).path("companyName").asText()).isEmpty();
  }

  // ---- settings

  @Test
  void the_settings_methods_store_what_user_info_tells_the_next_socket() {
    Account ann = f.signup("settings");
    String sock = f.connect(ann.token(), 2);
    assertEmptyOk(f.call(sock, "user:setEmailSettings", map("settings", map("ignoreNewTextchatMessage", true))));
    assertEmptyOk(f.call(sock, "user:setNavigationSettings", map("settings", map("navigationMode", 2,
        "verticalSensitivity", 2.5, "horizontalSensitivity", 0.5, "joystickSettings", 1,
        "helperButtonAppearance", 2))));
    assertEmptyOk(f.call(sock, "user:setCollisionSettings", map("objectCollision", 3)));
    golden(f.freshInfo(ann.token()).path("userSettings"), "user-settings-changed.json");

    // navigation: a field left out keeps its value
    assertEmptyOk(f.call(sock, "user:setNavigationSettings", map("settings", map("joystickSettings", 0))));
    JsonNode navigation = f.freshInfo(ann.token()).path("userSettings").path("navigation");
    assertThat(navigation.path("joystickSettings").asInt()).isZero();
    assertThat(navigation.path("navigationMode").asInt()).isEqualTo(2);
    assertThat(navigation.path("verticalSensitivity").asDouble()).isEqualTo(2.5);
  }

  @Test
  void the_settings_methods_refuse_a_missing_wrong_or_out_of_range_value_and_change_nothing() {
    Account ann = f.signup("settingsbad");
    String sock = f.connect(ann.token(), 2);
    JsonNode before = f.freshInfo(ann.token()).path("userSettings");

    assertError(f.call(sock, "user:setEmailSettings", map()), 400, "settings is required");
    assertError(f.call(sock, "user:setEmailSettings", map("settings", map())), 400,
        "settings.ignoreNewTextchatMessage is required");
    assertError(f.call(sock, "user:setEmailSettings", map("settings", map("ignoreNewTextchatMessage", "yes"))),
        400, "Field 'settings.ignoreNewTextchatMessage' has the wrong type; expected a boolean");
    assertError(f.call(sock, "user:setEmailSettings", map("settings", true)), 400,
        "Field 'settings' has the wrong type; expected an object");

    assertError(f.call(sock, "user:setNavigationSettings", map()), 400, "settings is required");
    assertError(f.call(sock, "user:setNavigationSettings", map("settings", map("navigationMode", 3))), 400,
        "navigationMode must be 0, 1 or 2, got 3");
    assertError(f.call(sock, "user:setNavigationSettings", map("settings", map("joystickSettings", -1))), 400,
        "joystickSettings must be 0, 1 or 2, got -1");
    assertError(f.call(sock, "user:setNavigationSettings", map("settings", map("helperButtonAppearance", 9))),
        400, "helperButtonAppearance must be 0, 1 or 2, got 9");
    assertError(f.call(sock, "user:setNavigationSettings", map("settings", map("verticalSensitivity", 100.5))),
        400, "verticalSensitivity must be a number from 0 to 100, got 100.5");
    assertError(f.call(sock, "user:setNavigationSettings", map("settings", map("horizontalSensitivity", -1))),
        400, "horizontalSensitivity must be a number from 0 to 100, got -1.0");
    assertError(f.call(sock, "user:setNavigationSettings", map("settings", map("verticalSensitivity", "fast"))),
        400, "Field 'settings.verticalSensitivity' has the wrong type; expected a number");
    assertError(f.call(sock, "user:setNavigationSettings", map("settings", map("navigationMode", 1.5))), 400,
        "Field 'settings.navigationMode' has the wrong type; expected an integer");

    assertError(f.call(sock, "user:setCollisionSettings", map()), 400, "objectCollision is required");
    assertError(f.call(sock, "user:setCollisionSettings", map("objectCollision", 1001)), 400,
        "objectCollision must be from 0 to 1000, got 1001");
    assertError(f.call(sock, "user:setCollisionSettings", map("objectCollision", -1)), 400,
        "objectCollision must be from 0 to 1000, got -1");
    assertError(f.call(sock, "user:setCollisionSettings", map("objectCollision", "1")), 400,
        "Field 'objectCollision' has the wrong type; expected an integer");

    assertThat(f.freshInfo(ann.token()).path("userSettings")).isEqualTo(before);
    f.assertNoEvent(sock, "user:settingsUpdated");
  }

  @Test
  void deviceSettings_stores_the_device_of_the_calling_session_only() {
    Account ann = f.signup("device");
    String other = f.signin(ann);
    String sock = f.connect(ann.token(), 2);
    assertEmptyOk(f.call(sock, "user:deviceSettings", map("settings", map("device_timezone", -18000,
        "device_language", "en-US", "device_os", 2, "device_push_token", "push-1", "device_application",
        "Valuverse"))));
    assertThat(device(ann.token())).isEqualTo(new DeviceSettings(-18000, "en-US", 2, "push-1",
        DeviceApplication.VALUVERSE));
    assertThat(device(other)).isEqualTo(DeviceSettings.NONE);

    assertError(f.call(sock, "user:deviceSettings", map()), 400, "settings is required");
    assertError(f.call(sock, "user:deviceSettings", map("settings", map("device_application", "winamp"))), 400,
        "device_application must be one of roomful, texhibition, valuverse, valusocial, got 'winamp'");
    assertError(f.call(sock, "user:deviceSettings", map("settings", map("device_timezone", 86401))), 400,
        "device_timezone must be from -86400 to 86400, got 86401");
    assertError(f.call(sock, "user:deviceSettings", map("settings", map("device_os", -1))), 400,
        "device_os must not be negative, got -1");
    assertError(f.call(sock, "user:deviceSettings", map("settings", map("device_language", "x".repeat(65)))),
        400, "device_language must be at most 64 characters long");
    assertError(f.call(sock, "user:deviceSettings", map("settings", map("device_timezone", "UTC"))), 400,
        "Field 'settings.device_timezone' has the wrong type; expected an integer");
    assertThat(device(ann.token())).isEqualTo(new DeviceSettings(-18000, "en-US", 2, "push-1",
        DeviceApplication.VALUVERSE));

    // a new report replaces the whole device
    assertEmptyOk(f.call(sock, "user:deviceSettings", map("settings", map("device_language", "fr"))));
    assertThat(device(ann.token())).isEqualTo(new DeviceSettings(null, "fr", null, null, null));
  }

  private static DeviceSettings device(String token) {
    return f.services().settings().device(f.services().sessions().authenticate(token).orElseThrow().session().id());
  }

  @Test
  void setNetworkState_stores_the_state_of_the_session_s_network() {
    Account ann = f.signup("netstate");
    User owner = f.user(ann.id());
    Space sub = f.services().spaces().create(owner, "Sub", SpaceType.PUBLIC, true, Space.DEFAULT_ID);
    Space elsewhere = f.services().spaces().create(owner, "Elsewhere", SpaceType.PUBLIC, true, null);
    String sock = f.connect(ann.token(), 2);

    assertEmptyOk(f.call(sock, "user:setNetworkState", map("networkState", map("defaultSubNetworkId", sub.id(),
        "data", map("lastRoom", "r1", "zoom", 2)))));
    JsonNode state = f.freshInfo(ann.token()).path("networkState");
    assertThat(state.path("defaultSubNetworkId").asText()).isEqualTo(sub.id());
    assertThat(state.path("data")).isEqualTo(RoomfulSocketFixture.JSON.valueToTree(map("lastRoom", "r1",
        "zoom", 2)));

    assertError(f.call(sock, "user:setNetworkState", map()), 400, "networkState is required and must be an object");
    assertError(f.call(sock, "user:setNetworkState", map("networkState", "x")), 400,
        "networkState is required and must be an object");
    assertError(f.call(sock, "user:setNetworkState", map("networkState", map("defaultSubNetworkId", 7))), 400,
        "Field 'networkState.defaultSubNetworkId' has the wrong type; expected a string");
    assertError(f.call(sock, "user:setNetworkState", map("networkState", map("data", List.of(1)))), 400,
        "Field 'networkState.data' has the wrong type; expected an object");
    assertError(f.call(sock, "user:setNetworkState", map("networkState", map("defaultSubNetworkId",
        "no-such-network"))), 404, "Space no-such-network not found");
    assertError(f.call(sock, "user:setNetworkState", map("networkState", map("defaultSubNetworkId",
        elsewhere.id()))), 400, "defaultSubNetworkId " + elsewhere.id() + " is not a sub-network of roomful");
    assertError(f.call(sock, "user:setNetworkState", map("networkState", map("data", map("big",
        "x".repeat(65 * 1024))))), 400, "networkState.data must be at most 65536 bytes as JSON, got 66570");
    assertThat(f.freshInfo(ann.token()).path("networkState")).isEqualTo(state);

    assertEmptyOk(f.call(sock, "user:setNetworkState", map("networkState", map())));
    golden(f.freshInfo(ann.token()).path("networkState"), "network-state-empty.json");
  }

  @Test
  void setUserIsNotNew_clears_isNew_once_and_for_all() {
    Account ann = f.signup("notnew");
    assertThat(f.freshInfo(ann.token()).path("isNew").asBoolean()).isTrue();
    String sock = f.connect(ann.token(), 2);
    assertEmptyOk(f.call(sock, "user:setUserIsNotNew"));
    JsonNode info = f.freshInfo(ann.token());
    assertThat(info.path("isNew").asBoolean()).isFalse();
    assertThat(info.path("user").path("isNew").asBoolean()).isFalse();
    // again: still not new, no error
    assertEmptyOk(f.call(sock, "user:setUserIsNotNew", map()));
    assertThat(f.freshInfo(ann.token()).path("isNew").asBoolean()).isFalse();
  }

  // ---- params

  @Test
  void setUserParams_merges_keys_and_getUserParams_reads_anyone_s() {
    Account ann = f.signup("params");
    Account bob = f.signup("paramsb");
    String sock = f.connect(ann.token(), 2);
    String bobSock = f.connect(bob.token(), 4);

    assertEmptyOk(f.call(sock, "user:setUserParams", map("userParams", map("zoom", "https://zoom.example/j/1",
        "level", 3, "nested", map("a", List.of(1, 2))))));
    assertEmptyOk(f.call(sock, "user:setUserParams", map("userParams", map("level", null, "color", "red"))));
    JsonNode own = assertOk(f.call(sock, "user:getUserParams"));
    golden(own, "user-params.json");
    assertThat(f.info(ann.token()).path("params")).isEqualTo(own.path("data").path("params"));
    assertThat(f.call(sock, "user:getUserParams", map("targetUser", ""))).isEqualTo(own);
    assertThat(f.call(bobSock, "user:getUserParams", map("targetUser", ann.idText()))).isEqualTo(own);
    assertThat(f.call(bobSock, "user:getUserParams").path("data").path("params").size()).isZero();

    JsonNode before = f.info(ann.token());
    assertError(f.call(sock, "user:setUserParams", map()), 400, "userParams is required and must be an object");
    assertError(f.call(sock, "user:setUserParams", map("userParams", List.of("a"))), 400,
        "userParams is required and must be an object");
    assertError(f.call(sock, "user:setUserParams", map("userParams", map("", 1))), 400,
        "params keys must be 1 to 256 characters long");
    assertError(f.call(sock, "user:setUserParams", map("userParams", map("big", "x".repeat(65 * 1024)))), 400,
        "params must be at most 65536 bytes as JSON, got 66570");
    assertThat(f.info(ann.token())).isEqualTo(before);

    assertError(f.call(bobSock, "user:getUserParams", map("targetUser", "ann")), 400,
        "targetUser must be a user id (a positive decimal integer), got 'ann'");
    assertError(f.call(bobSock, "user:getUserParams", map("targetUser", ann.id())), 400,
        "Field 'targetUser' has the wrong type; expected a string");
    assertError(f.call(bobSock, "user:getUserParams", map("targetUser", "1")), 404, "User 1 not found");
  }

  // ---- badges

  @Test
  void listBadgesOfType_pages_through_every_user_s_badges_of_the_type_oldest_first() {
    String type = "gold-" + System.nanoTime();
    List<Account> holders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Account holder = f.signup("badge" + i);
      holders.add(holder);
      f.services().badges().grant(admin(), holder.id(), type, map("rank", i + 1));
    }
    f.services().badges().grant(admin(), holders.get(0).id(), "other-" + type, map());
    String sock = f.connect(holders.get(0).token(), 2);

    JsonNode first = assertOk(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "offset", 0,
        "size", 2)));
    golden(first, "badges-page.json");
    assertThat(first.path("data").path("badges").get(0).path("userId").asText()).isEqualTo(holders.get(0).idText());
    assertThat(first.path("data").path("badges").get(1).path("userId").asText()).isEqualTo(holders.get(1).idText());
    JsonNode second = assertOk(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "offset", 2,
        "size", 2)));
    assertThat(second.path("data").path("badges")).hasSize(1);
    assertThat(second.path("data").path("badges").get(0).path("userId").asText())
        .isEqualTo(holders.get(2).idText());
    assertThat(f.call(sock, "user:listBadgesOfType", map("badgeType", type)).path("data").path("badges"))
        .hasSize(3);
    assertThat(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "size", 0)).path("data")
        .path("badges")).hasSize(3);
    assertThat(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "offset", 3)).path("data")
        .path("badges")).isEmpty();
    golden(f.call(sock, "user:listBadgesOfType", map("badgeType", "none-" + type)), "badges-empty.json");

    assertError(f.call(sock, "user:listBadgesOfType", map()), 400, "badgeType is required");
    assertError(f.call(sock, "user:listBadgesOfType", map("badgeType", "gold star")), 400,
        "badgeType must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
    assertError(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "size", 101)), 400,
        "size must be at most 100");
    assertError(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "size", -1)), 400,
        "size must not be negative");
    assertError(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "offset", -1)), 400,
        "offset must not be negative");
    assertError(f.call(sock, "user:listBadgesOfType", map("badgeType", type, "offset", "2")), 400,
        "Field 'offset' has the wrong type; expected an integer");
  }

  // ---- social accounts

  @Test
  void the_linked_social_accounts_are_listed_in_both_shapes_and_unlinked_by_kind() {
    Account ann = f.signup("social");
    f.services().socialAccounts().link(ann.id(), SocialKind.GOOGLE, "g-" + ann.id(),
        "Ann G");
    f.services().socialAccounts().link(ann.id(), SocialKind.FACEBOOK, "fb-" + ann.id(),
        null);
    String sock = f.connect(ann.token(), 2);

    JsonNode linked = assertOk(f.call(sock, "user:getLinkedSocialAccounts"));
    golden(linked, "linked-social-accounts.json");
    assertThat(linked.path("data").path("socialAccounts").findValuesAsText("socialId"))
        .containsExactlyInAnyOrder("g-" + ann.id(), "fb-" + ann.id());
    JsonNode legacy = assertOk(f.call(sock, "user:getSocialAccounts"));
    golden(legacy, "social-accounts-deprecated.json");
    assertThat(legacy.path("data").path("socialAccounts").findValuesAsText("socialId"))
        .containsExactlyInAnyOrder("g-" + ann.id(), "fb-" + ann.id());

    assertError(f.call(sock, "user:unlinkSocialAccount", map()), 400, "socialKind is required");
    assertError(f.call(sock, "user:unlinkSocialAccount", map("socialKind", "myspace")), 400,
        "Unknown social account kind: 'myspace' (roomful, google, apple, facebook, epam, verus or merkos302)");
    assertError(f.call(sock, "user:unlinkSocialAccount", map("socialKind", "apple")), 404,
        "No apple account is linked to the user");
    assertError(f.call(sock, "user:unlinkSocialAccount", map("socialKind", 1)), 400,
        "Field 'socialKind' has the wrong type; expected a string");
    assertThat(f.call(sock, "user:getLinkedSocialAccounts")).isEqualTo(linked);

    assertEmptyOk(f.call(sock, "user:unlinkSocialAccount", map("socialKind", "Google")));
    JsonNode after = f.call(sock, "user:getLinkedSocialAccounts").path("data").path("socialAccounts");
    assertThat(after.findValuesAsText("kind")).containsExactly("facebook");
    assertThat(f.services().socialAccounts().byAccount(SocialKind.GOOGLE,
        "g-" + ann.id())).isEmpty();
    assertError(f.call(sock, "user:unlinkSocialAccount", map("socialKind", "google")), 404,
        "No google account is linked to the user");
  }

  @Test
  void a_user_without_a_password_cannot_unlink_the_only_account_they_sign_in_with() {
    Account ann = f.signup("socialonly");
    User persona = f.services().personas().create(ann.id(), Profile.EMPTY.withNames("P", "Q"));
    f.services().socialAccounts().link(persona.id(), SocialKind.APPLE, "a-" + persona.id(),
        null);
    String sock = f.connect(f.sessionOf(persona), 2);
    JsonNode before = f.call(sock, "user:getLinkedSocialAccounts");
    assertError(f.call(sock, "user:unlinkSocialAccount", map("socialKind", "apple")), 400,
        "The apple account is the only way this user signs in: set a password first");
    assertThat(f.call(sock, "user:getLinkedSocialAccounts")).isEqualTo(before);
    assertThat(before.path("data").path("socialAccounts")).hasSize(1);
  }

  // ---- personas

  @Test
  void listLinkedPersonaAccounts_lists_the_personas_the_user_owns() {
    Account ann = f.signup("personas");
    Account bob = f.signup("personasb");
    assertThat(f.call(f.connect(ann.token(), 2), "user:listLinkedPersonaAccounts").path("data")
        .path("linkedAccounts")).isEmpty();
    Profile plain = Profile.builder().firstName("Work").lastName("Ann").companyName("Acme").companyTitle("CTO").build();
    User work = f.services().personas().create(ann.id(), plain);
    User play = f.services().personas().create(ann.id(), Profile.builder().firstName("Play").lastName("Ann")
        .privacyMode(Profile.PRIVACY_INCOGNITO).build());
    f.services().profiles().changeAvatar3D(play.id(), new Avatar3D("asset-9",
        Map.of("hair", "green"), "https://models.example.com/play.glb", null));
    f.services().personas().create(bob.id(), plain);
    String sock = f.connect(ann.token(), 2);

    JsonNode listed = assertOk(f.call(sock, "user:listLinkedPersonaAccounts"));
    golden(listed, "linked-persona-accounts.json");
    assertThat(listed.path("data").path("linkedAccounts").findValuesAsText("id"))
        .containsExactly(Long.toString(work.id()), Long.toString(play.id()));
  }

  // ---- providers

  @Test
  void the_provider_methods_are_503_on_a_server_without_the_provider() {
    Account ann = f.signup("noprovider");
    String sock = f.connect(ann.token(), 2);
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("avatarUserId",
        "64943d471dc01e086ac887ee"))));
    assertError(f.call(sock, "user:getRPMAvatarToken"), 503, "Ready Player Me is not configured on this server");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", "EAAanything")), 503,
        "Facebook login is not configured on this server");
    f.assertAlive(sock);
  }

  // ---- z-addresses

  @Test
  void setZAddress_registers_or_retitles_and_listZAddresses_lists_newest_first() {
    Account ann = f.signup("zaddr");
    Account bob = f.signup("zaddrb");
    String sock = f.connect(ann.token(), 2);
    String bobSock = f.connect(bob.token(), 4);
    String first = "zs1first" + ann.id();
    String second = "zs1second" + ann.id();

    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", first, "title", "Phone")));
    RoomfulSocketFixture.sleep(Duration.ofMillis(5));
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", second)));
    JsonNode listed = assertOk(f.call(sock, "user:listZAddresses"));
    golden(listed, "z-addresses.json");
    assertThat(listed.path("data").path("zAddresses").findValuesAsText("zAddress")).containsExactly(second, first);
    String created = listed.path("data").path("zAddresses").get(1).path("created").asText();

    // retitling keeps the creation time
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", first, "title", "Laptop")));
    JsonNode retitled = f.call(sock, "user:listZAddresses").path("data").path("zAddresses").get(1);
    assertThat(retitled.path("title").asText()).isEqualTo("Laptop");
    assertThat(retitled.path("created").asText()).isEqualTo(created);

    JsonNode before = f.call(sock, "user:listZAddresses");
    assertError(f.call(bobSock, "user:setZAddress", map("zAddress", first, "title", "Mine")), 409,
        "The z-address is registered by another user");
    assertError(f.call(sock, "user:setZAddress", map()), 400, "zAddress is required");
    assertError(f.call(sock, "user:setZAddress", map("zAddress", "")), 400, "zAddress is required");
    assertError(f.call(sock, "user:setZAddress", map("zAddress", "zs1-not_base58")), 400,
        "zAddress must contain only letters and digits");
    assertError(f.call(sock, "user:setZAddress", map("zAddress", "z".repeat(129))), 400,
        "zAddress must be at most 128 characters long");
    assertError(f.call(sock, "user:setZAddress", map("zAddress", first, "title", "t".repeat(257))), 400,
        "title must be at most 256 characters long");
    assertError(f.call(sock, "user:setZAddress", map("zAddress", 17)), 400,
        "Field 'zAddress' has the wrong type; expected a string");
    assertThat(f.call(sock, "user:listZAddresses")).isEqualTo(before);
    assertThat(f.call(bobSock, "user:listZAddresses").path("data").path("zAddresses")).isEmpty();
  }

  @Test
  void a_user_registers_at_most_100_z_addresses() {
    Account ann = f.signup("zmany");
    String sock = f.connect(ann.token(), 4);
    for (int i = 0; i < 100; i++) {
      assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", "zs1many" + ann.id() + "n" + i)));
    }
    assertError(f.call(sock, "user:setZAddress", map("zAddress", "zs1one" + ann.id() + "more")), 400,
        "A user may register at most 100 z-addresses");
    // retitling one of the hundred still works
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", "zs1many" + ann.id() + "n0", "title", "x")));
    assertThat(f.call(sock, "user:listZAddresses").path("data").path("zAddresses")).hasSize(100);
  }
}
