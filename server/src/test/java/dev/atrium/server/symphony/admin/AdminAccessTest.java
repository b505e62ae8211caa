package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The access sweep of SymphonyAdmin's routes. */
class AdminAccessTest extends AccessSweep {
  AdminFixture.Created target;
  AdminFixture.Created delegate;
  String disclaimerId;
  String avatar;

  @Override
  void setUp() throws Exception {
    avatar = AdminAvatarTest.image("png", 16, 16, Color.RED);
    target = pod.createUser("target");
    delegate = pod.createUser("delegate");
    disclaimerId = pod.admin().body(Map.of("name", "Recording", "content", "Recorded.", "isActive", true))
        .post("/pod/v1/admin/disclaimer/create").then().statusCode(200).extract().path("id");
    pod.admin().body(List.of(Map.of("appId", "zoom", "appName", "Zoom", "enable", true, "listed", true,
        "install", false))).post("/pod/v1/admin/app/entitlement/list").then().statusCode(200);
  }

  /** The refused status and password changes left the target able to sign in. */
  @Override
  void afterRefusals() {
    pod.signin(target.email(), PASSWORD);
  }

  /** Every route of SymphonyAdmin's table. */
  @Override
  Stream<Route> routes() {
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
        new Route("POST", u + "/avatar/update", Map.of("image", avatar)),
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

  @Override
  List<String> state() {
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
