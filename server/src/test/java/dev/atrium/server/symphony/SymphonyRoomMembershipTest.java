package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.RoomPod.body;
import static dev.atrium.server.symphony.RoomPod.refused;
import static dev.atrium.server.symphony.RoomPod.refusedByClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.symphony.bdk.gen.api.model.MemberInfo;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import com.symphony.bdk.gen.api.model.UserId;
import dev.atrium.server.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /pod/v1/room/{id}/membership/add|remove|promoteOwner|demoteOwner} and the v1 and v2 member lists,
 * through the BDK's generated {@code RoomMembershipApi}: who may do what, and what a refusal leaves.
 */
// The pod API 1.40 endpoints are deprecated in the spec the BDK is generated from; they are what is tested.
@SuppressWarnings("deprecation")
class SymphonyRoomMembershipTest {
  static RoomPod pod;
  static RoomPod.Person owner;
  static RoomPod.Person member;
  static RoomPod.Person outsider;
  static RoomPod.Person provisioner;
  static RoomPod.Person administrator;

  @BeforeAll
  static void start() {
    pod = RoomPod.start();
    owner = pod.person("owner");
    member = pod.person("member");
    outsider = pod.person("outsider");
    provisioner = pod.person("provisioner", "USER_PROVISIONING");
    administrator = pod.person("administrator", "ADMINISTRATOR");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static UserId user(RoomPod.Person person) {
    return new UserId().id(person.id());
  }

  /** A room of the owner with the member in it. */
  static String room(Map<String, Object> attributes) {
    String id = pod.room(owner, attributes);
    pod.add(owner, id, member);
    return id;
  }

  static String room() {
    return room(Map.of("name", "Members"));
  }

  static List<Long> members(String roomId, RoomPod.Person as) throws Exception {
    return pod.membership.v2RoomIdMembershipListGet(roomId, as.token()).stream().map(MemberInfo::getId).toList();
  }

  static String list(String roomId, RoomPod.Person as) {
    return body(pod.as(as).get("/pod/v2/room/" + roomId + "/membership/list").then(), 200);
  }

  @Test
  void eachChangeAnswersItsSuccessMessage() {
    String id = pod.room(owner, "Messages");
    String path = "/pod/v1/room/" + id + "/membership/";
    Map<String, Long> body = Map.of("id", member.id());

    Golden.assertMatches(body(pod.as(owner).body(body).post(path + "add").then(), 200),
        "symphony/rooms/success-member-added.json");
    Golden.assertMatches(body(pod.as(owner).body(body).post(path + "promoteOwner").then(), 200),
        "symphony/rooms/success-member-promoted.json");
    Golden.assertMatches(body(pod.as(owner).body(body).post(path + "demoteOwner").then(), 200),
        "symphony/rooms/success-owner-demoted.json");
    Golden.assertMatches(body(pod.as(owner).body(body).post(path + "remove").then(), 200),
        "symphony/rooms/success-member-removed.json");
  }

  @Test
  void theMemberListIsABareArrayOfMemberInfo_inBothVersions() {
    String id = room();
    pod.as(owner).body(Map.of("id", member.id())).post("/pod/v1/room/" + id + "/membership/promoteOwner").then()
        .statusCode(200);

    String v1 = body(pod.as(member).get("/pod/v1/room/" + id + "/membership/list").then(), 200);
    Golden.assertMatches(v1, "symphony/rooms/membership-list.json");
    assertThat(list(id, member)).isEqualTo(v1);
    assertThat(RoomPod.json(v1).getList("id", Long.class)).containsExactly(owner.id(), member.id());
  }

  @Test
  void anOwnerAddsPromotesDemotesAndRemoves_throughTheGeneratedClient() throws Exception {
    String id = pod.room(owner, "Lifecycle");

    SuccessResponse added = pod.membership.v1RoomIdMembershipAddPost(id, owner.token(), user(member));
    assertThat(added.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);
    assertThat(added.getMessage()).isEqualTo("Member added");
    pod.membership.v1RoomIdMembershipPromoteOwnerPost(id, owner.token(), user(member));
    assertThat(pod.membership.v1RoomIdMembershipListGet(id, owner.token()))
        .extracting(MemberInfo::getId, MemberInfo::getOwner)
        .containsExactly(tuple(owner.id(), true), tuple(member.id(), true));

    pod.membership.v1RoomIdMembershipDemoteOwnerPost(id, member.token(), user(owner));
    pod.membership.v1RoomIdMembershipRemovePost(id, member.token(), user(owner));
    assertThat(pod.membership.v1RoomIdMembershipListGet(id, member.token()))
        .extracting(MemberInfo::getId, MemberInfo::getOwner).containsExactly(tuple(member.id(), true));
  }

  @Test
  void askingForWhatIsAlreadySoSucceedsAndChangesNothing() throws Exception {
    String id = room();
    String before = list(id, owner);

    pod.membership.v1RoomIdMembershipAddPost(id, owner.token(), user(member));
    pod.membership.v1RoomIdMembershipPromoteOwnerPost(id, owner.token(), user(owner));
    pod.membership.v1RoomIdMembershipDemoteOwnerPost(id, owner.token(), user(member));
    pod.membership.v1RoomIdMembershipRemovePost(id, owner.token(), user(outsider));

    assertThat(list(id, owner)).isEqualTo(before);
  }

  @Test
  void aMemberAddsOthersOnlyWhenTheRoomLetsMembersInvite() throws Exception {
    String closed = room(Map.of("name", "Closed"));
    String open = room(Map.of("name", "Open", "membersCanInvite", true));

    refusedByClient(() -> pod.membership.v1RoomIdMembershipAddPost(closed, member.token(), user(outsider)), 403,
        "The user may not add members to room " + closed);
    pod.membership.v1RoomIdMembershipAddPost(open, member.token(), user(outsider));

    assertThat(members(closed, owner)).containsExactly(owner.id(), member.id());
    assertThat(members(open, owner)).containsExactly(owner.id(), member.id(), outsider.id());
  }

  @Test
  void aUserAddsHimselfToAPublicRoomOnly() throws Exception {
    RoomPod.Person joiner = pod.person("joiner");
    String publicRoom = pod.room(owner, Map.of("name", "Public", "public", true, "discoverable", true));
    String privateRoom = pod.room(owner, Map.of("name", "Private", "discoverable", true));

    pod.membership.v1RoomIdMembershipAddPost(publicRoom, joiner.token(), user(joiner));
    refusedByClient(() -> pod.membership.v1RoomIdMembershipAddPost(privateRoom, joiner.token(), user(joiner)), 403,
        "The user may not add members to room " + privateRoom);
    refusedByClient(() -> pod.membership.v1RoomIdMembershipAddPost(publicRoom, joiner.token(), user(outsider)), 403,
        "The user may not add members to room " + publicRoom);

    assertThat(members(publicRoom, joiner)).containsExactly(owner.id(), joiner.id());
  }

  @Test
  void aMemberRemovesHimself_butNobodyElse() throws Exception {
    String id = room();
    pod.add(owner, id, outsider);

    refusedByClient(() -> pod.membership.v1RoomIdMembershipRemovePost(id, member.token(), user(outsider)), 403,
        "The user may not remove members from room " + id);
    pod.membership.v1RoomIdMembershipRemovePost(id, member.token(), user(member));

    assertThat(members(id, owner)).containsExactly(owner.id(), outsider.id());
  }

  @Test
  void onlyOwnersChangeOwners() {
    String id = room();

    refusedByClient(() -> pod.membership.v1RoomIdMembershipPromoteOwnerPost(id, member.token(), user(member)), 403,
        "Only an owner of room " + id + " can change its owners");
    refusedByClient(() -> pod.membership.v1RoomIdMembershipDemoteOwnerPost(id, outsider.token(), user(owner)), 403,
        "Only an owner of room " + id + " can change its owners");
  }

  @Test
  void provisionersAndAdministratorsManageAnyRoom() throws Exception {
    String id = pod.room(owner, "Managed");

    pod.membership.v1RoomIdMembershipAddPost(id, provisioner.token(), user(member));
    pod.membership.v1RoomIdMembershipPromoteOwnerPost(id, administrator.token(), user(member));
    pod.membership.v1RoomIdMembershipAddPost(id, pod.admin.token(), user(outsider));
    pod.membership.v1RoomIdMembershipRemovePost(id, provisioner.token(), user(outsider));

    assertThat(pod.membership.v2RoomIdMembershipListGet(id, owner.token()))
        .extracting(MemberInfo::getId, MemberInfo::getOwner)
        .containsExactly(tuple(owner.id(), true), tuple(member.id(), true));
  }

  @Test
  void pastMembersAreListedForAdministratorsOnly() throws Exception {
    String id = room();
    pod.membership.v1RoomIdMembershipRemovePost(id, owner.token(), user(member));

    assertThat(members(id, owner)).containsExactly(owner.id());
    assertThat(pod.membership.v1RoomIdMembershipListGet(id, administrator.token()))
        .extracting(MemberInfo::getId, MemberInfo::getOwner)
        .containsExactly(tuple(owner.id(), true), tuple(member.id(), false));
  }

  @Test
  void aMemberWhoComesBackHasANewJoinDate() throws Exception {
    String id = room();
    long first = pod.membership.v2RoomIdMembershipListGet(id, owner.token()).get(1).getJoinDate();
    pod.membership.v1RoomIdMembershipRemovePost(id, owner.token(), user(member));
    Thread.sleep(5);
    pod.membership.v1RoomIdMembershipAddPost(id, owner.token(), user(member));

    assertThat(pod.membership.v2RoomIdMembershipListGet(id, owner.token()).get(1).getJoinDate())
        .isGreaterThan(first);
  }

  @Test
  void aDeactivatedRoomKeepsItsMembers() throws Exception {
    String id = room();
    pod.streams.v1RoomIdSetActivePost(id, false, owner.token());
    String before = list(id, owner);

    refusedByClient(() -> pod.membership.v1RoomIdMembershipAddPost(id, owner.token(), user(outsider)), 400,
        "New members cannot be added to deactivated rooms");
    refusedByClient(() -> pod.membership.v1RoomIdMembershipRemovePost(id, owner.token(), user(member)), 400,
        "Members cannot be removed from deactivated rooms");
    refusedByClient(() -> pod.membership.v1RoomIdMembershipPromoteOwnerPost(id, owner.token(), user(member)), 400,
        "Owners cannot be changed in deactivated rooms");
    refusedByClient(() -> pod.membership.v1RoomIdMembershipAddPost(id, provisioner.token(), user(outsider)), 400,
        "New members cannot be added to deactivated rooms");

    assertThat(list(id, owner)).isEqualTo(before);
  }

  @Test
  void theLastOwnerIsNeitherDemotedNorRemoved() {
    String id = room();
    String before = list(id, owner);

    refusedByClient(() -> pod.membership.v1RoomIdMembershipDemoteOwnerPost(id, owner.token(), user(owner)), 400,
        "User " + owner.id() + " is the last owner of room " + id + " and cannot be demoted; promote another owner"
            + " first");
    refusedByClient(() -> pod.membership.v1RoomIdMembershipRemovePost(id, owner.token(), user(owner)), 400,
        "User " + owner.id() + " is the last owner of room " + id + " and cannot be removed; promote another owner"
            + " first");

    assertThat(list(id, owner)).isEqualTo(before);
  }

  @Test
  void onlyAMemberBecomesAnOwner() {
    String id = room();

    refusedByClient(() -> pod.membership.v1RoomIdMembershipPromoteOwnerPost(id, owner.token(), user(outsider)), 400,
        "User " + outsider.id() + " is not a member of room " + id);
  }

  @Test
  void badBodiesAndUnknownUsersAreRefused_andNothingChanges() {
    String id = room();
    String path = "/pod/v1/room/" + id + "/membership/add";
    String before = list(id, owner);
    RoomPod.Person disabled = pod.person("disabled");
    pod.pod.setStatus(disabled.id(), "DISABLED");

    refused(pod.as(owner).body(Map.of()).post(path).then(), 400, "id is required");
    refused(pod.as(owner).body(Map.of("id", "12")).post(path).then(), 400,
        "Field 'id' has the wrong type; expected an integer");
    refused(pod.as(owner).body(Map.of("id", -1)).post(path).then(), 400,
        "id must be a user id (a positive integer), got -1");
    refused(pod.as(owner).body(Map.of("id", 99999999999L)).post(path).then(), 400, "User 99999999999 not found");
    refused(pod.as(owner).body(Map.of("id", disabled.id())).post(path).then(), 400,
        "User " + disabled.id() + " is deactivated");
    refused(pod.as(owner).post(path).then(), 400, "The request body is empty; a JSON document is required");
    refused(pod.as(owner).body(Map.of("id", 99999999999L)).post("/pod/v1/room/" + id + "/membership/remove").then(),
        400, "User 99999999999 not found");
    refused(pod.anonymous().body(Map.of("id", member.id())).post(path).then(), 401, "Invalid session");

    assertThat(list(id, owner)).isEqualTo(before);
  }

  @Test
  void theMembersOfAHiddenRoomAreNotShownToOutsiders() {
    String id = room();

    refused(pod.as(outsider).get("/pod/v1/room/" + id + "/membership/list").then(), 403,
        "The user is not a member of room " + id);
    refused(pod.as(outsider).get("/pod/v2/room/" + id + "/membership/list").then(), 403,
        "The user is not a member of room " + id);
  }

  @Test
  void unknownRoomsAndImsHaveNoRoomMembership() throws Exception {
    String unknown = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    String im = pod.streams.v1ImCreatePost(owner.token(), List.of(member.id())).getId();

    refused(pod.as(owner).body(Map.of("id", member.id())).post("/pod/v1/room/" + unknown + "/membership/add")
        .then(), 400, "Room " + unknown + " not found");
    refused(pod.as(owner).get("/pod/v2/room/" + unknown + "/membership/list").then(), 400,
        "Room " + unknown + " not found");
    refused(pod.as(owner).body(Map.of("id", outsider.id())).post("/pod/v1/room/" + im + "/membership/add").then(),
        400, "Stream " + im + " is an IM, not a chat room");
    refused(pod.as(owner).get("/pod/v1/room/bad!/membership/list").then(), 400,
        "'bad!' is not a room id (25 bytes in URL-safe base64)");
  }
}
