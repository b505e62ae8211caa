package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.ENTITLEMENT;
import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.UserApi;
import com.symphony.bdk.gen.api.model.Feature;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import dev.atrium.server.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Feature entitlements and roles of a user, and the pod's lists of both. */
class AdminFeaturesAndRolesTest {
  static final List<String> FEATURES = List.of("postReadEnabled", "postWriteEnabled", "delegatesEnabled",
      "isExternalIMEnabled", "canShareFilesExternally", "canCreatePublicRoom", "isExternalRoomEnabled",
      "canCreatePushedSignals", "canUseCompactMode", "mustBeRecorded", "sendFilesEnabled", "canUseInternalAudio",
      "canUseInternalVideo", "canProjectInternalScreenShare", "canViewInternalScreenShare",
      "canCreateMultiLateralRoom", "canJoinMultiLateralRoom", "canUseFirehose", "canUseInternalAudioMobile",
      "canUseInternalVideoMobile", "canProjectInternalScreenShareMobile", "canViewInternalScreenShareMobile",
      "canManageSignalSubscription", "canUpdateAvatar");

  static AdminFixture pod;
  static UserApi api;

  @BeforeAll
  static void start() {
    pod = new AdminFixture();
    api = new UserApi(pod.pod);
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  private void refused(String path, Object body, int status, String message) {
    pod.admin().body(body).post(path).then().statusCode(status)
        .body("code", equalTo(status)).body("message", equalTo(message));
  }

  // ---- features

  @Test
  void a_new_user_has_every_feature_at_its_default() {
    AdminFixture.Created user = pod.createUser("features");
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/user/" + user.id() + "/features"),
        "symphony/admin/feature-list.json");
  }

  @Test
  void a_features_update_changes_only_the_features_given() throws Exception {
    AdminFixture.Created user = pod.createUser("features.update");
    List<Feature> before = api.v1AdminUserUidFeaturesGet(pod.adminToken, user.id());

    SuccessResponse ok = api.v1AdminUserUidFeaturesUpdatePost(pod.adminToken, user.id(), List.of(
        new Feature().entitlment("canShareFilesExternally").enabled(true),
        new Feature().entitlment("postWriteEnabled").enabled(false)));
    assertThat(ok.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);

    List<Feature> after = api.v1AdminUserUidFeaturesGet(pod.adminToken, user.id());
    assertThat(after).hasSameSizeAs(before);
    for (int i = 0; i < before.size(); i++) {
      Feature f = before.get(i);
      boolean expected = switch (f.getEntitlment()) {
        case "canShareFilesExternally" -> true;
        case "postWriteEnabled" -> false;
        default -> f.getEnabled();
      };
      assertThat(after.get(i)).isEqualTo(new Feature().entitlment(f.getEntitlment()).enabled(expected));
    }
  }

  @Test
  void an_unknown_feature_is_refused_and_nothing_changes() {
    AdminFixture.Created user = pod.createUser("features.refused");
    String path = "/pod/v1/admin/user/" + user.id() + "/features";
    String before = pod.snapshot(path);

    refused(path + "/update", List.of(Map.of("entitlment", "canUseFirehose", "enabled", true),
        Map.of("entitlment", "canFly", "enabled", true)), 400, "Unknown feature: canFly");
    refused(path + "/update", List.of(Map.of("entitlment", "canUseFirehose")), 400, "[0].enabled is required");
    refused(path + "/update", List.of(Map.of("enabled", true)), 400, "[0].entitlment is required");
    refused(path + "/update", List.of(Map.of("entitlment", "canUseFirehose", "enabled", "yes")), 400,
        "Field '[0].enabled' has the wrong type; expected a boolean");
    refused(path + "/update", Map.of("entitlment", "canUseFirehose", "enabled", true), 400,
        "The request body has the wrong type; expected an array");

    assertThat(pod.snapshot(path)).isEqualTo(before);
  }

  @Test
  void features_of_an_unknown_user_are_refused() {
    pod.admin().get("/pod/v1/admin/user/99999999999/features").then().statusCode(400)
        .body("message", equalTo("User 99999999999 not found"));
    refused("/pod/v1/admin/user/99999999999/features/update", List.of(Map.of("entitlment", "canUseFirehose",
        "enabled", true)), 400, "User 99999999999 not found");
    refused("/pod/v1/admin/user/x/features/update", List.of(), 400,
        "uid must be a user id (a positive decimal integer), got 'x'");
  }

  @Test
  void the_system_feature_list_names_every_feature() {
    List<String> got = pod.admin().get("/pod/v1/admin/system/features/list").then().statusCode(200)
        .extract().jsonPath().getList("$", String.class);
    assertThat(got).isEqualTo(FEATURES);
  }

  // ---- roles

  @Test
  void a_users_roles_have_the_contract_shape() {
    long uid = pod.admin().body(Map.of("userAttributes", Map.of("userName", "roles.golden"),
            "roles", List.of("USER_PROVISIONING", "INDIVIDUAL")))
        .post("/pod/v1/admin/user/create").then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/user/" + uid + "/roles"), "symphony/admin/role-list.json");
  }

  @Test
  void a_roles_update_replaces_the_roles() {
    AdminFixture.Created user = pod.createUser("roles", "INDIVIDUAL", "L1_SUPPORT");
    String got = pod.admin().body(List.of("INDIVIDUAL", "COMPLIANCE_OFFICER"))
        .post("/pod/v1/admin/user/" + user.id() + "/roles/update").then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/admin/success-response.json");

    assertThat(pod.admin().get("/pod/v1/admin/user/" + user.id() + "/roles").then().statusCode(200).extract()
        .jsonPath().getList("id", String.class)).containsExactly("COMPLIANCE_OFFICER", "INDIVIDUAL");
    assertThat(pod.admin().get("/pod/v1/admin/user/" + user.id()).then().statusCode(200).extract()
        .jsonPath().getList("roles", String.class)).containsExactly("COMPLIANCE_OFFICER", "INDIVIDUAL");
  }

  @Test
  void granting_an_administrator_role_lets_the_user_administer() {
    AdminFixture.Created user = pod.createUser("promoted");
    String token = pod.signin(user.email(), PASSWORD);
    pod.as(token).get("/pod/v1/admin/user/list").then().statusCode(403).body("message", equalTo(ENTITLEMENT));

    pod.admin().body(List.of("INDIVIDUAL", "USER_PROVISIONING"))
        .post("/pod/v1/admin/user/" + user.id() + "/roles/update").then().statusCode(200);

    pod.as(token).get("/pod/v1/admin/user/list").then().statusCode(200);
  }

  @Test
  void an_unknown_role_is_refused_and_nothing_changes() {
    AdminFixture.Created user = pod.createUser("roles.refused");
    String path = "/pod/v1/admin/user/" + user.id() + "/roles";
    String before = pod.snapshot(path);

    refused(path + "/update", List.of("INDIVIDUAL", "EMPEROR"), 400, "Unknown role: EMPEROR");
    refused(path + "/update", Map.of("roles", List.of("INDIVIDUAL")), 400,
        "The request body has the wrong type; expected an array");
    refused(path + "/update", List.of(1), 400, "Field '[0]' has the wrong type; expected a string");
    refused("/pod/v1/admin/user/99999999999/roles/update", List.of("INDIVIDUAL"), 400, "User 99999999999 not found");

    assertThat(pod.snapshot(path)).isEqualTo(before);
  }

  @Test
  void an_administrator_cannot_grant_super_administrator() {
    AdminFixture.Created administrator = pod.createUser("administrator", "INDIVIDUAL", "ADMINISTRATOR");
    String token = pod.signin(administrator.email(), PASSWORD);
    AdminFixture.Created user = pod.createUser("would.be.super");
    String path = "/pod/v1/admin/user/" + user.id() + "/roles";
    String before = pod.snapshot(path);

    pod.as(token).body(List.of("INDIVIDUAL", "SUPER_ADMINISTRATOR")).post(path + "/update").then().statusCode(403)
        .body("code", equalTo(403))
        .body("message", equalTo("Only a SUPER_ADMINISTRATOR can grant the SUPER_ADMINISTRATOR role"));
    pod.as(token).body(List.of("INDIVIDUAL", "SUPER_ADMINISTRATOR")).post("/pod/v1/admin/user/"
        + administrator.id() + "/roles/update").then().statusCode(403);
    pod.as(token).body(Map.of("userAttributes", Map.of("userName", "sneaky.super"),
            "roles", List.of("SUPER_ADMINISTRATOR"))).post("/pod/v1/admin/user/create").then().statusCode(403)
        .body("message", equalTo("Only a SUPER_ADMINISTRATOR can grant the SUPER_ADMINISTRATOR role"));

    pod.as(token).body(List.of("INDIVIDUAL")).post("/pod/v1/admin/user/" + pod.adminId + "/roles/update").then()
        .statusCode(403).body("message", equalTo("Only a SUPER_ADMINISTRATOR can change a SUPER_ADMINISTRATOR"));

    assertThat(pod.snapshot(path)).isEqualTo(before);
    assertThat(pod.snapshot("/pod/v1/admin/user/" + pod.adminId + "/roles")).contains("SUPER_ADMINISTRATOR");
    assertThat(pod.snapshot("/pod/v1/admin/user/" + administrator.id() + "/roles")).doesNotContain("SUPER_");
    pod.admin().body(Map.of("name", "sneaky.super")).post("/pod/v1/admin/user/find").then().statusCode(200)
        .body("size()", equalTo(0));

    // granting an ordinary role is fine for an administrator
    pod.as(token).body(List.of("INDIVIDUAL", "L2_SUPPORT")).post(path + "/update").then().statusCode(200);
  }

  @Test
  void user_provisioning_cannot_change_roles() {
    AdminFixture.Created provisioner = pod.createUser("provisioner", "INDIVIDUAL", "USER_PROVISIONING");
    String token = pod.signin(provisioner.email(), PASSWORD);
    AdminFixture.Created user = pod.createUser("provisioned");
    String path = "/pod/v1/admin/user/" + user.id() + "/roles";
    String before = pod.snapshot(path);

    pod.as(token).body(List.of("INDIVIDUAL", "L1_SUPPORT")).post(path + "/update").then().statusCode(403)
        .body("code", equalTo(403)).body("message", equalTo(ENTITLEMENT));
    pod.as(token).get(path).then().statusCode(200);

    assertThat(pod.snapshot(path)).isEqualTo(before);
  }

  @Test
  void user_provisioning_cannot_take_over_an_administrator_account() {
    // Regression: a provisioner could save their own RSA key on the super administrator, or disable them.
    AdminFixture.Created provisioner = pod.createUser("provisioner", "INDIVIDUAL", "USER_PROVISIONING");
    String token = pod.signin(provisioner.email(), PASSWORD);
    String adminPath = "/pod/v2/admin/user/" + pod.adminId;
    String before = pod.snapshot(adminPath);

    pod.as(token).body(Map.of("displayName", "Mine now")).post(adminPath + "/update").then().statusCode(403)
        .body("code", equalTo(403)).body("message", equalTo("Only a SUPER_ADMINISTRATOR can change a SUPER_ADMINISTRATOR"));
    pod.as(token).body(Map.of("status", "DISABLED")).post("/pod/v1/admin/user/" + pod.adminId + "/status/update")
        .then().statusCode(403);
    pod.as(token).body(List.of(Map.of("entitlment", "canCreatePublicRoom", "enabled", false)))
        .post("/pod/v1/admin/user/" + pod.adminId + "/features/update").then().statusCode(403);
    assertThat(pod.snapshot(adminPath)).isEqualTo(before);

    AdminFixture.Created administrator = pod.createUser("administrator", "INDIVIDUAL", "ADMINISTRATOR");
    pod.as(token).body(Map.of("title", "Taken")).post("/pod/v1/admin/user/" + administrator.id() + "/update")
        .then().statusCode(403).body("message", equalTo("Only an administrator can change an administrator"));
    AdminFixture.Created plain = pod.createUser("provisioned");
    pod.as(token).body(Map.of("title", "Analyst")).post("/pod/v1/admin/user/" + plain.id() + "/update")
        .then().statusCode(200).body("userAttributes.title", equalTo("Analyst"));
  }

  @Test
  void user_provisioning_cannot_hand_out_roles_by_creating_a_user() {
    // Regression: create took any role but SUPER_ADMINISTRATOR from a provisioner, who could then sign in
    // as the ADMINISTRATOR they had made, although roles/update refuses them.
    AdminFixture.Created provisioner = pod.createUser("provisioner", "INDIVIDUAL", "USER_PROVISIONING");
    String token = pod.signin(provisioner.email(), PASSWORD);
    int before = pod.admin().get("/pod/v1/admin/user/list").then().statusCode(200).extract().jsonPath()
        .getList("$").size();

    for (String path : List.of("/pod/v1/admin/user/create", "/pod/v2/admin/user/create")) {
      pod.as(token).body(Map.of("userAttributes", Map.of("userName", "escalated", "emailAddress",
              "escalated@example.test"), "password", "escalated-password", "roles", List.of("INDIVIDUAL",
              "ADMINISTRATOR")))
          .post(path).then().statusCode(403).body("code", equalTo(403)).body("message", equalTo(ENTITLEMENT));
    }
    pod.admin().get("/pod/v1/admin/user/list").then().statusCode(200).body("size()", equalTo(before));

    pod.as(token).body(Map.of("userAttributes", Map.of("userName", "provisioned.plain"), "roles",
        List.of("INDIVIDUAL"))).post("/pod/v1/admin/user/create").then().statusCode(200)
        .body("roles", equalTo(List.of("INDIVIDUAL")));
    pod.as(token).body(Map.of("userAttributes", Map.of("userName", "provisioned.default")))
        .post("/pod/v2/admin/user/create").then().statusCode(200).body("roles", equalTo(List.of("INDIVIDUAL")));
  }

  @Test
  void a_super_administrator_cannot_drop_their_own_super_administrator_role() {
    refused("/pod/v1/admin/user/" + pod.adminId + "/roles/update", List.of("INDIVIDUAL"), 400,
        "You cannot remove your own SUPER_ADMINISTRATOR role");
    assertThat(pod.snapshot("/pod/v1/admin/user/" + pod.adminId + "/roles")).contains("SUPER_ADMINISTRATOR");
  }

  @Test
  void the_system_role_list_names_every_role() {
    List<String> got = pod.admin().get("/pod/v1/admin/system/roles/list").then().statusCode(200)
        .extract().jsonPath().getList("$", String.class);
    assertThat(got).containsExactly("AUDIT_TRAIL_MANAGEMENT", "CONTENT_MANAGEMENT", "COMPLIANCE_OFFICER",
        "INDIVIDUAL", "L1_SUPPORT", "L2_SUPPORT", "SCOPE_MANAGEMENT", "ADMINISTRATOR", "SUPER_COMPLIANCE_OFFICER",
        "SUPER_ADMINISTRATOR", "USER_PROVISIONING", "MALWARE_SCAN_MANAGER", "MALWARE_SCAN_STATE_USER");
  }
}
