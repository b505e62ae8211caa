package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.ENTITLEMENT;
import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.AppEntitlementApi;
import com.symphony.bdk.gen.api.model.PodAppEntitlement;
import com.symphony.bdk.gen.api.model.Product;
import com.symphony.bdk.gen.api.model.UserAppEntitlement;
import dev.atrium.server.Golden;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Application entitlements, the company's and each user's. Each test has a pod of its own. */
class AdminAppEntitlementTest {
  AdminFixture pod;
  AppEntitlementApi api;

  @BeforeEach
  void start() {
    pod = new AdminFixture();
    api = new AppEntitlementApi(pod.pod);
  }

  @AfterEach
  void stop() {
    pod.close();
  }

  private static PodAppEntitlement app(String id, String name, boolean enable) {
    return new PodAppEntitlement().appId(id).appName(name).enable(enable).listed(true).install(false);
  }

  private static Map<String, Object> podApp(String id, String name) {
    Map<String, Object> app = new HashMap<>();
    app.put("appId", id);
    app.put("appName", name);
    app.put("enable", true);
    app.put("listed", true);
    app.put("install", false);
    return app;
  }

  private void refused(String path, Object body, String message) {
    pod.admin().body(body).post(path).then().statusCode(400)
        .body("code", equalTo(400)).body("message", equalTo(message));
  }

  @Test
  void the_company_list_starts_empty_and_gains_posted_apps() throws Exception {
    assertThat(api.v1AdminAppEntitlementListGet(pod.adminToken)).isEmpty();

    List<PodAppEntitlement> after = api.v1AdminAppEntitlementListPost(pod.adminToken,
        List.of(app("salesforce", "Salesforce", true), app("jira", "Jira", false)));

    assertThat(after).containsExactly(app("salesforce", "Salesforce", true), app("jira", "Jira", false));
    assertThat(api.v1AdminAppEntitlementListGet(pod.adminToken)).isEqualTo(after);
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/app/entitlement/list"),
        "symphony/admin/pod-app-entitlement-list.json");
  }

  @Test
  void posting_a_known_app_updates_it_in_place() throws Exception {
    api.v1AdminAppEntitlementListPost(pod.adminToken,
        List.of(app("salesforce", "Salesforce", true), app("jira", "Jira", true)));

    List<PodAppEntitlement> after = api.v1AdminAppEntitlementListPost(pod.adminToken,
        List.of(app("salesforce", "Salesforce CRM", false).install(true)));

    assertThat(after).containsExactly(app("salesforce", "Salesforce CRM", false).install(true),
        app("jira", "Jira", true));
  }

  @Test
  void a_user_sees_enabled_apps_and_their_own_settings() throws Exception {
    AdminFixture.Created user = pod.createUser("apps");
    api.v1AdminAppEntitlementListPost(pod.adminToken,
        List.of(app("salesforce", "Salesforce", true), app("jira", "Jira", false), app("zoom", "Zoom", true)));
    assertThat(api.v1AdminUserUidAppEntitlementListGet(pod.adminToken, user.id())).containsExactly(
        new UserAppEntitlement().appId("salesforce").appName("Salesforce").listed(true).install(false)
            .products(List.of()),
        new UserAppEntitlement().appId("zoom").appName("Zoom").listed(true).install(false).products(List.of()));

    List<UserAppEntitlement> after = api.v1AdminUserUidAppEntitlementListPost(pod.adminToken, user.id(), List.of(
        new UserAppEntitlement().appId("zoom").appName("Zoom").listed(false).install(true).products(List.of(
            new Product().appId("zoom").name("Zoom Pro").sku("ZP-1").subscribed(true).type("premium")))));

    assertThat(after).extracting(UserAppEntitlement::getAppId).containsExactly("salesforce", "zoom");
    assertThat(after.get(1).getInstall()).isTrue();
    assertThat(after.get(1).getListed()).isFalse();
    assertThat(after.get(1).getProducts()).containsExactly(
        new Product().appId("zoom").name("Zoom Pro").sku("ZP-1").subscribed(true).type("premium"));
    assertThat(api.v1AdminUserUidAppEntitlementListGet(pod.adminToken, user.id())).isEqualTo(after);
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/user/" + user.id() + "/app/entitlement/list"),
        "symphony/admin/user-app-entitlement-list.json");

    AdminFixture.Created other = pod.createUser("apps.other");
    assertThat(api.v1AdminUserUidAppEntitlementListGet(pod.adminToken, other.id()))
        .extracting(UserAppEntitlement::getInstall).containsExactly(false, false);
  }

  @Test
  void an_unknown_app_for_a_user_is_refused_and_nothing_changes() throws Exception {
    AdminFixture.Created user = pod.createUser("apps.refused");
    api.v1AdminAppEntitlementListPost(pod.adminToken, List.of(app("zoom", "Zoom", true)));
    String path = "/pod/v1/admin/user/" + user.id() + "/app/entitlement/list";
    String before = pod.snapshot(path);

    Map<String, Object> zoom = Map.of("appId", "zoom", "appName", "Zoom", "listed", false, "install", true);
    refused(path, List.of(zoom, Map.of("appId", "nope", "appName", "Nope", "listed", true, "install", true)),
        "Unknown application: nope");
    refused(path, List.of(Map.of("appId", "zoom", "appName", "Zoom", "listed", true)), "[0].install is required");
    refused(path, List.of(Map.of("appId", "zoom", "appName", "Zoom", "listed", true, "install", true,
        "products", List.of(Map.of("name", "Pro", "subscribed", true, "type", "premium")))),
        "[0].products[0].sku is required");
    refused(path, List.of(Map.of("appId", "zoom", "appName", "Zoom", "listed", true, "install", true,
        "products", List.of(Map.of("appId", "other", "name", "Pro", "sku", "P", "subscribed", true,
            "type", "premium")))), "A product's appId must be the app's own: other");
    refused(path, zoom, "The request body has the wrong type; expected an array");
    refused("/pod/v1/admin/user/99999999999/app/entitlement/list", List.of(zoom), "User 99999999999 not found");

    assertThat(pod.snapshot(path)).isEqualTo(before);
    pod.admin().get("/pod/v1/admin/user/99999999999/app/entitlement/list").then().statusCode(400)
        .body("message", equalTo("User 99999999999 not found"));
  }

  @Test
  void a_bad_company_list_is_refused_and_nothing_changes() throws Exception {
    api.v1AdminAppEntitlementListPost(pod.adminToken, List.of(app("zoom", "Zoom", true)));
    String before = pod.snapshot("/pod/v1/admin/app/entitlement/list");
    String path = "/pod/v1/admin/app/entitlement/list";

    Map<String, Object> noName = podApp("new", "x");
    noName.remove("appName");
    refused(path, List.of(podApp("fine", "Fine"), noName), "[1].appName is required");
    Map<String, Object> noEnable = podApp("new", "New");
    noEnable.remove("enable");
    refused(path, List.of(noEnable), "[0].enable is required");
    refused(path, List.of(podApp("fine", "Fine"), podApp("new", "n".repeat(51))),
        "appName must be 1 to 50 characters long");
    refused(path, List.of(podApp("", "Empty")), "appId must be 1 to 256 characters long");
    refused(path, List.of(podApp("a".repeat(257), "Long")), "appId must be 1 to 256 characters long");
    Map<String, Object> wrongType = podApp("new", "New");
    wrongType.put("listed", "true");
    refused(path, List.of(wrongType), "Field '[0].listed' has the wrong type; expected a boolean");

    assertThat(pod.snapshot("/pod/v1/admin/app/entitlement/list")).isEqualTo(before);
  }

  @Test
  void user_provisioning_cannot_change_the_company_list() throws Exception {
    AdminFixture.Created provisioner = pod.createUser("provisioner", "INDIVIDUAL", "USER_PROVISIONING");
    String token = pod.signin(provisioner.email(), PASSWORD);

    pod.as(token).get("/pod/v1/admin/app/entitlement/list").then().statusCode(200);
    pod.as(token).body(List.of(podApp("zoom", "Zoom"))).post("/pod/v1/admin/app/entitlement/list").then()
        .statusCode(403).body("code", equalTo(403)).body("message", equalTo(ENTITLEMENT));

    assertThat(api.v1AdminAppEntitlementListGet(pod.adminToken)).isEmpty();
  }
}
