package dev.atrium.core.room;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A room as every dialect shows it: a Symphony stream or chat room, a Rocket.Chat room, a LiveDigital room.
 * The id is opaque and URL-safe ({@link RoomId}). An IM or MIM has no name and its participants never
 * change. {@code isPublic}, {@code readOnly} and {@code copyProtected} are fixed when the room is created.
 */
public record Room(
    String id,
    RoomKind kind,
    @Nullable String name,
    @Nullable String description,
    List<RoomTag> keywords,
    boolean isPublic,
    boolean readOnly,
    boolean copyProtected,
    boolean discoverable,
    boolean membersCanInvite,
    boolean active,
    long creatorId,
    Instant createdAt,
    Instant updatedAt) {

  public Room {
    keywords = List.copyOf(keywords);
  }

  public boolean isConversation() {
    return kind != RoomKind.ROOM;
  }

  public Room withAttributes(@Nullable String name, @Nullable String description, List<RoomTag> keywords,
      boolean discoverable, boolean membersCanInvite, Instant at) {
    return new Room(id, kind, name, description, keywords, isPublic, readOnly, copyProtected, discoverable,
        membersCanInvite, active, creatorId, createdAt, at);
  }

  public Room withActive(boolean active, Instant at) {
    return new Room(id, kind, name, description, keywords, isPublic, readOnly, copyProtected, discoverable,
        membersCanInvite, active, creatorId, createdAt, at);
  }
}
