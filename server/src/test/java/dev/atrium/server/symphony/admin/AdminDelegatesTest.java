package dev.atrium.server.symphony.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.UserApi;
import com.symphony.bdk.gen.api.model.DelegateAction;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import dev.atrium.server.Golden;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/admin/user/{uid}/delegates}: who may act for a user. */
class AdminDelegatesTest {
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

  private static DelegateAction action(long userId, DelegateAction.ActionEnum action) {
    return new DelegateAction().userId(userId).action(action);
  }

  @Test
  void delegates_are_added_and_removed() throws Exception {
    AdminFixture.Created boss = pod.createUser("boss");
    AdminFixture.Created first = pod.createUser("assistant");
    AdminFixture.Created second = pod.createUser("assistant");
    assertThat(api.v1AdminUserUidDelegatesGet(pod.adminToken, boss.id())).isEmpty();

    SuccessResponse ok = api.v1AdminUserUidDelegatesUpdatePost(pod.adminToken, boss.id(),
        action(first.id(), DelegateAction.ActionEnum.ADD));
    assertThat(ok.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);
    api.v1AdminUserUidDelegatesUpdatePost(pod.adminToken, boss.id(), action(second.id(), DelegateAction.ActionEnum.ADD));
    api.v1AdminUserUidDelegatesUpdatePost(pod.adminToken, boss.id(), action(first.id(), DelegateAction.ActionEnum.ADD));
    assertThat(api.v1AdminUserUidDelegatesGet(pod.adminToken, boss.id())).containsExactly(first.id(), second.id());

    api.v1AdminUserUidDelegatesUpdatePost(pod.adminToken, boss.id(),
        action(first.id(), DelegateAction.ActionEnum.REMOVE));
    assertThat(api.v1AdminUserUidDelegatesGet(pod.adminToken, boss.id())).containsExactly(second.id());
    assertThat(api.v1AdminUserUidDelegatesGet(pod.adminToken, second.id())).isEmpty();
  }

  @Test
  void a_delegate_update_answers_with_a_success_response() {
    AdminFixture.Created boss = pod.createUser("boss");
    AdminFixture.Created helper = pod.createUser("helper");
    String got = pod.admin().body(Map.of("userId", helper.id(), "action", "ADD"))
        .post("/pod/v1/admin/user/" + boss.id() + "/delegates/update").then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/admin/success-response.json");
    pod.admin().get("/pod/v1/admin/user/" + boss.id() + "/delegates").then().statusCode(200)
        .body("size()", equalTo(1)).body("[0]", equalTo(helper.id()));
  }

  @Test
  void a_bad_delegate_update_is_refused_and_nothing_changes() throws Exception {
    AdminFixture.Created boss = pod.createUser("boss");
    AdminFixture.Created helper = pod.createUser("helper");
    api.v1AdminUserUidDelegatesUpdatePost(pod.adminToken, boss.id(), action(helper.id(), DelegateAction.ActionEnum.ADD));
    String path = "/pod/v1/admin/user/" + boss.id() + "/delegates";
    String before = pod.snapshot(path);

    refused(path + "/update", Map.of("userId", 99999999999L, "action", "ADD"), "User 99999999999 not found");
    refused(path + "/update", Map.of("userId", boss.id(), "action", "ADD"), "A user cannot be their own delegate");
    refused(path + "/update", Map.of("userId", helper.id(), "action", "SWAP"),
        "action must be one of [ADD, REMOVE], got 'SWAP'");
    refused(path + "/update", Map.of("action", "REMOVE"), "userId is required");
    refused(path + "/update", Map.of("userId", helper.id()), "action is required");
    refused(path + "/update", Map.of("userId", String.valueOf(helper.id()), "action", "REMOVE"),
        "Field 'userId' has the wrong type; expected an integer");

    assertThat(pod.snapshot(path)).isEqualTo(before);
  }

  @Test
  void delegates_of_an_unknown_user_are_refused() {
    AdminFixture.Created helper = pod.createUser("helper");
    pod.admin().get("/pod/v1/admin/user/99999999999/delegates").then().statusCode(400)
        .body("message", equalTo("User 99999999999 not found"));
    refused("/pod/v1/admin/user/99999999999/delegates/update", Map.of("userId", helper.id(), "action", "ADD"),
        "User 99999999999 not found");
    refused("/pod/v1/admin/user/0/delegates/update", Map.of("userId", helper.id(), "action", "ADD"),
        "uid must be a user id (a positive decimal integer), got '0'");
  }

  private void refused(String path, Object body, String message) {
    pod.admin().body(body).post(path).then().statusCode(400)
        .body("code", equalTo(400)).body("message", equalTo(message));
  }
}
