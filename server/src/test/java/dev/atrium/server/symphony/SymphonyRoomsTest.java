package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.RoomPod.body;
import static dev.atrium.server.symphony.RoomPod.refused;
import static dev.atrium.server.symphony.RoomPod.refusedByClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.symphony.bdk.gen.api.model.RoomAttributes;
import com.symphony.bdk.gen.api.model.RoomCreate;
import com.symphony.bdk.gen.api.model.RoomDetail;
import com.symphony.bdk.gen.api.model.RoomSearchCriteria;
import com.symphony.bdk.gen.api.model.RoomSearchResults;
import com.symphony.bdk.gen.api.model.RoomTag;
import com.symphony.bdk.gen.api.model.UserId;
import com.symphony.bdk.gen.api.model.V2RoomAttributes;
import com.symphony.bdk.gen.api.model.V2RoomDetail;
import dev.atrium.server.Golden;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The room endpoints of the pod API over the wire: {@code /pod/v1/room/*}, {@code /pod/v2/room/*} and
 * {@code /pod/v3/room/*}, through the BDK's generated {@code StreamsApi} and checked against golden JSON.
 */
// The pod API 1.40 endpoints are deprecated in the spec the BDK is generated from; they are what is tested.
@SuppressWarnings("deprecation")
class SymphonyRoomsTest {
  static RoomPod pod;
  static RoomPod.Person owner;
  static RoomPod.Person other;
  static RoomPod.Person provisioner;

  @BeforeAll
  static void start() {
    pod = RoomPod.start();
    owner = pod.person("owner");
    other = pod.person("other");
    provisioner = pod.person("provisioner", "USER_PROVISIONING");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static Map<String, Object> attributes(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  String info(String version, String id) {
    return body(pod.as(owner).get("/pod/" + version + "/room/" + id + "/info").then(), 200);
  }

  // ---- v1

  @Test
  void v1_create_answersARoomDetail() {
    String got = body(pod.as(owner).body(Map.of(
        "roomAttributes", Map.of("name", "API room", "description", "Created via the API", "membersCanInvite", true,
            "discoverable", true),
        "immutableRoomAttributes", Map.of("public", false, "readOnly", true, "copyProtected", true)))
        .post("/pod/v1/room/create").then(), 200);

    Golden.assertMatches(got, "symphony/rooms/room-detail-v1.json");
    String id = RoomPod.json(got).getString("roomSystemInfo.id");
    assertThat(RoomPod.json(got).getLong("roomSystemInfo.createdByUserId")).isEqualTo(owner.id());
    assertThat(info("v1", id)).isEqualTo(got);
  }

  @Test
  void v1_create_withoutImmutableAttributes_makesAPrivateRoom() throws Exception {
    RoomDetail room = pod.streams.v1RoomCreatePost(owner.token(),
        new RoomCreate().roomAttributes(new RoomAttributes().name("Private by default")));

    assertThat(room.getImmutableRoomAttributes().getPublic()).isFalse();
    assertThat(room.getImmutableRoomAttributes().getReadOnly()).isFalse();
    assertThat(room.getRoomAttributes().getDiscoverable()).isFalse();
    assertThat(room.getRoomAttributes().getMembersCanInvite()).isFalse();
    assertThat(room.getRoomSystemInfo().getActive()).isTrue();
    assertThat(pod.streams.v1RoomIdInfoGet(room.getRoomSystemInfo().getId(), owner.token())).isEqualTo(room);
  }

  @Test
  void v1_update_changesTheAttributesItNames_andKeepsTheOthers() throws Exception {
    RoomDetail room = pod.streams.v1RoomCreatePost(owner.token(), new RoomCreate().roomAttributes(
        new RoomAttributes().name("Before").description("Kept")));

    RoomDetail updated = pod.streams.v1RoomIdUpdatePost(room.getRoomSystemInfo().getId(), owner.token(),
        new RoomAttributes().name("After").membersCanInvite(true));

    assertThat(updated.getRoomAttributes().getName()).isEqualTo("After");
    assertThat(updated.getRoomAttributes().getDescription()).isEqualTo("Kept");
    assertThat(updated.getRoomAttributes().getMembersCanInvite()).isTrue();
    assertThat(updated.getRoomSystemInfo()).isEqualTo(room.getRoomSystemInfo());
  }

  @Test
  void v1_setActive_deactivatesAndReactivates() {
    String id = pod.room(owner, "Switched");

    String off = body(pod.as(owner).queryParam("active", false).post("/pod/v1/room/" + id + "/setActive").then(),
        200);
    Golden.assertMatches(off, "symphony/rooms/room-detail-v1-deactivated.json");
    assertThat(RoomPod.json(info("v2", id)).getBoolean("roomSystemInfo.active")).isFalse();

    pod.as(owner).queryParam("active", "TRUE").post("/pod/v1/room/" + id + "/setActive").then().statusCode(200)
        .body("roomSystemInfo.active", org.hamcrest.Matchers.equalTo(true));
  }

  @Test
  void v1_setActive_needsAnActiveFlag_andAnOwner() {
    String id = pod.room(owner, "Flag");

    refused(pod.as(owner).post("/pod/v1/room/" + id + "/setActive").then(), 400, "active is required");
    refused(pod.as(owner).queryParam("active", "maybe").post("/pod/v1/room/" + id + "/setActive").then(), 400,
        "active must be true or false, got 'maybe'");
    refused(pod.as(other).queryParam("active", false).post("/pod/v1/room/" + id + "/setActive").then(), 403,
        "Only an owner of room " + id + " can deactivate it");
    assertThat(RoomPod.json(info("v1", id)).getBoolean("roomSystemInfo.active")).isTrue();
  }

  // ---- v2

  @Test
  void v2_create_answersAV2RoomDetail_withKeywords() {
    String got = body(pod.as(owner).body(attributes("name", "Tesla Room", "description", "Discussions on TSLA",
        "keywords", List.of(Map.of("key", "industry", "value", "automobile")), "membersCanInvite", true,
        "discoverable", true, "public", true, "readOnly", false, "copyProtected", false))
        .post("/pod/v2/room/create").then(), 200);

    Golden.assertMatches(got, "symphony/rooms/v2-room-detail.json");
    assertThat(info("v2", RoomPod.json(got).getString("roomSystemInfo.id"))).isEqualTo(got);
  }

  @Test
  void v2_update_replacesTheKeywords_andAcceptsTheImmutableAttributesUnchanged() throws Exception {
    V2RoomDetail room = pod.streams.v2RoomCreatePost(owner.token(), new V2RoomAttributes().name("Tagged")
        .keywords(List.of(new RoomTag().key("a").value("1"))).readOnly(true));
    String id = room.getRoomSystemInfo().getId();

    V2RoomDetail updated = pod.streams.v2RoomIdUpdatePost(id, owner.token(), new V2RoomAttributes()
        .keywords(List.of(new RoomTag().key("b").value("2"))).readOnly(true)._public(false));

    assertThat(updated.getRoomAttributes().getKeywords()).extracting(RoomTag::getKey).containsExactly("b");
    assertThat(updated.getRoomAttributes().getName()).isEqualTo("Tagged");
    assertThat(updated.getRoomAttributes().getReadOnly()).isTrue();
    refusedByClient(() -> pod.streams.v2RoomIdUpdatePost(id, owner.token(), new V2RoomAttributes().readOnly(false)),
        400, "readOnly cannot be changed after the room is created");
    refusedByClient(() -> pod.streams.v2RoomIdUpdatePost(id, owner.token(),
        new V2RoomAttributes().copyProtected(true)), 400, "copyProtected cannot be changed after the room is created");
    assertThat(pod.streams.v2RoomIdInfoGet(id, owner.token())).isEqualTo(updated);
  }

  @Test
  void v2_search_findsByNameDescriptionAndKeywords_withFacets() {
    String prefix = SymphonyPod.unique("Zebra");
    String first = pod.room(owner, attributes("name", prefix + " automobile industry", "description",
        "Room to discuss car companies", "discoverable", true, "membersCanInvite", true));
    pod.room(owner, attributes("name", prefix + " Tesla", "description", "Discussions on TSLA", "discoverable", true,
        "keywords", List.of(Map.of("key", "industry", "value", "automobile"))));
    pod.room(owner, attributes("name", prefix + " Garage", "discoverable", true));

    String got = body(pod.as(other).queryParam("limit", 10).body(attributes("query", prefix + " automobile",
        "labels", List.of("industry"), "active", true, "creator", Map.of("id", owner.id())))
        .post("/pod/v2/room/search").then(), 200);

    Golden.assertMatches(got.replace(prefix, "PREFIX"), "symphony/rooms/room-search-results.json");
    assertThat(RoomPod.json(got).getString("rooms[0].roomSystemInfo.id")).isEqualTo(first);
  }

  @Test
  void v2_search_throughTheGeneratedClient_pagesWithSkipAndLimit() throws Exception {
    String prefix = SymphonyPod.unique("Pager");
    for (int i = 0; i < 5; i++) {
      pod.room(owner, attributes("name", prefix + " " + i, "discoverable", true));
    }

    RoomSearchResults page = pod.streams.v2RoomSearchPost(other.token(), new RoomSearchCriteria().query(prefix), 2,
        2);

    assertThat(page.getCount()).isEqualTo(5);
    assertThat(page.getSkip()).isEqualTo(2);
    assertThat(page.getLimit()).isEqualTo(2);
    assertThat(page.getRooms()).extracting(r -> r.getRoomAttributes().getName()).containsExactly(prefix + " 2",
        prefix + " 3");
    assertThat(page.getFacetedMatchCount()).isEmpty();
  }

  @Test
  void v2_search_findsARoomThatIsNotDiscoverableForItsMembersOnly() throws Exception {
    String name = SymphonyPod.unique("Secretive");
    String id = pod.room(owner, attributes("name", name, "discoverable", false));
    RoomSearchCriteria query = new RoomSearchCriteria().query(name);

    assertThat(pod.streams.v2RoomSearchPost(owner.token(), query, null, null).getCount()).isEqualTo(1);
    assertThat(pod.streams.v2RoomSearchPost(other.token(), query, null, null).getCount()).isZero();
    pod.add(owner, id, other);
    assertThat(pod.streams.v2RoomSearchPost(other.token(), query, null, null).getCount()).isEqualTo(1);
    pod.as(owner).body(Map.of("id", other.id())).post("/pod/v1/room/" + id + "/membership/remove").then()
        .statusCode(200);
    assertThat(pod.streams.v2RoomSearchPost(other.token(), query, null, null).getCount()).isZero();
  }

  @Test
  void v2_search_filtersByOwnerMemberAndPrivacy_andAQueryWithoutWordsNeedsOne() throws Exception {
    RoomPod.Person solo = pod.person("solo");
    String publicRoom = pod.room(solo, attributes("name", "Solo public", "public", true, "discoverable", true));
    String privateRoom = pod.room(solo, attributes("name", "Solo private"));

    assertThat(ids(new RoomSearchCriteria().query("").owner(new UserId().id(solo.id())), solo))
        .containsExactly(publicRoom, privateRoom);
    assertThat(ids(new RoomSearchCriteria().query("solo")._private(true).member(new UserId().id(solo.id())), solo))
        .containsExactly(privateRoom);
    assertThat(ids(new RoomSearchCriteria().query("").member(new UserId().id(solo.id()))._private(false), other))
        .containsExactly(publicRoom);
    refused(pod.as(solo).body(Map.of("query", "  ")).post("/pod/v2/room/search").then(), 400,
        "query must contain a word unless owner, creator or member is given");
  }

  private static List<String> ids(RoomSearchCriteria criteria, RoomPod.Person as) throws Exception {
    return pod.streams.v2RoomSearchPost(as.token(), criteria, null, null).getRooms().stream()
        .map(r -> r.getRoomSystemInfo().getId()).toList();
  }

  @Test
  void v2_search_refusesBadCriteria() {
    String path = "/pod/v2/room/search";
    refused(pod.as(owner).body(Map.of("labels", List.of("x"))).post(path).then(), 400, "query is required");
    refused(pod.as(owner).queryParam("limit", 101).body(Map.of("query", "x")).post(path).then(), 400,
        "limit must be an integer from 1 to 100, got '101'");
    refused(pod.as(owner).queryParam("skip", -1).body(Map.of("query", "x")).post(path).then(), 400,
        "skip must be an integer from 0 to 2147483647, got '-1'");
    refused(pod.as(owner).body(Map.of("query", "x", "owner", Map.of())).post(path).then(), 400,
        "owner.id is required");
    refused(pod.as(owner).body(Map.of("query", "x", "member", Map.of("id", "me"))).post(path).then(), 400,
        "Field 'member.id' has the wrong type; expected an integer");
    refused(pod.as(owner).body(Map.of("query", "x", "active", "yes")).post(path).then(), 400,
        "Field 'active' has the wrong type; expected a boolean");
    refused(pod.as(owner).body(Map.of("query", "x", "sortOrder", "NEWEST")).post(path).then(), 400,
        "sortOrder must be one of [BASIC, RELEVANCE], got 'NEWEST'");
    refused(pod.as(owner).body(Map.of("query", "a b c d e f g h i")).post(path).then(), 400,
        "query must have at most 8 words");
    refused(pod.as(owner).body("{\"query\": \"x\", \"labels\": [null]}").post(path).then(), 400,
        "labels[0] is required");
    refused(pod.anonymous().contentType(ContentType.JSON).body(Map.of("query", "x")).post(path).then(), 401,
        "Invalid session");
  }

  // ---- v3 (what the BDK's StreamService calls)

  @Test
  void v3_create_answersAV3RoomDetail() {
    String got = body(pod.as(owner).body(attributes("name", "API room", "keywords", List.of(
        Map.of("key", "region", "value", "EMEA"), Map.of("key", "lead", "value", "Bugs Bunny")), "description",
        "Created via the API", "membersCanInvite", true, "discoverable", false, "readOnly", false, "copyProtected",
        false, "crossPod", false, "viewHistory", true, "multiLateralRoom", false, "public", false, "subType", "EMAIL"))
        .post("/pod/v3/room/create").then(), 200);

    Golden.assertMatches(got, "symphony/rooms/v3-room-detail.json");
    assertThat(info("v3", RoomPod.json(got).getString("roomSystemInfo.id"))).isEqualTo(got);
  }

  @Test
  void v3_search_answersV3Results() {
    String name = SymphonyPod.unique("Quokka");
    pod.room(owner, attributes("name", name, "description", "Marsupials", "discoverable", true));

    String got = body(pod.as(other).body(Map.of("query", name, "sortOrder", "RELEVANCE")).post("/pod/v3/room/search")
        .then(), 200);

    Golden.assertMatches(got.replace(name, "NAME"), "symphony/rooms/v3-room-search-results.json");
  }

  @Test
  void v3_refusesWhatOnePodCannotBe() {
    refused(pod.as(owner).body(Map.of("name", "x", "crossPod", true)).post("/pod/v3/room/create").then(), 400,
        "crossPod rooms are not supported: this pod is the only one");
    refused(pod.as(owner).body(Map.of("name", "x", "multiLateralRoom", true)).post("/pod/v3/room/create").then(),
        400, "multiLateralRoom rooms are not supported: this pod has one company");
    String id = pod.room(owner, "Pinless");
    refused(pod.as(owner).body(Map.of("pinnedMessageId", "abc")).post("/pod/v3/room/" + id + "/update").then(), 400,
        "pinnedMessageId names no message of this room");
  }

  // ---- refusals common to every version

  @Test
  void aBadRoomIsRefused_andNothingIsCreated() {
    long before = countRooms();
    for (String version : new String[] {"v2", "v3"}) {
      String path = "/pod/" + version + "/room/create";
      refused(pod.as(owner).post(path).then(), 400, "The request body is empty; a JSON document is required");
      refused(pod.as(owner).body(Map.of("description", "no name")).post(path).then(), 400, "name is required");
      refused(pod.as(owner).body(Map.of("name", "   ")).post(path).then(), 400, "name is required");
      refused(pod.as(owner).body(Map.of("name", "x".repeat(257))).post(path).then(), 400,
          "name must be at most 256 characters long");
      refused(pod.as(owner).body(Map.of("name", "x", "description", "d".repeat(4001))).post(path).then(), 400,
          "description must be at most 4000 characters long");
      refused(pod.as(owner).body(Map.of("name", 5)).post(path).then(), 400,
          "Field 'name' has the wrong type; expected a string");
      refused(pod.as(owner).body(Map.of("name", "x", "public", "true")).post(path).then(), 400,
          "Field 'public' has the wrong type; expected a boolean");
      refused(pod.as(owner).body(Map.of("name", "x", "keywords", List.of(Map.of("value", "v")))).post(path).then(),
          400, "keywords[0].key is required");
      refused(pod.as(owner).body(Map.of("name", "x", "keywords", List.of(Map.of("key", "A", "value", "1"),
          Map.of("key", "a", "value", "2")))).post(path).then(), 400, "keywords repeat the key 'a'");
      refused(pod.as(owner).body("[\"x\"]").post(path).then(), 400,
          "The request body has the wrong type; expected an object");
      refused(pod.as(owner).body("{\"name\": ").post(path).then(), 400,
          "The request body is not valid JSON: Unexpected end-of-input within/between Object entries");
    }
    refused(pod.as(owner).body(Map.of("roomAttributes", Map.of("description", "x"))).post("/pod/v1/room/create")
        .then(), 400, "name is required");
    refused(pod.as(owner).body(Map.of("roomAttributes", "x")).post("/pod/v1/room/create").then(), 400,
        "Field 'roomAttributes' has the wrong type; expected an object");
    assertThat(countRooms()).isEqualTo(before);
  }

  private static long countRooms() {
    return pod.as(pod.admin).body(Map.of("query", "", "member", Map.of("id", owner.id())))
        .post("/pod/v2/room/search").then().statusCode(200).extract().jsonPath().getLong("count");
  }

  @Test
  void anUnknownOrMalformedRoomIdIsAClientError() {
    String unknown = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    for (String version : new String[] {"v1", "v2", "v3"}) {
      refused(pod.as(owner).get("/pod/" + version + "/room/" + unknown + "/info").then(), 400,
          "Room " + unknown + " not found");
      refused(pod.as(owner).get("/pod/" + version + "/room/not-a-room/info").then(), 400,
          "'not-a-room' is not a room id (25 bytes in URL-safe base64)");
    }
    refused(pod.as(owner).body(Map.of("name", "x")).post("/pod/v2/room/" + unknown + "/update").then(), 400,
        "Room " + unknown + " not found");
    Golden.assertMatches(body(pod.as(owner).get("/pod/v1/room/abc/info").then(), 400),
        "symphony/rooms/error-not-a-stream-id.json");
  }

  @Test
  void anImIsNotAChatRoom() throws Exception {
    String im = pod.streams.v1ImCreatePost(owner.token(), List.of(other.id())).getId();

    refused(pod.as(owner).get("/pod/v2/room/" + im + "/info").then(), 400,
        "Stream " + im + " is an IM, not a chat room");
    refused(pod.as(owner).body(Map.of("name", "x")).post("/pod/v1/room/" + im + "/update").then(), 400,
        "Stream " + im + " is an IM, not a chat room");
  }

  @Test
  void aStandardBase64IdMeansTheSameRoom() {
    // A room whose id has both a '-' and a '_', so that its standard form has a '+' and a '/'.
    String id;
    do {
      id = pod.room(owner, "Spelled twice");
    } while (!id.contains("-") || !id.contains("_"));
    String standard = id.replace('-', '+').replace('_', '/') + "==";
    String encoded = standard.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");

    pod.as(owner).urlEncodingEnabled(false).get("/pod/v2/room/" + encoded + "/info").then().statusCode(200)
        .body("roomSystemInfo.id", org.hamcrest.Matchers.equalTo(id));
    pod.as(owner).urlEncodingEnabled(false).body(Map.of("id", other.id()))
        .post("/pod/v1/room/" + encoded + "/membership/add").then().statusCode(200);
    assertThat(RoomPod.json(info("v2", id)).getString("roomSystemInfo.id")).isEqualTo(id);
  }

  @Test
  void onlyAnOwnerOrAnAdministratorChangesARoom_andARefusedChangeChangesNothing() {
    String id = pod.room(owner, attributes("name", "Owned", "discoverable", true));
    pod.add(owner, id, other);
    String before = info("v2", id);

    refused(pod.as(other).body(Map.of("name", "Taken")).post("/pod/v2/room/" + id + "/update").then(), 403,
        "Only an owner of room " + id + " can change it");
    refused(pod.as(other).body(Map.of("roomAttributes", Map.of("name", "Taken")))
        .post("/pod/v1/room/" + id + "/update").then(), 403, "Only an owner of room " + id + " can change it");
    refused(pod.as(owner).body(Map.of("name", "x".repeat(300))).post("/pod/v2/room/" + id + "/update").then(), 400,
        "name must be at most 256 characters long");
    assertThat(info("v2", id)).isEqualTo(before);

    pod.as(provisioner).body(Map.of("name", "Renamed by provisioning")).post("/pod/v2/room/" + id + "/update")
        .then().statusCode(200).body("roomAttributes.name", org.hamcrest.Matchers.equalTo("Renamed by provisioning"));
  }

  @Test
  void aPrivateHiddenRoomIsSeenOnlyByItsMembersAndAdministrators() {
    String hidden = pod.room(owner, "Hidden");
    String listed = pod.room(owner, attributes("name", "Listed", "discoverable", true));

    refused(pod.as(other).get("/pod/v1/room/" + hidden + "/info").then(), 403,
        "The user is not a member of room " + hidden);
    pod.as(other).get("/pod/v1/room/" + listed + "/info").then().statusCode(200);
    pod.as(provisioner).get("/pod/v3/room/" + hidden + "/info").then().statusCode(200);
    pod.as(pod.admin).get("/pod/v2/room/" + hidden + "/info").then().statusCode(200);
  }

  @Test
  void aUserWithoutCanCreatePublicRoomMakesOnlyPrivateRooms() {
    RoomPod.Person limited = pod.person("limited");
    pod.as(pod.admin).body(List.of(Map.of("entitlment", "canCreatePublicRoom", "enabled", false)))
        .post("/pod/v1/admin/user/" + limited.id() + "/features/update").then().statusCode(200);

    refused(pod.as(limited).body(Map.of("name", "Open", "public", true)).post("/pod/v2/room/create").then(), 403,
        "The user lacks the canCreatePublicRoom entitlement");
    pod.as(limited).body(Map.of("name", "Closed")).post("/pod/v2/room/create").then().statusCode(200);
  }

  @Test
  void everyRoomEndpointNeedsASession() {
    String id = pod.room(owner, "Guarded");
    List<io.restassured.response.ValidatableResponse> calls = new ArrayList<>();
    var anonymous = pod.pod.anonymous().contentType(ContentType.JSON);
    calls.add(anonymous.body(Map.of("name", "x")).post("/pod/v2/room/create").then());
    calls.add(pod.pod.anonymous().get("/pod/v1/room/" + id + "/info").then());
    calls.add(pod.pod.as("not-a-token").contentType(ContentType.JSON).body(Map.of("name", "x"))
        .post("/pod/v3/room/" + id + "/update").then());
    calls.add(pod.pod.anonymous().queryParam("active", false).post("/pod/v1/room/" + id + "/setActive").then());
    for (var call : calls) {
      refused(call, 401, "Invalid session");
    }
  }
}
