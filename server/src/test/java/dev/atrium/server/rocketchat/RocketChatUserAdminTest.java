package dev.atrium.server.rocketchat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.user.User;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rocket.Chat's user management over the wire: {@code users.create}, {@code users.update}, {@code users.delete},
 * {@code users.setActiveStatus}, {@code users.register} and {@code users.list}. The administrator is Rocket.Chat's
 * {@code admin} (a SUPER_ADMINISTRATOR); Ann and Carl (a pod ADMINISTRATOR, Rocket.Chat's plain {@code user}) hold
 * none of the management permissions. Every refusal leaves the database as it was.
 */
class RocketChatUserAdminTest {
  private static final Set<String> IGNORED = Set.of("sessions.last_used_at");

  static TestServer server;
  static RocketChat rc;
  static User ann;
  static User carl;
  static Credentials annC;
  static Credentials carlC;
  static Credentials adminC;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
    ann = rc.createUser("ann.admin", "Ann", "Admin", List.of("INDIVIDUAL"));
    carl = rc.createUser("carl.admin", "Carl", "Admin", List.of("INDIVIDUAL", "ADMINISTRATOR"));
    annC = rc.credentials("ann.admin", RocketChat.PASSWORD);
    carlC = rc.credentials("carl.admin", RocketChat.PASSWORD);
    adminC = rc.admin();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response post(Credentials as, String route, Object body) {
    return rc.as(as).contentType(ContentType.JSON).body(body).post("/api/v1/" + route);
  }

  private static Map<String, String> digest() {
    return DatabaseDigest.of(server.atrium(), IGNORED);
  }

  private static Map<String, Object> newUser(String username) {
    Map<String, Object> body = new HashMap<>();
    body.put("email", username + "@rocket.test");
    body.put("name", "New " + username);
    body.put("password", "new-password-1");
    body.put("username", username);
    return body;
  }

  /** A body with one change: {@code key} set to {@code value}, or removed when the value is null. */
  private static Map<String, Object> with(Map<String, Object> body, String key, @org.jspecify.annotations.Nullable
      Object value) {
    Map<String, Object> changed = new HashMap<>(body);
    if (value == null) {
      changed.remove(key);
    } else {
      changed.put(key, value);
    }
    return changed;
  }

  private static void assertRefused(Response response, int status, String golden) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo("application/json");
    Golden.assertMatches(response.asString(), golden);
  }

  // ---- users.create

  @Test
  void an_admin_creates_a_user_who_can_then_sign_in() {
    Map<String, Object> body = with(newUser("dora.new"), "bio", "Dora's bio");
    body.put("roles", List.of("user"));
    body.put("verified", true);
    body.put("joinDefaultChannels", false);
    Response created = post(adminC, "users.create", body);
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(200);
    assertThat(created.contentType()).isEqualTo("application/json");
    Golden.assertMatches(created.asString(), "rocketchat/users-create.json");
    assertThat(created.asString()).doesNotContain("new-password-1").doesNotContain("services");
    Credentials dora = rc.credentials("dora.new", "new-password-1");
    assertThat(dora.userId()).isEqualTo(created.path("user._id"));
  }

  @Test
  void an_admin_creates_another_admin_and_an_inactive_user() {
    Response admin = post(adminC, "users.create", with(newUser("eve.new"), "roles", List.of("admin", "user")));
    assertThat(admin.statusCode()).as(admin.asString()).isEqualTo(200);
    assertThat((List<String>) admin.path("user.roles")).containsExactly("user", "admin");
    User eve = server.atrium().users().byUsername("eve.new").orElseThrow();
    assertThat(eve.roles()).contains("SUPER_ADMINISTRATOR", "INDIVIDUAL");

    Response inactive = post(adminC, "users.create", with(newUser("fay.new"), "active", false));
    assertThat(inactive.statusCode()).as(inactive.asString()).isEqualTo(200);
    assertThat((Boolean) inactive.path("user.active")).isFalse();
    assertThat(rc.login(Map.of("user", "fay.new", "password", "new-password-1")).statusCode()).isEqualTo(401);
  }

  @Test
  void a_create_that_is_refused_changes_nothing() {
    Map<String, String> before = digest();
    assertRefused(post(annC, "users.create", newUser("gus.new")), 400, "rocketchat/create-not-allowed.json");
    assertRefused(post(carlC, "users.create", newUser("gus.new")), 400, "rocketchat/create-not-allowed.json");
    assertRefused(post(adminC, "users.create", with(newUser("admin"), "email", "x@rocket.test")), 400,
        "rocketchat/create-blocked-username.json");
    for (String notAnObject : List.of("null", "[1]", "\"text\"", "7")) {
      Response refused = rc.as(adminC).contentType(ContentType.JSON).body(notAnObject).post("/api/v1/users.create");
      assertThat(refused.statusCode()).as(notAnObject).isEqualTo(400);
      assertThat((String) refused.path("error")).as(notAnObject).isEqualTo("must be object [invalid-params]");
    }
    assertThat((String) post(adminC, "users.create", with(newUser("gus.new"), "email", null)).path("error"))
        .isEqualTo("must have required property 'email' [invalid-params]");
    assertThat((String) post(adminC, "users.create", with(newUser("gus.new"), "foo", 1)).path("error"))
        .isEqualTo("must NOT have additional properties [invalid-params]");
    assertThat((String) post(adminC, "users.create", with(newUser("gus.new"), "active", "yes")).path("error"))
        .isEqualTo("must be boolean [invalid-params]");
    assertThat((String) post(adminC, "users.create", with(newUser("gus.new"), "roles", List.of(1))).path("error"))
        .isEqualTo("must be string [invalid-params]");
    Response role = post(adminC, "users.create", with(newUser("gus.new"), "roles", List.of("user", "moderator")));
    assertThat(role.statusCode()).isEqualTo(400);
    assertThat((String) role.path("error"))
        .isEqualTo("The field Roles consist invalid role id [error-action-not-allowed]");
    Response taken = post(adminC, "users.create", with(newUser("ANN.ADMIN"), "email", "other@rocket.test"));
    assertThat((String) taken.path("error")).isEqualTo("ANN.ADMIN is already in use :( [error-field-unavailable]");
    assertThat((String) taken.path("errorType")).isEqualTo("error-field-unavailable");
    assertThat((String) post(adminC, "users.create", with(newUser("gus.new"), "email", "ann.admin@rocket.test"))
        .path("errorType")).isEqualTo("error-field-unavailable");
    assertThat((String) post(adminC, "users.create", with(newUser("gus new"), "email", "g@rocket.test"))
        .path("errorType")).isEqualTo("error-input-is-not-a-valid-field");
    assertThat((String) post(adminC, "users.create", with(newUser("gus.new"), "email", "not-an-address"))
        .path("error")).isEqualTo("Invalid email not-an-address [error-invalid-email]");
    Response shortPassword = post(adminC, "users.create", with(newUser("gus.new"), "password", "short"));
    assertThat(shortPassword.statusCode()).isEqualTo(400);
    assertThat(shortPassword.asString()).doesNotContain("\"short\"");
    assertThat((Boolean) shortPassword.path("success")).isFalse();
    assertThat(digest()).isEqualTo(before);
    assertThat(server.atrium().users().byUsername("gus.new")).isEmpty();
  }

  // ---- users.update

  @Test
  void an_admin_updates_another_users_fields_and_the_user_his_own() {
    User hal = rc.createUser("hal.update", "Hal", "Update", List.of("INDIVIDUAL"));
    Response updated = post(adminC, "users.update", Map.of("userId", Long.toString(hal.id()), "data",
        Map.of("name", "Hal Renamed", "bio", "New bio", "email", "hal.renamed@rocket.test", "username",
            "hal.renamed")));
    assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
    Golden.assertMatches(updated.asString(), "rocketchat/users-update.json");

    Credentials halC = rc.credentials("hal.renamed", RocketChat.PASSWORD);
    Response own = post(halC, "users.update", Map.of("userId", halC.userId(), "data", Map.of("name", "Hal Himself")));
    assertThat(own.statusCode()).as(own.asString()).isEqualTo(200);
    assertThat((String) own.path("user.name")).isEqualTo("Hal Himself");
  }

  @Test
  void an_admin_sets_another_users_password_and_the_users_tokens_end() {
    User ida = rc.createUser("ida.update", "Ida", "Update", List.of("INDIVIDUAL"));
    Credentials idaC = rc.credentials("ida.update", RocketChat.PASSWORD);
    Response updated = post(adminC, "users.update", Map.of("userId", Long.toString(ida.id()), "data",
        Map.of("password", "changed-password-1")));
    assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
    assertThat(updated.asString()).doesNotContain("changed-password-1");
    assertThat(rc.as(idaC).get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(rc.login(Map.of("user", "ida.update", "password", RocketChat.PASSWORD)).statusCode()).isEqualTo(401);
    rc.credentials("ida.update", "changed-password-1");
  }

  @Test
  void an_update_that_is_refused_changes_nothing() {
    User jon = rc.createUser("jon.update", "Jon", "Update", List.of("INDIVIDUAL"));
    String jonId = Long.toString(jon.id());
    Map<String, String> before = digest();
    assertRefused(post(annC, "users.update", Map.of("userId", jonId, "data", Map.of("name", "Hacked"))), 400,
        "rocketchat/update-not-allowed.json");
    assertThat((String) post(carlC, "users.update", Map.of("userId", jonId, "data", Map.of("name", "Hacked")))
        .path("errorType")).isEqualTo("error-action-not-allowed");
    for (Map<String, Object> data : List.<Map<String, Object>>of(Map.of("active", false),
        Map.of("roles", List.of("admin")), Map.of("password", "own-new-password-1"))) {
      Response own = post(annC, "users.update", Map.of("userId", annC.userId(), "data", data));
      assertThat(own.statusCode()).as("%s: %s", data, own.asString()).isEqualTo(400);
      assertThat((String) own.path("errorType")).isEqualTo("error-action-not-allowed");
    }
    assertThat((String) post(adminC, "users.update", Map.of("userId", jonId, "data", Map.of("foo", 1)))
        .path("error")).isEqualTo("must NOT have additional properties [invalid-params]");
    assertThat((String) post(adminC, "users.update", Map.of("data", Map.of("name", "x"))).path("error"))
        .isEqualTo("must have required property 'userId' [invalid-params]");
    assertThat((String) post(adminC, "users.update", Map.of("userId", "999999", "data", Map.of("name", "x")))
        .path("errorType")).isEqualTo("error-invalid-user");
    assertThat((String) post(adminC, "users.update", Map.of("userId", jonId, "data",
        Map.of("name", "Fine", "username", "ann.admin"))).path("errorType")).isEqualTo("error-field-unavailable");
    assertThat((String) post(adminC, "users.update", Map.of("userId", jonId, "data",
        Map.of("name", "Fine", "password", "short"))).path("success").toString()).isEqualTo("false");
    assertThat(digest()).isEqualTo(before);
  }

  // ---- users.delete

  @Test
  void an_admin_deletes_a_user_who_is_then_gone_in_every_dialect() {
    User kim = rc.createUser("kim.delete", "Kim", "Delete", List.of("INDIVIDUAL"));
    Credentials kimC = rc.credentials("kim.delete", RocketChat.PASSWORD);
    String pat = post(kimC, "users.generatePersonalAccessToken", Map.of("tokenName", "kim")).path("token");
    // Kim is in a room of Ann's and has an IM with her: rows in other tables that name him
    String room = given().baseUri(server.baseUrl()).header("sessionToken", annC.authToken())
        .contentType(ContentType.JSON).body(Map.of("name", "Kim's room")).post("/pod/v3/room/create")
        .then().statusCode(200).extract().path("roomSystemInfo.id");
    given().baseUri(server.baseUrl()).header("sessionToken", annC.authToken()).contentType(ContentType.JSON)
        .body(Map.of("id", kim.id())).post("/pod/v1/room/" + room + "/membership/add").then().statusCode(200);
    given().baseUri(server.baseUrl()).header("sessionToken", kimC.authToken()).contentType(ContentType.JSON)
        .body(List.of(ann.id())).post("/pod/v1/im/create").then().statusCode(200);
    // ... has asked Ann to connect, and set his presence
    given().baseUri(server.baseUrl()).header("sessionToken", kimC.authToken()).contentType(ContentType.JSON)
        .body(Map.of("userId", ann.id())).post("/pod/v1/connection/create").then().statusCode(200);
    assertThat(post(kimC, "users.setStatus", Map.of("status", "busy")).statusCode()).isEqualTo(200);
    assertThat((List<Object>) given().baseUri(server.baseUrl()).header("sessionToken", annC.authToken())
        .get("/pod/v1/connection/list?status=ALL").then().statusCode(200).extract().path("userId")).contains(kim.id());

    Response deleted = post(adminC, "users.delete", Map.of("username", "kim.delete"));
    assertThat(deleted.statusCode()).as(deleted.asString()).isEqualTo(200);
    Golden.assertMatches(deleted.asString(), "rocketchat/success.json");

    assertThat(rc.as(kimC).get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(rc.as(new Credentials(kimC.userId(), pat)).get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(given().baseUri(server.baseUrl()).header("sessionToken", kimC.authToken())
        .get("/pod/v2/sessioninfo").statusCode()).isEqualTo(401);
    assertThat(given().baseUri(server.baseUrl()).header("sessionToken", annC.authToken())
        .get("/pod/v2/user?uid=" + kim.id()).statusCode()).isEqualTo(204);
    assertThat(rc.as(annC).get("/api/v1/users.info?userId=" + kim.id()).statusCode()).isEqualTo(400);
    assertThat(rc.login(Map.of("user", "kim.delete", "password", RocketChat.PASSWORD)).statusCode()).isEqualTo(401);
    assertThat(server.atrium().users().byId(kim.id())).isEmpty();
    // the room stays, without him
    assertThat(given().baseUri(server.baseUrl()).header("sessionToken", annC.authToken())
        .get("/pod/v2/room/" + room + "/info").statusCode()).isEqualTo(200);
    assertThat((List<Object>) given().baseUri(server.baseUrl()).header("sessionToken", annC.authToken())
        .get("/pod/v2/room/" + room + "/membership/list").then().statusCode(200).extract().path("id"))
        .doesNotContain(kim.id());
    assertThat((List<Object>) given().baseUri(server.baseUrl()).header("sessionToken", annC.authToken())
        .get("/pod/v1/connection/list?status=ALL").then().statusCode(200).extract().path("userId"))
        .doesNotContain(kim.id());
    assertThat((List<String>) rc.as(annC).get("/api/v1/users.presence").path("users.username"))
        .doesNotContain("kim.delete");
    // the name is free again
    assertThat(post(adminC, "users.create", newUser("kim.delete")).statusCode()).isEqualTo(200);
  }

  @Test
  void a_delete_that_is_refused_changes_nothing() {
    User lea = rc.createUser("lea.delete", "Lea", "Delete", List.of("INDIVIDUAL"));
    Map<String, String> before = digest();
    assertRefused(post(annC, "users.delete", Map.of("userId", Long.toString(lea.id()))), 403,
        "rocketchat/unauthorized.json");
    assertRefused(post(carlC, "users.delete", Map.of("userId", Long.toString(lea.id()))), 403,
        "rocketchat/unauthorized.json");
    assertThat((String) post(adminC, "users.delete", Map.of()).path("error"))
        .isEqualTo("The required \"userId\" or \"username\" param was not provided [error-user-param-not-provided]");
    assertThat((String) post(adminC, "users.delete", Map.of("username", "nobody.here")).path("errorType"))
        .isEqualTo("error-invalid-user");
    assertThat((String) post(adminC, "users.delete", Map.of("userId", 5)).path("error"))
        .isEqualTo("must be string [invalid-params]");
    assertThat(post(adminC, "users.delete", Map.of("userId", adminC.userId())).statusCode()).isEqualTo(400);
    assertThat(digest()).isEqualTo(before);
  }

  // ---- users.setActiveStatus

  @Test
  void an_admin_deactivates_a_user_whose_sessions_end_and_activates_him_again() {
    User max = rc.createUser("max.active", "Max", "Active", List.of("INDIVIDUAL"));
    Credentials maxC = rc.credentials("max.active", RocketChat.PASSWORD);
    Response off = post(adminC, "users.setActiveStatus", Map.of("userId", Long.toString(max.id()),
        "activeStatus", false));
    assertThat(off.statusCode()).as(off.asString()).isEqualTo(200);
    Golden.assertMatches(off.asString(), "rocketchat/set-active-status-false.json");
    assertThat(rc.as(maxC).get("/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(rc.login(Map.of("user", "max.active", "password", RocketChat.PASSWORD)).statusCode()).isEqualTo(401);

    Response on = post(adminC, "users.setActiveStatus", Map.of("userId", Long.toString(max.id()),
        "activeStatus", true));
    assertThat((Boolean) on.path("user.active")).isTrue();
    rc.credentials("max.active", RocketChat.PASSWORD);
  }

  @Test
  void a_set_active_status_that_is_refused_changes_nothing() {
    User ned = rc.createUser("ned.active", "Ned", "Active", List.of("INDIVIDUAL"));
    Map<String, String> before = digest();
    assertRefused(post(annC, "users.setActiveStatus", Map.of("userId", Long.toString(ned.id()),
        "activeStatus", false)), 403, "rocketchat/unauthorized.json");
    assertThat((String) post(adminC, "users.setActiveStatus", Map.of("userId", Long.toString(ned.id())))
        .path("error")).isEqualTo("must have required property 'activeStatus' [invalid-params]");
    assertThat((String) post(adminC, "users.setActiveStatus", Map.of("userId", Long.toString(ned.id()),
        "activeStatus", "no")).path("error")).isEqualTo("must be boolean [invalid-params]");
    assertThat((String) post(adminC, "users.setActiveStatus", Map.of("userId", "999999", "activeStatus", false))
        .path("errorType")).isEqualTo("error-invalid-user");
    assertThat(digest()).isEqualTo(before);
  }

  // ---- users.register

  @Test
  void anyone_registers_and_signs_in() {
    Response registered = rc.http().body(Map.of("username", "oli.register", "email", "oli@rocket.test", "pass",
        "oli-password-1", "name", "Oli Register")).post("/api/v1/users.register");
    assertThat(registered.statusCode()).as(registered.asString()).isEqualTo(200);
    Golden.assertMatches(registered.asString(), "rocketchat/users-register.json");
    assertThat(registered.asString()).doesNotContain("oli-password-1");
    rc.credentials("oli.register", "oli-password-1");
  }

  @Test
  void a_registration_that_is_refused_changes_nothing() {
    Map<String, String> before = digest();
    Map<String, Object> body = Map.of("username", "pia.register", "email", "pia@rocket.test", "pass",
        "pia-password-1");
    Response loggedIn = rc.as(annC).contentType(ContentType.JSON).body(body).post("/api/v1/users.register");
    assertRefused(loggedIn, 400, "rocketchat/register-logged-in.json");
    assertThat((String) register(with(body, "username", "ann.admin")).path("error"))
        .isEqualTo("Username is already in use");
    assertThat((String) register(with(body, "email", "ANN.ADMIN@rocket.test")).path("error"))
        .isEqualTo("Email already exists");
    assertThat((String) register(with(body, "username", "pia register")).path("error"))
        .isEqualTo("The username provided is not valid");
    assertThat((String) register(with(body, "username", "System")).path("errorType"))
        .isEqualTo("error-blocked-username");
    assertThat((String) register(with(body, "pass", null)).path("error"))
        .isEqualTo("must have required property 'pass' [invalid-params]");
    assertThat(register(with(body, "pass", "short")).statusCode()).isEqualTo(400);
    assertThat(digest()).isEqualTo(before);
  }

  private static Response register(Map<String, Object> body) {
    return rc.http().body(body).post("/api/v1/users.register");
  }

  // ---- users.list

  @Test
  void the_list_pages_and_sorts_every_user_and_shows_addresses_to_admins_only() {
    for (String name : List.of("quin.list", "rae.list", "sam.list")) {
      rc.createUser(name, name.substring(0, 3), "List", List.of("INDIVIDUAL"));
    }
    Response all = rc.as(annC).get("/api/v1/users.list?count=100");
    assertThat(all.statusCode()).as(all.asString()).isEqualTo(200);
    int total = all.path("total");
    assertThat((Integer) all.path("count")).isEqualTo(total);
    assertThat((Integer) all.path("offset")).isZero();
    List<String> names = all.path("users.username");
    assertThat(names).isSorted().contains("quin.list", "rae.list", "sam.list");
    assertThat(all.asString()).doesNotContain("emails").doesNotContain("@rocket.test");

    Response page = rc.as(annC).queryParam("count", 2).queryParam("offset", 1)
        .queryParam("sort", "{\"username\":-1}").get("/api/v1/users.list");
    assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
    assertThat((List<String>) page.path("users.username"))
        .isEqualTo(names.reversed().subList(1, 3));
    assertThat((Integer) page.path("count")).isEqualTo(2);
    assertThat((Integer) page.path("offset")).isEqualTo(1);
    assertThat((Integer) page.path("total")).isEqualTo(total);

    Response one = rc.as(adminC).queryParam("count", 1).queryParam("sort", "{\"username\":1}")
        .get("/api/v1/users.list");
    Golden.assertMatches(one.asString(), "rocketchat/users-list-admin.json");

    Response bad = rc.as(annC).queryParam("sort", "{\"password\":1}").get("/api/v1/users.list");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat((String) bad.path("error"))
        .isEqualTo("Invalid sort parameter provided: \"{\"password\":1}\" [error-invalid-sort]");
    assertThat((Integer) rc.as(annC).get("/api/v1/users.list?count=500").path("count")).isLessThanOrEqualTo(100);
    assertThat(rc.http().get("/api/v1/users.list").statusCode()).isEqualTo(401);
  }
}
