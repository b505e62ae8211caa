package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.UserApi;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import com.symphony.bdk.gen.api.model.UserStatus;
import dev.atrium.server.Golden;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/admin/user/{uid}/status}: reading and changing whether an account is enabled. */
class AdminUserStatusTest {
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

  private void refused(String path, Object body, String message) {
    pod.admin().body(body).post(path).then().statusCode(400)
        .body("code", equalTo(400)).body("message", equalTo(message));
  }

  @Test
  void a_new_user_is_enabled() throws Exception {
    AdminFixture.Created user = pod.createUser("status");
    assertThat(api.v1AdminUserUidStatusGet(pod.adminToken, user.id()).getStatus())
        .isEqualTo(UserStatus.StatusEnum.ENABLED);
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/user/" + user.id() + "/status"),
        "symphony/admin/user-status.json");
  }

  @Test
  void disabling_a_user_revokes_their_sessions_at_once() throws Exception {
    AdminFixture.Created user = pod.createUser("disabled");
    String token = pod.signin(user.email(), PASSWORD);
    pod.as(token).get("/pod/v1/sessioninfo").then().statusCode(200);

    SuccessResponse response = api.v1AdminUserUidStatusUpdatePost(pod.adminToken, user.id(),
        new UserStatus().status(UserStatus.StatusEnum.DISABLED));
    assertThat(response.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);

    pod.as(token).get("/pod/v1/sessioninfo").then().statusCode(401)
        .body("code", equalTo(401)).body("message", equalTo("Invalid session"));
    assertThat(api.v1AdminUserUidStatusGet(pod.adminToken, user.id()).getStatus())
        .isEqualTo(UserStatus.StatusEnum.DISABLED);
    assertThat(api.v1AdminUserUidGet(pod.adminToken, user.id()).getUserSystemInfo().getStatus().getValue())
        .isEqualTo("DISABLED");
    pod.anonymous().body(Map.of("email", user.email(), "password", PASSWORD)).post("/api/v1/auth/signin")
        .then().statusCode(401);
  }

  @Test
  void enabling_a_user_again_lets_them_sign_in_but_old_tokens_stay_dead() throws Exception {
    AdminFixture.Created user = pod.createUser("reenabled");
    String old = pod.signin(user.email(), PASSWORD);
    api.v1AdminUserUidStatusUpdatePost(pod.adminToken, user.id(), new UserStatus().status(UserStatus.StatusEnum.DISABLED));
    api.v1AdminUserUidStatusUpdatePost(pod.adminToken, user.id(), new UserStatus().status(UserStatus.StatusEnum.ENABLED));

    pod.as(old).get("/pod/v1/sessioninfo").then().statusCode(401);
    String fresh = pod.signin(user.email(), PASSWORD);
    pod.as(fresh).get("/pod/v1/sessioninfo").then().statusCode(200).body("userId", equalTo(user.id()));
  }

  @Test
  void a_status_update_answers_with_a_success_response() {
    AdminFixture.Created user = pod.createUser("success");
    String got = pod.admin().body(Map.of("status", "ENABLED")).post("/pod/v1/admin/user/" + user.id()
        + "/status/update").then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/admin/success-response.json");
  }

  @Test
  void a_bad_status_update_is_refused_and_changes_nothing() {
    AdminFixture.Created user = pod.createUser("steady.status");
    String token = pod.signin(user.email(), PASSWORD);
    String path = "/pod/v1/admin/user/" + user.id() + "/status";

    refused(path + "/update", Map.of("status", "ASLEEP"), "status must be one of [ENABLED, DISABLED], got 'ASLEEP'");
    refused(path + "/update", Map.of(), "status is required");
    refused(path + "/update", Map.of("status", 0), "Field 'status' has the wrong type; expected a string");
    pod.admin().body("{status: DISABLED}").post(path + "/update").then().statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("The request body is not valid JSON: "));

    pod.admin().get(path).then().statusCode(200).body("status", equalTo("ENABLED"));
    pod.as(token).get("/pod/v1/sessioninfo").then().statusCode(200);
  }

  @Test
  void an_unknown_or_non_numeric_uid_is_refused() {
    pod.admin().get("/pod/v1/admin/user/99999999999/status").then().statusCode(400)
        .body("message", equalTo("User 99999999999 not found"));
    refused("/pod/v1/admin/user/99999999999/status/update", Map.of("status", "DISABLED"),
        "User 99999999999 not found");
    refused("/pod/v1/admin/user/me/status/update", Map.of("status", "DISABLED"),
        "uid must be a user id (a positive decimal integer), got 'me'");
  }

  @Test
  void an_administrator_cannot_disable_themselves() {
    refused("/pod/v1/admin/user/" + pod.adminId + "/status/update", Map.of("status", "DISABLED"),
        "You cannot disable your own account");
    pod.admin().get("/pod/v1/admin/user/" + pod.adminId + "/status").then().statusCode(200)
        .body("status", equalTo("ENABLED"));
  }
}
