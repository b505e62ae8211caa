package dev.atrium.server.rocketchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.user.User;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code permissions.listAll}, {@code permissions.update} and {@code roles.list} over the wire: Rocket.Chat's default
 * grants are listed, a change by an administrator holds from the very next request (the users.info matrix moves with
 * it), and every refused change (a plain user's, a body the schema refuses, an unknown permission or role) changes
 * nothing.
 */
class RocketChatPermissionsTest {
  private static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  static TestServer server;
  static RocketChat rc;
  static User ann;
  static User bob;
  static Credentials annC;
  static Credentials adminC;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.perm", "Ann", "Perm", List.of("INDIVIDUAL"));
    bob = rc.createUser("bob.perm", "Bob", "Perm", List.of("INDIVIDUAL"));
    annC = rc.credentials("ann.perm", RocketChat.PASSWORD);
    adminC = rc.admin();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void restoreDefaults() {
    update(adminC, List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of("admin")),
        Map.of("_id", Permissions.VIEW_OTHER_USER_CHANNELS, "roles", List.of("admin")),
        Map.of("_id", Permissions.CREATE_C, "roles", List.copyOf(Permissions.DEFAULT_GRANTS.get(Permissions.CREATE_C)))))
        .then().statusCode(200);
  }

  private static Response update(Credentials as, Object permissions) {
    return rc.as(as).contentType(ContentType.JSON).body(Map.of("permissions", permissions))
        .post("/api/v1/permissions.update");
  }

  private static Response listAll(String query) {
    return rc.as(annC).get("/api/v1/permissions.listAll" + query);
  }

  @Test
  void every_user_lists_rocket_chats_default_grants() {
    Response all = listAll("");
    assertThat(all.statusCode()).as(all.asString()).isEqualTo(200);
    assertThat(all.contentType()).isEqualTo("application/json");
    JsonPath json = all.jsonPath();
    assertThat(json.getList("remove")).isEmpty();
    assertThat(json.getBoolean("success")).isTrue();
    List<Map<String, Object>> update = json.getList("update");
    assertThat(update).extracting(p -> p.get("_id")).containsExactlyElementsOf(
        new TreeSet<>(Permissions.DEFAULT_GRANTS.keySet()));
    for (Map<String, Object> permission : update) {
      assertThat(permission).containsOnlyKeys("_id", "roles", "_updatedAt");
      assertThat((String) permission.get("_updatedAt")).matches(ISO_MILLIS);
      assertThat(permission.get("roles")).isEqualTo(List.copyOf(new TreeSet<>(
          Permissions.DEFAULT_GRANTS.get((String) permission.get("_id")))));
    }
    Golden.assertMatches(json(update.stream().filter(p -> p.get("_id").equals(
        Permissions.VIEW_FULL_OTHER_USER_INFO)).findFirst().orElseThrow()), "rocketchat/permission.json");
  }

  private static String json(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void updated_since_lists_only_the_grants_changed_after_it_and_refuses_what_is_no_date() {
    String before = Instant.now().toString();
    assertThat(listAll("?updatedSince=" + before).jsonPath().getList("update")).isEmpty();
    update(adminC, List.of(Map.of("_id", Permissions.VIEW_OTHER_USER_CHANNELS, "roles", List.of("admin", "user"))))
        .then().statusCode(200);
    assertThat(listAll("?updatedSince=" + before).jsonPath().getList("update._id"))
        .containsExactly(Permissions.VIEW_OTHER_USER_CHANNELS);
    assertThat(listAll("?updatedSince=").jsonPath().getList("update")).hasSize(Permissions.DEFAULT_GRANTS.size());

    Response notADate = listAll("?updatedSince=yesterday");
    assertThat(notADate.statusCode()).isEqualTo(400);
    assertThat(notADate.asString()).isEqualTo("{\"success\":false,\"error\":\"The \\\"updatedSince\\\" query"
        + " parameter must be a valid date. [error-roomId-param-invalid]\",\"errorType\":\"error-roomId-param-invalid\"}");
    Response extra = listAll("?since=2020-01-01");
    assertThat(extra.statusCode()).isEqualTo(400);
    assertThat(extra.asString()).isEqualTo("{\"success\":false,\"error\":\"must NOT have additional properties"
        + " [invalid-params]\",\"errorType\":\"invalid-params\"}");
  }

  @Test
  void a_grant_to_user_holds_from_the_next_request_and_moves_the_users_info_matrix() {
    Response seen = rc.as(annC).get("/api/v1/users.info?userId=" + bob.id() + "&includeUserRooms=true");
    assertThat((Boolean) seen.path("user.canViewAllInfo")).isFalse();
    assertThat((Object) seen.path("user.emails")).isNull();
    assertThat((Object) seen.path("user.rooms")).isNull();

    Response updated = update(adminC, List.of(
        Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of("user", "admin")),
        Map.of("_id", Permissions.VIEW_OTHER_USER_CHANNELS, "roles", List.of("user"))));
    assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
    assertThat(updated.jsonPath().getList("permissions")).hasSize(Permissions.DEFAULT_GRANTS.size());
    assertThat(updated.jsonPath().getList("permissions.find { it._id == 'view-full-other-user-info' }.roles"))
        .containsExactly("admin", "user");

    Response full = rc.as(annC).get("/api/v1/users.info?userId=" + bob.id() + "&includeUserRooms=true");
    assertThat((Boolean) full.path("user.canViewAllInfo")).isTrue();
    assertThat(full.jsonPath().getList("user.emails.address")).containsExactly("bob.perm@rocket.test");
    assertThat(full.jsonPath().getList("user.rooms")).isEmpty();

    // granted to nobody, not even to the admin: another user's rooms are no longer anyone's to see
    update(adminC, List.of(Map.of("_id", Permissions.VIEW_OTHER_USER_CHANNELS, "roles", List.of())))
        .then().statusCode(200);
    assertThat((Object) rc.as(adminC).get("/api/v1/users.info?userId=" + bob.id() + "&includeUserRooms=true")
        .path("user.rooms")).isNull();
  }

  @Test
  void without_create_c_a_user_may_not_create_a_channel_and_nothing_is_made() {
    update(adminC, List.of(Map.of("_id", Permissions.CREATE_C, "roles", List.of("admin")))).then().statusCode(200);
    Response refused = rc.as(annC).contentType(ContentType.JSON).body(Map.of("name", "no-create-c"))
        .post("/api/v1/channels.create");
    assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
    assertThat(refused.asString()).isEqualTo("{\"success\":false,\"error\":\"unauthorized\"}");
    assertThat(rc.as(annC).get("/api/v1/channels.info?roomName=no-create-c").statusCode()).isEqualTo(400);
    // the admin still holds it
    assertThat(rc.as(adminC).contentType(ContentType.JSON).body(Map.of("name", "with-create-c"))
        .post("/api/v1/channels.create").statusCode()).isEqualTo(200);
  }

  @Test
  void a_plain_user_may_not_change_grants_and_a_refused_change_changes_nothing() {
    String before = listAll("").asString();
    Response refused = update(annC, List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO,
        "roles", List.of("user"))));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.asString()).isEqualTo("{\"success\":false,\"error\":\"User does not have the permissions"
        + " required for this action [error-unauthorized]\",\"errorType\":\"error-unauthorized\"}");

    Map<Object, String> bad = new LinkedHashMap<>();
    bad.put(List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of("user")),
        Map.of("_id", "no-such-permission", "roles", List.of())),
        "{\"success\":false,\"error\":\"Invalid permission\",\"errorType\":\"error-invalid-permission\"}");
    bad.put(List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of("user")),
        Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of("admin"))),
        "{\"success\":false,\"error\":\"Invalid permission\",\"errorType\":\"error-invalid-permission\"}");
    bad.put(List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of("user", "emperor"))),
        "{\"success\":false,\"error\":\"Invalid role\",\"errorType\":\"error-invalid-role\"}");
    bad.put(List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO)), invalid("must have required property"
        + " 'roles'"));
    bad.put(List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", "user")), invalid("must be array"));
    bad.put(List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of("user", "user"))),
        invalid("must NOT have duplicate items (items ## 1 and 0 are identical)"));
    bad.put(List.of(Map.of("_id", Permissions.VIEW_FULL_OTHER_USER_INFO, "roles", List.of(), "extra", 1)),
        invalid("must NOT have additional properties"));
    bad.put(List.of(Map.of("_id", List.of(), "roles", List.of())), invalid("must be string"));
    bad.put("all", invalid("must be array"));
    bad.forEach((permissions, body) -> {
      Response response = update(adminC, permissions);
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(400);
      assertThat(response.asString()).isEqualTo(body);
    });
    Response noList = rc.as(adminC).contentType(ContentType.JSON).body(Map.of("grants", List.of()))
        .post("/api/v1/permissions.update");
    assertThat(noList.asString()).isEqualTo(invalid("must have required property 'permissions'"));
    assertThat(listAll("").asString()).isEqualTo(before);
  }

  private static String invalid(String message) {
    return "{\"success\":false,\"error\":\"" + message + " [invalid-params]\",\"errorType\":\"invalid-params\"}";
  }

  @Test
  void roles_list_shows_rocket_chats_default_roles() {
    Response roles = rc.as(annC).get("/api/v1/roles.list");
    assertThat(roles.statusCode()).as(roles.asString()).isEqualTo(200);
    assertThat(roles.jsonPath().getList("roles.name")).containsExactly("admin", "moderator", "leader", "owner",
        "user", "bot", "app", "guest", "anonymous", "livechat-agent", "livechat-manager", "federated-external");
    assertThat(roles.jsonPath().getList("roles.scope").stream().distinct()).containsExactly("Users",
        "Subscriptions");
    Golden.assertMatches(json(roles.jsonPath().getMap("roles[0]")), "rocketchat/roles-list-admin.json");
    assertThat((Boolean) roles.path("success")).isTrue();
  }

  @Test
  void without_a_session_each_route_is_refused_401() {
    for (String path : List.of("/api/v1/permissions.listAll", "/api/v1/roles.list")) {
      assertThat(rc.http().get(path).statusCode()).isEqualTo(401);
    }
    assertThat(rc.http().body(Map.of("permissions", List.of())).post("/api/v1/permissions.update").statusCode())
        .isEqualTo(401);
  }
}
