package dev.atrium.api.symphony;

import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomTag;
import java.util.List;
import java.util.Objects;

/** Rooms, members and streams in the pod API's shapes, one method per shape and version. */
final class RoomMapping {
  private RoomMapping() {}

  static Wire.RoomDetail v1(Room room) {
    return new Wire.RoomDetail(new Wire.RoomAttributes(name(room), room.description(), room.membersCanInvite(),
        room.discoverable()), systemInfo(room),
        new Wire.ImmutableRoomAttributes(room.isPublic(), room.readOnly(), room.copyProtected()));
  }

  static Wire.V2RoomDetail v2(Room room) {
    return new Wire.V2RoomDetail(new Wire.V2RoomAttributes(name(room), tags(room.keywords()), room.description(),
        room.membersCanInvite(), room.discoverable(), room.isPublic(), room.readOnly(), room.copyProtected()),
        systemInfo(room));
  }

  /** Every room is on this one pod and of its one company: never cross-pod, never multilateral. */
  static Wire.V3RoomDetail v3(Room room) {
    return new Wire.V3RoomDetail(new Wire.V3RoomAttributes(name(room), tags(room.keywords()), room.description(),
        room.membersCanInvite(), room.discoverable(), room.isPublic(), room.readOnly(), room.copyProtected(), false,
        false), systemInfo(room));
  }

  static Wire.RoomSystemInfo systemInfo(Room room) {
    return new Wire.RoomSystemInfo(room.id(), room.createdAt().toEpochMilli(), room.creatorId(), room.active());
  }

  /** A past member (shown to administrators only) is never an owner. */
  static Wire.MemberInfo member(Membership m) {
    return new Wire.MemberInfo(m.userId(), m.isOwner(), m.joinedAt().toEpochMilli());
  }

  static Wire.StreamAttributes stream(Room room, List<Long> members) {
    return new Wire.StreamAttributes(room.id(), false, room.active(), new Wire.StreamType(room.kind().name()),
        conversation(room, members), roomAttributes(room));
  }

  static Wire.V2StreamAttributes streamV2(Room room, List<Long> members) {
    return new Wire.V2StreamAttributes(room.id(), false, "INTERNAL", room.active(),
        new Wire.StreamType(room.kind().name()), conversation(room, members), roomAttributes(room));
  }

  private static Wire.@org.jspecify.annotations.Nullable ConversationStreamAttributes conversation(Room room,
      List<Long> members) {
    return room.isConversation() ? new Wire.ConversationStreamAttributes(members) : null;
  }

  private static Wire.@org.jspecify.annotations.Nullable RoomStreamAttributes roomAttributes(Room room) {
    return room.isConversation() ? null : new Wire.RoomStreamAttributes(name(room));
  }

  private static List<Wire.RoomTag> tags(List<RoomTag> keywords) {
    return keywords.stream().map(t -> new Wire.RoomTag(t.key(), t.value())).toList();
  }

  private static String name(Room room) {
    return Objects.requireNonNull(room.name(), "a chat room has a name");
  }
}
