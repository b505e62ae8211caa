package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.RoomPod.ENTITLEMENT;
import static dev.atrium.server.symphony.RoomPod.body;
import static dev.atrium.server.symphony.RoomPod.refused;
import static dev.atrium.server.symphony.RoomPod.refusedByClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.symphony.bdk.gen.api.model.StreamAttributes;
import com.symphony.bdk.gen.api.model.StreamFilter;
import com.symphony.bdk.gen.api.model.StreamType;
import com.symphony.bdk.http.api.ApiResponse;
import dev.atrium.server.Golden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMs and MIMs ({@code /pod/v1/im/create}, {@code /pod/v1/admin/im/create}), the caller's streams
 * ({@code /pod/v1/streams/list}) and one stream's attributes ({@code /pod/v1|v2/streams/{sid}/info}).
 */
// The pod API 1.40 endpoints are deprecated in the spec the BDK is generated from; they are what is tested.
@SuppressWarnings("deprecation")
class SymphonyStreamsTest {
  static RoomPod pod;
  static RoomPod.Person ann;
  static RoomPod.Person ben;
  static RoomPod.Person cat;
  static RoomPod.Person provisioner;

  @BeforeAll
  static void start() {
    pod = RoomPod.start();
    ann = pod.person("ann");
    ben = pod.person("ben");
    cat = pod.person("cat");
    provisioner = pod.person("provisioner", "USER_PROVISIONING");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static String im(RoomPod.Person caller, Object ids) {
    return pod.as(caller).body(ids).post("/pod/v1/im/create").then().statusCode(200).extract().path("id");
  }

  // ---- IMs and MIMs

  @Test
  void anImIsCreatedOnce_forTheCallerAndTheOthers() throws Exception {
    RoomPod.Person dan = pod.person("dan");
    String got = body(pod.as(dan).body(List.of(ann.id())).post("/pod/v1/im/create").then(), 200);
    Golden.assertMatches(got, "symphony/rooms/stream.json");
    String id = RoomPod.json(got).getString("id");

    assertThat(im(ann, List.of(dan.id()))).isEqualTo(id);
    assertThat(im(dan, List.of(ann.id(), ann.id(), dan.id()))).isEqualTo(id);
    assertThat(pod.streams.v1ImCreatePost(ann.token(), List.of(dan.id())).getId()).isEqualTo(id);
  }

  @Test
  void moreThanTwoPeopleMakeAMim_andEverySetOfPeopleItsOwn() {
    String mim = im(ann, List.of(ben.id(), cat.id()));
    String im = im(ann, List.of(ben.id()));

    assertThat(mim).isNotEqualTo(im);
    assertThat(im(cat, List.of(ben.id(), ann.id()))).isEqualTo(mim);
    pod.as(ann).get("/pod/v2/streams/" + mim + "/info").then().statusCode(200)
        .body("streamType.type", org.hamcrest.Matchers.equalTo("MIM"));
  }

  @Test
  void anAdministratorOpensAConversationWithoutJoiningIt() throws Exception {
    RoomPod.Person eve = pod.person("eve");
    String id = pod.streams.v1AdminImCreatePost(provisioner.token(), List.of(eve.id(), ann.id())).getId();

    assertThat(im(eve, List.of(ann.id()))).isEqualTo(id);
    assertThat(pod.streams.v1StreamsSidInfoGet(id, ann.token()).getStreamAttributes().getMembers())
        .containsExactly(ann.id(), eve.id());
    refused(pod.as(ann).body(List.of(ben.id(), cat.id())).post("/pod/v1/admin/im/create").then(), 403, ENTITLEMENT);
    refused(pod.as(provisioner).body(List.of(ben.id(), ben.id())).post("/pod/v1/admin/im/create").then(), 400,
        "At least two different user ids are required");
  }

  @Test
  void badImRequestsAreRefused() {
    String path = "/pod/v1/im/create";
    refused(pod.as(ann).body(List.of()).post(path).then(), 400, "At least one user id is required");
    refused(pod.as(ann).body(List.of(ann.id())).post(path).then(), 400,
        "At least one user other than the caller is required");
    refused(pod.as(ann).body(List.of("x")).post(path).then(), 400, "Field '[0]' has the wrong type; expected an integer");
    refused(pod.as(ann).body(Map.of("id", ben.id())).post(path).then(), 400,
        "The request body has the wrong type; expected an array");
    refused(pod.as(ann).body(List.of(0)).post(path).then(), 400, "[0] must be a user id (a positive integer), got 0");
    refused(pod.as(ann).body("[null]").post(path).then(), 400, "[0] is required");
    refused(pod.as(ann).body(List.of(ben.id(), 99999999999L)).post(path).then(), 400, "User 99999999999 not found");
    refused(pod.as(ann).post(path).then(), 400, "The request body is empty; a JSON document is required");
    refused(pod.anonymous().body(List.of(ben.id())).post(path).then(), 401, "Invalid session");
    refused(pod.anonymous().body(List.of(ben.id(), cat.id())).post("/pod/v1/admin/im/create").then(), 401,
        "Invalid session");
  }

  // ---- stream info

  @Test
  void streamInfoOfAnIm_inBothVersions() {
    RoomPod.Person fay = pod.person("fay");
    String id = im(fay, List.of(ann.id()));

    Golden.assertMatches(body(pod.as(fay).get("/pod/v1/streams/" + id + "/info").then(), 200),
        "symphony/rooms/stream-attributes-im.json");
    Golden.assertMatches(body(pod.as(ann).get("/pod/v2/streams/" + id + "/info").then(), 200),
        "symphony/rooms/v2-stream-attributes-im.json");
  }

  @Test
  void streamInfoOfARoom_inBothVersions() {
    String id = pod.room(ann, "Stream room");

    Golden.assertMatches(body(pod.as(ann).get("/pod/v1/streams/" + id + "/info").then(), 200),
        "symphony/rooms/stream-attributes-room.json");
    Golden.assertMatches(body(pod.as(ann).get("/pod/v2/streams/" + id + "/info").then(), 200),
        "symphony/rooms/v2-stream-attributes-room.json");
  }

  @Test
  void streamInfoIsForParticipantsAndAdministrators() {
    String id = im(ann, List.of(ben.id()));

    refused(pod.as(cat).get("/pod/v1/streams/" + id + "/info").then(), 403, "The user is not a member of room " + id);
    refused(pod.as(cat).get("/pod/v2/streams/" + id + "/info").then(), 403, "The user is not a member of room " + id);
    pod.as(provisioner).get("/pod/v2/streams/" + id + "/info").then().statusCode(200);
    refused(pod.as(ann).get("/pod/v2/streams/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/info").then(), 400,
        "Stream AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA not found");
    refused(pod.as(ann).get("/pod/v1/streams/x/info").then(), 400,
        "'x' is not a room id (25 bytes in URL-safe base64)");
    refused(pod.anonymous().get("/pod/v1/streams/" + id + "/info").then(), 401, "Invalid session");
  }

  // ---- the caller's streams

  @Test
  void theListHasTheCallersStreams_oldestFirst() {
    RoomPod.Person gus = pod.person("gus");
    String room = pod.room(gus, "Gus room");
    String im = im(gus, List.of(ann.id()));

    String got = body(pod.as(gus).post("/pod/v1/streams/list").then(), 200);

    Golden.assertMatches(got, "symphony/rooms/stream-list.json");
    assertThat(RoomPod.json(got).getList("id", String.class)).containsExactly(room, im);
  }

  @Test
  void theListFiltersByTypeAndActivity_andPages() throws Exception {
    RoomPod.Person hal = pod.person("hal");
    String first = pod.room(hal, "First");
    String second = pod.room(hal, "Second");
    String im = im(hal, List.of(ann.id()));
    pod.streams.v1RoomIdSetActivePost(second, false, hal.token());

    assertThat(ids(hal, new StreamFilter(), null, null)).containsExactly(first, im);
    assertThat(ids(hal, new StreamFilter().includeInactiveStreams(true), null, null))
        .containsExactly(first, second, im);
    assertThat(ids(hal, new StreamFilter().includeInactiveStreams(true)
        .streamTypes(List.of(new StreamType().type(StreamType.TypeEnum.ROOM))), null, null))
        .containsExactly(first, second);
    assertThat(ids(hal, new StreamFilter().streamTypes(List.of(new StreamType().type(StreamType.TypeEnum.IM),
        new StreamType().type(StreamType.TypeEnum.MIM))), null, null)).containsExactly(im);
    assertThat(ids(hal, new StreamFilter().includeInactiveStreams(true), 1, 1)).containsExactly(second);
  }

  private static List<String> ids(RoomPod.Person as, StreamFilter filter, Integer skip, Integer limit)
      throws Exception {
    return pod.streams.v1StreamsListPost(as.token(), skip, limit, filter).stream().map(StreamAttributes::getId)
        .toList();
  }

  @Test
  void noStreamAtAllIsNoContent() throws Exception {
    RoomPod.Person ivy = pod.person("ivy");

    pod.as(ivy).post("/pod/v1/streams/list").then().statusCode(204).body(org.hamcrest.Matchers.emptyString());
    ApiResponse<List<StreamAttributes>> response = pod.streams.v1StreamsListPostWithHttpInfo(ivy.token(), null, null,
        new StreamFilter());
    assertThat(response.getStatusCode()).isEqualTo(204);
    assertThat(response.getData()).isNull();
    pod.room(ivy, "Now one");
    pod.as(ivy).body(Map.of("streamTypes", List.of(Map.of("type", "POST")))).post("/pod/v1/streams/list").then()
        .statusCode(204);
  }

  @Test
  void aBadFilterIsRefused() {
    String path = "/pod/v1/streams/list";
    refused(pod.as(ann).body(Map.of("streamTypes", List.of(Map.of("type", "WALL")))).post(path).then(), 400,
        "streamTypes[0].type must be one of [IM, MIM, ROOM, POST], got 'WALL'");
    refused(pod.as(ann).body(Map.of("streamTypes", List.of(Map.of()))).post(path).then(), 400,
        "streamTypes[0].type is required");
    refused(pod.as(ann).body(Map.of("includeInactiveStreams", "yes")).post(path).then(), 400,
        "Field 'includeInactiveStreams' has the wrong type; expected a boolean");
    refused(pod.as(ann).queryParam("limit", 0).post(path).then(), 400,
        "limit must be an integer from 1 to 1000, got '0'");
    refused(pod.anonymous().post(path).then(), 401, "Invalid session");
    refusedByClient(() -> pod.streams.v1StreamsListPost(ann.token(), -1, null, new StreamFilter()), 400,
        "skip must be an integer from 0 to 2147483647, got '-1'");
  }
}
