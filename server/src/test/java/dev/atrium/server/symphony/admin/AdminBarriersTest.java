package dev.atrium.server.symphony.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.InfoBarriersApi;
import com.symphony.bdk.gen.api.model.BulkActionResult;
import com.symphony.bdk.gen.api.model.Group;
import com.symphony.bdk.gen.api.model.Policy;
import com.symphony.bdk.http.api.ApiException;
import dev.atrium.server.Golden;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Information barriers over the wire: the pod API's group and policy endpoints through the BDK's generated
 * {@link InfoBarriersApi}, and Atrium's own calls that create groups and policies. Each test has a pod of its
 * own.
 */
class AdminBarriersTest {
  AdminFixture pod;
  InfoBarriersApi api;

  @BeforeEach
  void start() {
    pod = new AdminFixture();
    api = new InfoBarriersApi(pod.pod);
  }

  @AfterEach
  void stop() {
    pod.close();
  }

  private String createGroup(String name) {
    return pod.admin().body(Map.of("name", name)).post("/pod/v1/admin/group/create")
        .then().statusCode(200).extract().path("id");
  }

  private String createPolicy(String type, String a, String b) {
    return pod.admin().body(Map.of("policyType", type, "groups", List.of(a, b))).post("/pod/v1/admin/policy/create")
        .then().statusCode(200).extract().path("id");
  }

  private void refused(String method, String path, Object body, int status, String message) {
    var request = pod.admin();
    var response = method.equals("GET") ? request.get(path) : request.body(body).post(path);
    response.then().statusCode(status).body("code", equalTo(status)).body("message", equalTo(message));
  }

  // ---- groups

  @Test
  void a_created_group_is_listed_with_its_member_count_and_policies() throws Exception {
    assertThat(api.v1AdminGroupListGet(pod.adminToken)).isEmpty();
    String got = pod.admin().body(Map.of("name", "Trading Desk")).post("/pod/v1/admin/group/create")
        .then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/barriers/group.json");
    String desk = AdminFixture.json(got).getString("id");
    String research = createGroup("Research");
    AdminFixture.Created alice = pod.createUser("alice");
    api.v1AdminGroupGidMembershipAddPost(desk, pod.adminToken, List.of(alice.id()));
    String policy = createPolicy("BLOCK", desk, research);

    List<Group> groups = api.v1AdminGroupListGet(pod.adminToken);

    assertThat(groups).extracting(Group::getId).containsExactly(desk, research);
    Group first = groups.getFirst();
    assertThat(first.getName()).isEqualTo("Trading Desk");
    assertThat(first.getActive()).isTrue();
    assertThat(first.getMemberCount()).isEqualTo(1);
    assertThat(first.getPolicies()).containsExactly(policy);
    assertThat(first.getCreatedDate()).isLessThanOrEqualTo(first.getModifiedDate());
    assertThat(groups.get(1).getMemberCount()).isZero();
    assertThat(groups.get(1).getPolicies()).containsExactly(policy);
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/group/list"), "symphony/barriers/group-list.json");
  }

  @Test
  void a_group_is_created_inactive_on_request_and_switched_on_and_off() throws Exception {
    String id = pod.admin().body(Map.of("name", "Later", "active", false)).post("/pod/v1/admin/group/create")
        .then().statusCode(200).body("active", equalTo(false)).extract().path("id");
    String on = pod.admin().post("/pod/v1/admin/group/" + id + "/setActive?active=true")
        .then().statusCode(200).body("active", equalTo(true)).body("id", equalTo(id)).extract().asString();
    Golden.assertMatches(on, "symphony/barriers/group-later.json");
    pod.admin().post("/pod/v1/admin/group/" + id + "/setActive?active=false").then().statusCode(200)
        .body("active", equalTo(false));
    assertThat(api.v1AdminGroupListGet(pod.adminToken).getFirst().getActive()).isFalse();
  }

  @Test
  void group_creation_refuses_a_missing_blank_or_taken_name() {
    createGroup("Traders");
    String before = pod.snapshot("/pod/v1/admin/group/list");
    refused("POST", "/pod/v1/admin/group/create", Map.of(), 400, "name is required");
    refused("POST", "/pod/v1/admin/group/create", Map.of("name", "  "), 400, "name is required");
    refused("POST", "/pod/v1/admin/group/create", Map.of("name", 7), 400,
        "Field 'name' has the wrong type; expected a string");
    refused("POST", "/pod/v1/admin/group/create", Map.of("name", "TRADERS"), 400,
        "A group named Traders already exists");
    assertThat(pod.snapshot("/pod/v1/admin/group/list")).isEqualTo(before);
  }

  @Test
  void set_active_needs_true_or_false_and_a_known_group() {
    String id = createGroup("Traders");
    refused("POST", "/pod/v1/admin/group/" + id + "/setActive", "", 400, "active is required: true or false");
    refused("POST", "/pod/v1/admin/group/" + id + "/setActive?active=maybe", "", 400,
        "active must be true or false, got 'maybe'");
    refused("POST", "/pod/v1/admin/group/nope/setActive?active=false", "", 400, "Group nope not found");
  }

  // ---- memberships

  @Test
  void members_are_added_listed_and_removed_through_the_bdk() throws Exception {
    String gid = createGroup("Traders");
    AdminFixture.Created alice = pod.createUser("alice");
    AdminFixture.Created bob = pod.createUser("bob");
    AdminFixture.Created carol = pod.createUser("carol");

    BulkActionResult added = api.v1AdminGroupGidMembershipAddPost(gid, pod.adminToken,
        List.of(carol.id(), alice.id(), bob.id(), alice.id()));

    assertThat(added.getOverallResult()).isEqualTo(BulkActionResult.OverallResultEnum.SUCCESS);
    assertThat(added.getResults()).containsExactly("", "", "", "");
    assertThat(api.v1AdminGroupGidMembershipListGet(gid, pod.adminToken, null, null))
        .containsExactly(alice.id(), bob.id(), carol.id());
    assertThat(api.v1AdminGroupGidMembershipListGet(gid, pod.adminToken, 1, 1)).containsExactly(bob.id());
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/group/" + gid + "/membership/list"),
        "symphony/barriers/member-list.json");

    BulkActionResult removed = api.v1AdminGroupGidMembershipRemovePost(gid, pod.adminToken, List.of(bob.id()));
    assertThat(removed.getOverallResult()).isEqualTo(BulkActionResult.OverallResultEnum.SUCCESS);
    assertThat(removed.getResults()).containsExactly("");
    assertThat(api.v1AdminGroupGidMembershipListGet(gid, pod.adminToken, null, null))
        .containsExactly(alice.id(), carol.id());
    assertThat(api.v1AdminGroupListGet(pod.adminToken).getFirst().getMemberCount()).isEqualTo(2);
  }

  @Test
  void a_membership_change_answers_with_one_result_per_submitted_id() {
    String gid = createGroup("Traders");
    AdminFixture.Created alice = pod.createUser("alice");
    AdminFixture.Created bob = pod.createUser("bob");
    String got = pod.admin().body(List.of(alice.id(), bob.id())).post("/pod/v1/admin/group/" + gid + "/membership/add")
        .then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/barriers/bulk-action-result.json");
    got = pod.admin().body(List.of(alice.id(), bob.id())).post("/pod/v1/admin/group/" + gid + "/membership/remove")
        .then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/barriers/bulk-action-result.json");
  }

  @Test
  void an_unknown_user_fails_its_own_entry_and_nothing_changes() throws Exception {
    String gid = createGroup("Traders");
    AdminFixture.Created alice = pod.createUser("alice");
    AdminFixture.Created bob = pod.createUser("bob");
    api.v1AdminGroupGidMembershipAddPost(gid, pod.adminToken, List.of(bob.id()));
    String members = pod.snapshot("/pod/v1/admin/group/" + gid + "/membership/list");
    String groups = pod.snapshot("/pod/v1/admin/group/list");
    long unknown = alice.id() + 1_000;

    BulkActionResult add = api.v1AdminGroupGidMembershipAddPost(gid, pod.adminToken, List.of(alice.id(), unknown));
    assertThat(add.getOverallResult()).isEqualTo(BulkActionResult.OverallResultEnum.FAIL);
    assertThat(add.getResults()).containsExactly("", "User " + unknown + " does not exist");
    String got = pod.admin().body(List.of(alice.id(), unknown)).post("/pod/v1/admin/group/" + gid + "/membership/add")
        .then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/barriers/bulk-action-result-fail.json");

    BulkActionResult remove = api.v1AdminGroupGidMembershipRemovePost(gid, pod.adminToken, List.of(bob.id(), 0L));
    assertThat(remove.getOverallResult()).isEqualTo(BulkActionResult.OverallResultEnum.FAIL);
    assertThat(remove.getResults()).containsExactly("", "User 0 does not exist");

    assertThat(pod.snapshot("/pod/v1/admin/group/" + gid + "/membership/list")).isEqualTo(members);
    assertThat(pod.snapshot("/pod/v1/admin/group/list")).isEqualTo(groups);
  }

  @Test
  void an_unknown_group_is_a_client_error_for_the_bdk() {
    AdminFixture.Created alice = pod.createUser("alice");
    assertThatThrownBy(() -> api.v1AdminGroupGidMembershipAddPost("nope", pod.adminToken, List.of(alice.id())))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getResponseBody()).isEqualTo("{\"code\":400,\"message\":\"Group nope not found\"}");
        });
    assertThatThrownBy(() -> api.v1AdminGroupGidMembershipRemovePost("nope", pod.adminToken, List.of(alice.id())))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    assertThatThrownBy(() -> api.v1AdminGroupGidMembershipListGet("nope", pod.adminToken, null, null))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    String got = pod.admin().get("/pod/v1/admin/group/nope/membership/list").then().statusCode(400).extract()
        .asString();
    Golden.assertMatches(got, "symphony/barriers/error-unknown-group.json");
  }

  @Test
  void malformed_ids_are_refused_whole_and_change_nothing() {
    String gid = createGroup("Traders");
    String path = "/pod/v1/admin/group/" + gid + "/membership/add";
    refused("POST", path, "[\"abc\"]", 400, "Field '[0]' has the wrong type; expected an integer");
    refused("POST", path, "[1.5]", 400, "Field '[0]' has the wrong type; expected an integer");
    refused("POST", path, "[null]", 400, "[0] is required");
    refused("POST", path, "{\"id\": 1}", 400, "The request body has the wrong type; expected an array");
    refused("POST", path, "", 400, "The request body is empty; a JSON document is required");
    refused("POST", "/pod/v1/admin/group/" + gid + "/membership/remove", "[true]", 400,
        "Field '[0]' has the wrong type; expected an integer");
    refused("GET", "/pod/v1/admin/group/" + gid + "/membership/list?limit=0", null, 400,
        "limit must be an integer from 1 to 10000, got '0'");
    refused("GET", "/pod/v1/admin/group/" + gid + "/membership/list?skip=-1", null, 400,
        "skip must be an integer from 0 to 2147483647, got '-1'");
    assertThat(pod.snapshot("/pod/v1/admin/group/" + gid + "/membership/list")).isEqualTo("[]");
  }

  // ---- policies

  @Test
  void a_created_policy_is_listed_through_the_bdk() throws Exception {
    String desk = createGroup("Desk");
    String research = createGroup("Research");
    AdminFixture.Created alice = pod.createUser("alice");
    AdminFixture.Created bob = pod.createUser("bob");
    api.v1AdminGroupGidMembershipAddPost(desk, pod.adminToken, List.of(alice.id(), bob.id()));
    api.v1AdminGroupGidMembershipAddPost(research, pod.adminToken, List.of(bob.id()));
    String got = pod.admin().body(Map.of("policyType", "BLOCK", "groups", List.of(desk, research)))
        .post("/pod/v1/admin/policy/create").then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/barriers/policy.json");
    String block = AdminFixture.json(got).getString("id");
    String other = createGroup("Other");
    Map<String, Object> allow = new HashMap<>(Map.of("policyType", "ALLOW", "groups", List.of(other, desk)));
    allow.put("active", false);
    String allowId = pod.admin().body(allow).post("/pod/v1/admin/policy/create").then().statusCode(200)
        .extract().path("id");

    List<Policy> policies = api.v1AdminPolicyListGet(pod.adminToken);

    assertThat(policies).extracting(Policy::getId).containsExactly(block, allowId);
    Policy first = policies.getFirst();
    assertThat(first.getPolicyType()).isEqualTo(Policy.PolicyTypeEnum.BLOCK);
    assertThat(first.getActive()).isTrue();
    assertThat(first.getGroups()).containsExactly(desk, research);
    assertThat(first.getMemberCount()).isEqualTo(2);
    assertThat(policies.get(1).getPolicyType()).isEqualTo(Policy.PolicyTypeEnum.ALLOW);
    assertThat(policies.get(1).getActive()).isFalse();
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/policy/list"), "symphony/barriers/policy-list.json");
  }

  @Test
  void a_policy_is_switched_off_and_on() throws Exception {
    String a = createGroup("A");
    String b = createGroup("B");
    String id = createPolicy("BLOCK", a, b);
    pod.admin().post("/pod/v1/admin/policy/" + id + "/setActive?active=false").then().statusCode(200)
        .body("active", equalTo(false)).body("id", equalTo(id));
    assertThat(api.v1AdminPolicyListGet(pod.adminToken).getFirst().getActive()).isFalse();
    String on = pod.admin().post("/pod/v1/admin/policy/" + id + "/setActive?active=true").then().statusCode(200)
        .extract().asString();
    Golden.assertMatches(on, "symphony/barriers/policy-empty.json");
    refused("POST", "/pod/v1/admin/policy/nope/setActive?active=true", "", 400, "Policy nope not found");
  }

  @Test
  void policy_creation_refuses_bad_types_and_group_lists_and_a_second_active_policy_for_a_pair() {
    String a = createGroup("A");
    String b = createGroup("B");
    String existing = createPolicy("ALLOW", a, b);
    String before = pod.snapshot("/pod/v1/admin/policy/list");
    String path = "/pod/v1/admin/policy/create";
    refused("POST", path, Map.of("groups", List.of(a, b)), 400, "policyType is required");
    refused("POST", path, Map.of("policyType", "DENY", "groups", List.of(a, b)), 400,
        "policyType must be one of [BLOCK, ALLOW], got 'DENY'");
    refused("POST", path, Map.of("policyType", "BLOCK"), 400, "groups is required");
    refused("POST", path, Map.of("policyType", "BLOCK", "groups", List.of(a)), 400,
        "A policy joins exactly two groups, got 1");
    refused("POST", path, Map.of("policyType", "BLOCK", "groups", List.of(a, a)), 400,
        "A policy joins two different groups");
    refused("POST", path, Map.of("policyType", "BLOCK", "groups", List.of(a, "nope")), 400,
        "Group nope does not exist");
    refused("POST", path, Map.of("policyType", "BLOCK", "groups", List.of(b, a)), 400,
        "Groups " + b + " and " + a + " already have an active policy: " + existing + " (allow)");
    assertThat(pod.snapshot("/pod/v1/admin/policy/list")).isEqualTo(before);
  }

  // ---- who may

  @Test
  void a_user_provisioner_manages_memberships_but_not_groups_or_policies() throws Exception {
    String a = createGroup("A");
    String b = createGroup("B");
    AdminFixture.Created provisioner = pod.createUser("prov", "USER_PROVISIONING");
    String token = pod.signin(provisioner.email(), AdminFixture.PASSWORD);
    AdminFixture.Created alice = pod.createUser("alice");

    assertThat(api.v1AdminGroupGidMembershipAddPost(a, token, List.of(alice.id())).getOverallResult())
        .isEqualTo(BulkActionResult.OverallResultEnum.SUCCESS);
    assertThat(api.v1AdminGroupListGet(token)).hasSize(2);
    assertThat(api.v1AdminPolicyListGet(token)).isEmpty();
    pod.as(token).body(Map.of("name", "Mine")).post("/pod/v1/admin/group/create").then().statusCode(403)
        .body("message", equalTo(AdminFixture.ENTITLEMENT));
    pod.as(token).body(Map.of("policyType", "BLOCK", "groups", List.of(a, b))).post("/pod/v1/admin/policy/create")
        .then().statusCode(403);
    pod.as(token).post("/pod/v1/admin/group/" + a + "/setActive?active=false").then().statusCode(403);
  }

  @Test
  void a_plain_user_is_refused_by_every_barrier_endpoint_with_403_through_the_bdk() {
    String gid = createGroup("Traders");
    String token = pod.plainUserToken();
    List<ThrowingCall> calls = List.of(
        () -> api.v1AdminGroupListGet(token),
        () -> api.v1AdminGroupGidMembershipListGet(gid, token, null, null),
        () -> api.v1AdminGroupGidMembershipAddPost(gid, token, List.of(pod.adminId)),
        () -> api.v1AdminGroupGidMembershipRemovePost(gid, token, List.of(pod.adminId)),
        () -> api.v1AdminPolicyListGet(token));
    for (ThrowingCall call : calls) {
      assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
        assertThat(e.getCode()).isEqualTo(403);
        Golden.assertMatches(e.getResponseBody(), "symphony/admin/error-entitlement.json");
      });
    }
  }

  interface ThrowingCall {
    void run() throws Exception;
  }
}
