package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.RoomPod.refusedByBdk;
import static org.assertj.core.api.Assertions.assertThat;

import com.symphony.bdk.core.SymphonyBdk;
import com.symphony.bdk.core.service.stream.StreamService;
import com.symphony.bdk.gen.api.model.MemberInfo;
import com.symphony.bdk.gen.api.model.RoomDetail;
import com.symphony.bdk.gen.api.model.RoomTag;
import com.symphony.bdk.gen.api.model.Stream;
import com.symphony.bdk.gen.api.model.StreamAttributes;
import com.symphony.bdk.gen.api.model.StreamFilter;
import com.symphony.bdk.gen.api.model.StreamType;
import com.symphony.bdk.gen.api.model.UserId;
import com.symphony.bdk.gen.api.model.V2RoomSearchCriteria;
import com.symphony.bdk.gen.api.model.V2StreamAttributes;
import com.symphony.bdk.gen.api.model.V3RoomAttributes;
import com.symphony.bdk.gen.api.model.V3RoomDetail;
import com.symphony.bdk.gen.api.model.V3RoomSearchResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symphony's BDK 2.12.0 StreamService against the real server: rooms through {@code /pod/v3/room/*}, members
 * through {@code /pod/v1/room/{id}/membership/*} and {@code /pod/v2/room/{id}/membership/list}, IMs, the
 * stream list and stream info, exactly as a bot calls them.
 */
class BdkStreamServiceTest {
  static RoomPod pod;
  static SymphonyBdk bdk;
  static StreamService streams;
  static long botId;
  static RoomPod.Person jane;
  static RoomPod.Person joe;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    pod = RoomPod.start();
    bdk = pod.bdk(dir, "USER_PROVISIONING");
    streams = bdk.streams();
    botId = bdk.botInfo().getId();
    jane = pod.person("jane");
    joe = pod.person("joe");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static V3RoomDetail room(String name) {
    return streams.create(new V3RoomAttributes().name(name).description("Made by the BDK"));
  }

  @Test
  void create_makesAPrivateRoomOwnedByTheBot() {
    V3RoomDetail room = streams.create(new V3RoomAttributes().name("BDK room").description("Created via the API")
        .keywords(List.of(new RoomTag().key("region").value("EMEA"))).membersCanInvite(true).discoverable(false));

    assertThat(room.getRoomAttributes().getName()).isEqualTo("BDK room");
    assertThat(room.getRoomAttributes().getDescription()).isEqualTo("Created via the API");
    assertThat(room.getRoomAttributes().getKeywords()).extracting(RoomTag::getKey, RoomTag::getValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("region", "EMEA"));
    assertThat(room.getRoomAttributes().getPublic()).isFalse();
    assertThat(room.getRoomAttributes().getMembersCanInvite()).isTrue();
    assertThat(room.getRoomAttributes().getCrossPod()).isFalse();
    assertThat(room.getRoomSystemInfo().getId()).matches("[A-Za-z0-9_-]{34}");
    assertThat(room.getRoomSystemInfo().getCreatedByUserId()).isEqualTo(botId);
    assertThat(room.getRoomSystemInfo().getActive()).isTrue();
    assertThat(streams.listRoomMembers(room.getRoomSystemInfo().getId())).singleElement()
        .satisfies(m -> {
          assertThat(m.getId()).isEqualTo(botId);
          assertThat(m.getOwner()).isTrue();
          assertThat(m.getJoinDate()).isEqualTo(room.getRoomSystemInfo().getCreationDate());
        });
  }

  @Test
  void getRoomInfo_readsTheRoom_alsoByItsStandardBase64Id() {
    V3RoomDetail room = room("Info room");
    String id = room.getRoomSystemInfo().getId();
    // The BDK turns a standard base64 id into the URL-safe one before it calls.
    String standard = id.replace('-', '+').replace('_', '/') + "==";

    assertThat(streams.getRoomInfo(id)).isEqualTo(room);
    assertThat(streams.getRoomInfo(standard)).isEqualTo(room);
  }

  @Test
  void updateRoom_changesWhatItNames_andRefusesToChangeAnImmutableAttribute() {
    String id = room("Before").getRoomSystemInfo().getId();

    V3RoomDetail updated = streams.updateRoom(id, new V3RoomAttributes().name("After").discoverable(true));

    assertThat(updated.getRoomAttributes().getName()).isEqualTo("After");
    assertThat(updated.getRoomAttributes().getDescription()).isEqualTo("Made by the BDK");
    assertThat(updated.getRoomAttributes().getDiscoverable()).isTrue();
    refusedByBdk(() -> streams.updateRoom(id, new V3RoomAttributes()._public(true)), 400,
        "public cannot be changed after the room is created");
    assertThat(streams.getRoomInfo(id).getRoomAttributes().getPublic()).isFalse();
  }

  @Test
  void searchRooms_findsByNameDescriptionAndKeywords_withFacets() {
    streams.create(new V3RoomAttributes().name("Automobile Industry Room").description("Room to discuss cars")
        .discoverable(true));
    streams.create(new V3RoomAttributes().name("Tesla Room").description("Discussions on TSLA")
        .keywords(List.of(new RoomTag().key("industry").value("automobile"))).discoverable(true));

    V3RoomSearchResults found = streams.searchRooms(new V2RoomSearchCriteria().query("automobile")
        .labels(List.of("industry")).active(true).creator(new UserId().id(botId)));

    assertThat(found.getCount()).isEqualTo(2);
    assertThat(found.getSkip()).isZero();
    assertThat(found.getLimit()).isEqualTo(50);
    assertThat(found.getQuery().getQuery()).isEqualTo("automobile");
    assertThat(found.getRooms()).extracting(r -> r.getRoomAttributes().getName())
        .containsExactly("Automobile Industry Room", "Tesla Room");
    assertThat(found.getFacetedMatchCount()).singleElement().satisfies(f -> {
      assertThat(f.getFacet()).isEqualTo("industry");
      assertThat(f.getCount()).isEqualTo(1);
    });
  }

  @Test
  void searchAllRooms_pagesThroughEveryMatch() {
    for (int i = 0; i < 3; i++) {
      streams.create(new V3RoomAttributes().name("Paged zeppelin " + i));
    }
    assertThat(streams.searchAllRooms(new V2RoomSearchCriteria().query("zeppelin"))
        .map(r -> r.getRoomAttributes().getName())).containsExactly("Paged zeppelin 0", "Paged zeppelin 1",
        "Paged zeppelin 2");
  }

  @Test
  void membersAreAddedPromotedDemotedAndRemoved() throws Exception {
    String id = room("Members").getRoomSystemInfo().getId();

    streams.addMemberToRoom(jane.id(), id);
    streams.addMemberToRoom(joe.id(), id);
    streams.promoteUserToRoomOwner(jane.id(), id);
    assertThat(streams.listRoomMembers(id)).extracting(MemberInfo::getId, MemberInfo::getOwner).containsExactly(
        org.assertj.core.groups.Tuple.tuple(botId, true), org.assertj.core.groups.Tuple.tuple(jane.id(), true),
        org.assertj.core.groups.Tuple.tuple(joe.id(), false));

    streams.demoteUserToRoomParticipant(jane.id(), id);
    streams.removeMemberFromRoom(joe.id(), id);
    assertThat(pod.membership.v2RoomIdMembershipListGet(id, jane.token()))
        .extracting(MemberInfo::getId, MemberInfo::getOwner).containsExactly(
            org.assertj.core.groups.Tuple.tuple(botId, true), org.assertj.core.groups.Tuple.tuple(jane.id(), false));
    // This bot provisions users: it sees the past member too.
    assertThat(streams.listRoomMembers(id)).extracting(MemberInfo::getId).containsExactly(botId, jane.id(), joe.id());
  }

  @Test
  void theLastOwnerCannotBeDemoted() {
    String id = room("One owner").getRoomSystemInfo().getId();

    refusedByBdk(() -> streams.demoteUserToRoomParticipant(botId, id), 400,
        "User " + botId + " is the last owner of room " + id + " and cannot be demoted; promote another owner first");
  }

  @Test
  void setRoomActive_deactivatesAndReactivates_andADeactivatedRoomTakesNoMembers() {
    String id = room("Switch").getRoomSystemInfo().getId();

    RoomDetail off = streams.setRoomActive(id, false);
    assertThat(off.getRoomSystemInfo().getActive()).isFalse();
    assertThat(off.getImmutableRoomAttributes().getPublic()).isFalse();
    refusedByBdk(() -> streams.addMemberToRoom(jane.id(), id), 400,
        "New members cannot be added to deactivated rooms");

    assertThat(streams.setRoomActive(id, true).getRoomSystemInfo().getActive()).isTrue();
    streams.addMemberToRoom(jane.id(), id);
  }

  @Test
  void create_ofAnIm_isIdempotent_andGetStreamShowsItsMembers() {
    RoomPod.Person other = pod.person("imfriend");
    Stream im = streams.create(other.id());
    Stream again = streams.create(List.of(other.id(), other.id(), botId));

    assertThat(again.getId()).isEqualTo(im.getId());
    V2StreamAttributes info = streams.getStream(im.getId());
    assertThat(info.getStreamType().getType()).isEqualTo("IM");
    assertThat(info.getStreamAttributes().getMembers()).containsExactlyInAnyOrder(botId, other.id());
    assertThat(info.getActive()).isTrue();
    assertThat(info.getCrossPod()).isFalse();
    assertThat(info.getOrigin()).isEqualTo("INTERNAL");
    assertThat(info.getRoomAttributes()).isNull();
  }

  @Test
  void create_ofAMim_andCreateInstantMessageAdmin_giveTheSameStreamForTheSamePeople() {
    RoomPod.Person a = pod.person("mima");
    RoomPod.Person b = pod.person("mimb");
    RoomPod.Person c = pod.person("mimc");

    Stream byAdmin = streams.createInstantMessageAdmin(List.of(a.id(), b.id(), c.id()));
    Stream mim = streams.create(a.id(), b.id());

    assertThat(mim.getId()).isNotEqualTo(byAdmin.getId());
    assertThat(streams.getStream(byAdmin.getId()).getStreamType().getType()).isEqualTo("MIM");
    assertThat(streams.getStream(byAdmin.getId()).getStreamAttributes().getMembers())
        .containsExactly(a.id(), b.id(), c.id());
    assertThat(streams.createInstantMessageAdmin(List.of(c.id(), b.id(), a.id())).getId())
        .isEqualTo(byAdmin.getId());
  }

  @Test
  void getStream_ofARoom_givesItsName() {
    String id = room("Stream of a room").getRoomSystemInfo().getId();

    V2StreamAttributes info = streams.getStream(id);

    assertThat(info.getStreamType().getType()).isEqualTo("ROOM");
    assertThat(info.getRoomAttributes().getName()).isEqualTo("Stream of a room");
    assertThat(info.getStreamAttributes()).isNull();
  }

  @Test
  void listStreams_givesTheBotsStreamsOfTheTypesAsked() {
    String id = room("Listed room").getRoomSystemInfo().getId();
    RoomPod.Person other = pod.person("listed");
    Stream im = streams.create(other.id());

    List<StreamAttributes> rooms = streams.listStreams(new StreamFilter()
        .streamTypes(List.of(new StreamType().type(StreamType.TypeEnum.ROOM))).includeInactiveStreams(true));
    List<StreamAttributes> ims = streams.listStreams(new StreamFilter()
        .streamTypes(List.of(new StreamType().type(StreamType.TypeEnum.IM))));

    assertThat(rooms).extracting(StreamAttributes::getId).contains(id).doesNotContain(im.getId());
    assertThat(rooms).allSatisfy(s -> assertThat(s.getStreamType().getType()).isEqualTo(StreamType.TypeEnum.ROOM));
    assertThat(ims).extracting(StreamAttributes::getId).contains(im.getId()).doesNotContain(id);
    assertThat(ims).filteredOn(s -> s.getId().equals(im.getId())).singleElement()
        .satisfies(s -> assertThat(s.getStreamAttributes().getMembers()).containsExactly(botId, other.id()));
    assertThat(streams.listAllStreams(new StreamFilter()).map(StreamAttributes::getId)).contains(id, im.getId());
  }

  @Test
  void listStreams_withNoStreamIsNullForTheBdk_andListAllStreamsIsEmpty() {
    // The pod answers 204 with no body, as the spec says; the BDK hands that on as null.
    StreamFilter posts = new StreamFilter().streamTypes(List.of(new StreamType().type(StreamType.TypeEnum.POST)));

    assertThat(streams.listStreams(posts)).isNull();
    assertThat(streams.listAllStreams(posts)).isEmpty();
  }

  @Test
  void anUnknownRoomIsAClientError() {
    String unknown = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    refusedByBdk(() -> streams.getRoomInfo(unknown), 400, "Room " + unknown + " not found");
    refusedByBdk(() -> streams.getStream(unknown), 400, "Stream " + unknown + " not found");
    refusedByBdk(() -> streams.addMemberToRoom(jane.id(), unknown), 400, "Room " + unknown + " not found");
  }
}
