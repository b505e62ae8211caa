package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.ENTITLEMENT;
import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route of the admin API refuses a caller without a live session (401) and a caller who is not an
 * administrator (403), before looking at the request, and a refused call changes nothing.
 */
class AdminAccessTest {
  static AdminFixture pod;
  static AdminFixture.Created target;
  static AdminFixture.Created delegate;
  static String disclaimerId;
  static String plainToken;

  /** One admin route with a request body it would accept from an administrator. */
  record Route(String method, String path, Object body) {
    @Override
    public String toString() {
      return method + " " + path;
    }

    Response send(RequestSpecification request) {
      return method.equals("GET") ? request.get(path) : request.body(body).post(path);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    pod = new AdminFixture();
    target = pod.createUser("target");
    delegate = pod.createUser("delegate");
    plainToken = pod.plainUserToken();
    disclaimerId = pod.admin().body(Map.of("name", "Recording", "content", "Recorded.", "isActive", true))
        .post("/pod/v1/admin/disclaimer/create").then().statusCode(200).extract().path("id");
    pod.admin().body(List.of(Map.of("appId", "zoom", "appName", "Zoom", "enable", true, "listed", true,
        "install", false))).post("/pod/v1/admin/app/entitlement/list").then().statusCode(200);
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  /** Every route of SymphonyAdmin's table. */
  static Stream<Route> routes() throws Exception {
    String u = "/pod/v1/admin/user/" + target.id();
    Map<String, Object> disclaimer = Map.of("name", "Other", "content", "Other text.", "isDefault", true);
    return Stream.of(
        new Route("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "intruder.v1"),
            "password", "intruder-password")),
        new Route("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("userName", "intruder.v2"),
            "password", "intruder-password")),
        new Route("GET", "/pod/v1/admin/user/list", null),
        new Route("POST", "/pod/v1/admin/user/find", Map.of()),
        new Route("GET", u, null),
        new Route("GET", "/pod/v2/admin/user/" + target.id(), null),
        new Route("POST", u + "/update", Map.of("title", "Hacked")),
        new Route("POST", "/pod/v2/admin/user/" + target.id() + "/update", Map.of("title", "Hacked")),
        new Route("GET", u + "/status", null),
        new Route("POST", u + "/status/update", Map.of("status", "DISABLED")),
        new Route("GET", u + "/features", null),
        new Route("POST", u + "/features/update", List.of(Map.of("entitlment", "canUseFirehose", "enabled", true))),
        new Route("GET", "/pod/v1/admin/system/features/list", null),
        new Route("GET", u + "/roles", null),
        new Route("POST", u + "/roles/update", List.of("INDIVIDUAL", "SUPER_ADMINISTRATOR")),
        new Route("GET", "/pod/v1/admin/system/roles/list", null),
        new Route("GET", u + "/avatar", null),
        new Route("POST", u + "/avatar/update", Map.of("image", AdminAvatarTest.image("png", 16, 16, Color.RED))),
        new Route("GET", u + "/delegates", null),
        new Route("POST", u + "/delegates/update", Map.of("userId", delegate.id(), "action", "ADD")),
        new Route("GET", u + "/disclaimer", null),
        new Route("POST", u + "/disclaimer/update", Map.of("id", disclaimerId)),
        new Route("GET", "/pod/v1/admin/disclaimer/list", null),
        new Route("POST", "/pod/v1/admin/disclaimer/create", disclaimer),
        new Route("GET", "/pod/v1/admin/disclaimer/" + disclaimerId, null),
        new Route("POST", "/pod/v1/admin/disclaimer/" + disclaimerId + "/update", disclaimer),
        new Route("GET", "/pod/v1/admin/disclaimer/" + disclaimerId + "/users", null),
        new Route("GET", "/pod/v1/admin/app/entitlement/list", null),
        new Route("POST", "/pod/v1/admin/app/entitlement/list", List.of(Map.of("appId", "evil", "appName", "Evil",
            "enable", true, "listed", true, "install", true))),
        new Route("GET", u + "/app/entitlement/list", null),
        new Route("POST", u + "/app/entitlement/list", List.of(Map.of("appId", "zoom", "appName", "Zoom",
            "listed", false, "install", true))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void no_session_token_is_refused_with_401(Route route) {
    String got = route.send(pod.anonymous()).then().statusCode(401).contentType("application/json")
        .extract().asString();
    Golden.assertMatches(got, "symphony/admin/error-invalid-session.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void an_unknown_session_token_is_refused_with_401(Route route) {
    String got = route.send(pod.as("no-such-token")).then().statusCode(401).extract().asString();
    Golden.assertMatches(got, "symphony/admin/error-invalid-session.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_plain_user_is_refused_with_403(Route route) {
    String got = route.send(pod.as(plainToken)).then().statusCode(403).contentType("application/json")
        .extract().asString();
    Golden.assertMatches(got, "symphony/admin/error-entitlement.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_plain_user_is_refused_before_the_body_is_read(Route route) {
    var request = pod.as(plainToken);
    Response response = route.method().equals("GET") ? request.get(route.path())
        : request.body("{not json").post(route.path());
    response.then().statusCode(403);
    assertThat(response.jsonPath().getString("message")).isEqualTo(ENTITLEMENT);
  }

  @Test
  void refused_calls_change_nothing() throws Exception {
    List<String> before = state();
    String forged = "forged-" + plainToken;
    for (Route route : routes().toList()) {
      route.send(pod.anonymous()).then().statusCode(401);
      route.send(pod.as(forged)).then().statusCode(401);
      route.send(pod.as(plainToken)).then().statusCode(403);
    }
    assertThat(state()).isEqualTo(before);
    pod.signin(target.email(), PASSWORD);
  }

  private static List<String> state() {
    String u = "/pod/v2/admin/user/" + target.id();
    List<String> state = new ArrayList<>();
    for (String path : List.of("/pod/v1/admin/user/list", u, u + "/features", u + "/roles", u + "/avatar",
        u + "/delegates", "/pod/v1/admin/disclaimer/list", "/pod/v1/admin/app/entitlement/list",
        u + "/app/entitlement/list", "/pod/v1/admin/disclaimer/" + disclaimerId + "/users")) {
      state.add(pod.snapshot(path.replace("/pod/v2/admin/user/" + target.id() + "/", "/pod/v1/admin/user/"
          + target.id() + "/")));
    }
    pod.admin().get("/pod/v1/admin/user/" + target.id() + "/disclaimer").then().statusCode(204);
    return state;
  }
}
