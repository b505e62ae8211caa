package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every path by which two users an active BLOCK policy separates could meet — sharing a room (added by an
 * owner, by a member, joining a public room), an IM or MIM (their own or an administrator's), or a connection
 * (asked for or accepted) — is refused with 403 and leaves nothing behind; users the policy does not name are
 * unaffected.
 */
class BarrierPathsTest {
  static AdminFixture pod;
  static AdminFixture.Created alice;
  static AdminFixture.Created bob;
  static AdminFixture.Created carol;
  static String aliceToken;
  static String bobToken;
  static String carolToken;
  static String pendingFromBob;

  @BeforeAll
  static void start() {
    pod = new AdminFixture();
    alice = pod.createUser("alice");
    bob = pod.createUser("bob");
    carol = pod.createUser("carol");
    aliceToken = pod.signin(alice.email(), PASSWORD);
    bobToken = pod.signin(bob.email(), PASSWORD);
    carolToken = pod.signin(carol.email(), PASSWORD);
    // A request made before the barrier went up must not be accepted after it.
    pod.as(bobToken).body(Map.of("userId", alice.id())).post("/pod/v1/connection/create").then().statusCode(200);
    String research = group("Research");
    String sales = group("Sales");
    pod.admin().body(List.of(alice.id())).post("/pod/v1/admin/group/" + research + "/membership/add")
        .then().statusCode(200).body("overallResult", equalTo("SUCCESS"));
    pod.admin().body(List.of(bob.id())).post("/pod/v1/admin/group/" + sales + "/membership/add")
        .then().statusCode(200).body("overallResult", equalTo("SUCCESS"));
    pod.admin().body(Map.of("policyType", "BLOCK", "groups", List.of(research, sales)))
        .post("/pod/v1/admin/policy/create").then().statusCode(200);
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static String group(String name) {
    return pod.admin().body(Map.of("name", name)).post("/pod/v1/admin/group/create").then().statusCode(200)
        .extract().path("id");
  }

  static String room(String token, boolean isPublic, boolean membersCanInvite) {
    return pod.as(token).body(Map.of("name", "room of " + token.substring(0, 6), "description", "d",
            "public", isPublic, "discoverable", isPublic, "membersCanInvite", membersCanInvite))
        .post("/pod/v2/room/create").then().statusCode(200).extract().path("roomSystemInfo.id");
  }

  static List<Long> members(String roomId) {
    return pod.admin().get("/pod/v2/room/" + roomId + "/membership/list").then().statusCode(200).extract()
        .jsonPath().getList("id", Long.class);
  }

  static void assertBlocked(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
    assertThat(response.<String>path("message")).contains("information barrier");
  }

  static String streams(String token) {
    return pod.as(token).body(Map.of()).post("/pod/v1/streams/list").then().extract().asString();
  }

  @Test
  void an_owner_cannot_add_a_blocked_user_to_a_room() {
    String roomId = room(aliceToken, false, false);
    assertBlocked(pod.as(aliceToken).body(Map.of("id", bob.id())).post("/pod/v1/room/" + roomId + "/membership/add"));
    assertThat(members(roomId)).containsExactly(alice.id());
  }

  @Test
  void a_member_who_may_invite_cannot_bring_in_a_user_blocked_from_another_member() {
    String roomId = room(carolToken, false, true);
    pod.as(carolToken).body(Map.of("id", alice.id())).post("/pod/v1/room/" + roomId + "/membership/add")
        .then().statusCode(200);
    assertBlocked(pod.as(carolToken).body(Map.of("id", bob.id())).post("/pod/v1/room/" + roomId + "/membership/add"));
    assertThat(members(roomId)).containsExactlyInAnyOrder(carol.id(), alice.id());
  }

  @Test
  void a_blocked_user_cannot_join_a_public_room_by_himself() {
    String roomId = room(aliceToken, true, false);
    assertBlocked(pod.as(bobToken).body(Map.of("id", bob.id())).post("/pod/v1/room/" + roomId + "/membership/add"));
    assertThat(members(roomId)).containsExactly(alice.id());
  }

  @Test
  void an_administrator_cannot_put_blocked_users_together_in_a_room() {
    String roomId = room(pod.adminToken, false, false);
    pod.admin().body(Map.of("id", alice.id())).post("/pod/v1/room/" + roomId + "/membership/add")
        .then().statusCode(200);
    assertBlocked(pod.admin().body(Map.of("id", bob.id())).post("/pod/v1/room/" + roomId + "/membership/add"));
    assertThat(members(roomId)).containsExactlyInAnyOrder(pod.adminId, alice.id());
  }

  @Test
  void no_im_or_mim_joins_blocked_users() {
    String aliceBefore = streams(aliceToken);
    String bobBefore = streams(bobToken);
    assertBlocked(pod.as(aliceToken).body(List.of(bob.id())).post("/pod/v1/im/create"));
    assertBlocked(pod.as(bobToken).body(List.of(alice.id())).post("/pod/v1/im/create"));
    assertBlocked(pod.as(carolToken).body(List.of(alice.id(), bob.id())).post("/pod/v1/im/create"));
    assertBlocked(pod.admin().body(List.of(alice.id(), bob.id())).post("/pod/v1/admin/im/create"));
    assertBlocked(pod.admin().body(List.of(alice.id(), bob.id(), carol.id())).post("/pod/v1/admin/im/create"));
    assertThat(streams(aliceToken)).isEqualTo(aliceBefore);
    assertThat(streams(bobToken)).isEqualTo(bobBefore);
  }

  @Test
  void no_connection_is_asked_for_or_accepted_across_the_barrier() {
    assertBlocked(pod.as(aliceToken).body(Map.of("userId", bob.id())).post("/pod/v1/connection/create"));
    assertBlocked(pod.as(aliceToken).body(Map.of("userId", bob.id())).post("/pod/v1/connection/accept"));
    pod.as(aliceToken).get("/pod/v1/connection/user/" + bob.id() + "/info").then().statusCode(200)
        .body("status", equalTo("PENDING_INCOMING"));
    assertThat(pod.as(bobToken).get("/pod/v1/connection/list?status=accepted").then().extract().asString())
        .doesNotContain(String.valueOf(alice.id()));
  }

  @Test
  void users_the_policy_does_not_name_meet_freely() {
    String roomId = room(carolToken, false, false);
    pod.as(carolToken).body(Map.of("id", alice.id())).post("/pod/v1/room/" + roomId + "/membership/add")
        .then().statusCode(200);
    pod.as(carolToken).body(List.of(bob.id())).post("/pod/v1/im/create").then().statusCode(200);
    pod.as(carolToken).body(Map.of("userId", bob.id())).post("/pod/v1/connection/create").then().statusCode(200);
  }
}
