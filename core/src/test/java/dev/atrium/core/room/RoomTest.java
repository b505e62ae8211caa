package dev.atrium.core.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoomTest {
  static final Instant T0 = Instant.parse("2025-01-15T09:30:00Z");

  @Test
  void aRoomWithoutItsId_kind_creator_orCreationTime_isNotBuilt() {
    assertThatThrownBy(() -> Room.builder().kind(RoomKind.ROOM).creatorId(1).createdAt(T0).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("A Room's id is required");
    assertThatThrownBy(() -> Room.builder().id("r").creatorId(1).createdAt(T0).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("A Room's kind is required");
    assertThatThrownBy(() -> Room.builder().id("r").kind(RoomKind.ROOM).createdAt(T0).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("A Room's creatorId is required");
    assertThatThrownBy(() -> Room.builder().id("r").kind(RoomKind.ROOM).creatorId(1).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("A Room's createdAt is required");
  }

  @Test
  void whatIsNotSet_takesItsDefault_anActiveRoomWithEveryOtherFlagOff() {
    Room room = Room.builder().id("r").kind(RoomKind.IM).creatorId(1).createdAt(T0).build();
    assertThat(room.name()).isNull();
    assertThat(room.description()).isNull();
    assertThat(room.keywords()).isEmpty();
    assertThat(List.of(room.isPublic(), room.readOnly(), room.copyProtected(), room.discoverable(),
        room.membersCanInvite())).containsOnly(false);
    assertThat(room.active()).isTrue();
    assertThat(room.updatedAt()).isEqualTo(T0);
  }

  @Test
  void theWithersKeepWhatTheyDoNotChange() {
    Room room = Room.builder().id("r").kind(RoomKind.ROOM).name("Desk").description("About")
        .keywords(List.of(new RoomTag("k", "v"))).isPublic(true).readOnly(true).copyProtected(true)
        .discoverable(true).membersCanInvite(true).creatorId(1).createdAt(T0).build();
    Instant later = T0.plusSeconds(5);
    assertThat(room.toBuilder().build()).isEqualTo(room);
    assertThat(room.withActive(false, later)).isEqualTo(room.toBuilder().active(false).updatedAt(later).build());
    assertThat(room.withAttributes("Other", null, List.of(), false, false, later)).isEqualTo(room.toBuilder()
        .name("Other").description(null).keywords(List.of()).discoverable(false).membersCanInvite(false)
        .updatedAt(later).build());
    assertThat(room.withAttributes("Other", null, List.of(), false, false, later).isPublic()).isTrue();
  }
}
