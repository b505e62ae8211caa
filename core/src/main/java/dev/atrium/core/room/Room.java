package dev.atrium.core.room;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A room as every dialect shows it: a Symphony stream or chat room, a Rocket.Chat room, a LiveDigital room.
 * The id is opaque and URL-safe ({@link RoomId}). An IM or MIM has no name and its participants never
 * change. {@code isPublic}, {@code readOnly} and {@code copyProtected} are fixed when the room is created.
 * Build one with {@link #builder()}, so that no flag is set by its place in a run of booleans.
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
    return toBuilder().name(name).description(description).keywords(keywords).discoverable(discoverable)
        .membersCanInvite(membersCanInvite).updatedAt(at).build();
  }

  public Room withActive(boolean active, Instant at) {
    return toBuilder().active(active).updatedAt(at).build();
  }

  /**
   * A builder of a room. {@code id}, {@code kind}, {@code creatorId} and {@code createdAt} must be set; the rest
   * default to no name, description or keywords, every flag off but {@code active}, and {@code updatedAt} equal
   * to {@code createdAt}.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every component of this room. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Room} by component name, so that a new component touches only the record and this. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable RoomKind kind;
    private @Nullable String name;
    private @Nullable String description;
    private List<RoomTag> keywords = List.of();
    private boolean isPublic;
    private boolean readOnly;
    private boolean copyProtected;
    private boolean discoverable;
    private boolean membersCanInvite;
    private boolean active = true;
    private @Nullable Long creatorId;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;

    private Builder() {}

    private Builder(Room r) {
      id = r.id;
      kind = r.kind;
      name = r.name;
      description = r.description;
      keywords = r.keywords;
      isPublic = r.isPublic;
      readOnly = r.readOnly;
      copyProtected = r.copyProtected;
      discoverable = r.discoverable;
      membersCanInvite = r.membersCanInvite;
      active = r.active;
      creatorId = r.creatorId;
      createdAt = r.createdAt;
      updatedAt = r.updatedAt;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder kind(RoomKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    public Builder keywords(List<RoomTag> keywords) {
      this.keywords = keywords;
      return this;
    }

    public Builder isPublic(boolean isPublic) {
      this.isPublic = isPublic;
      return this;
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder copyProtected(boolean copyProtected) {
      this.copyProtected = copyProtected;
      return this;
    }

    public Builder discoverable(boolean discoverable) {
      this.discoverable = discoverable;
      return this;
    }

    public Builder membersCanInvite(boolean membersCanInvite) {
      this.membersCanInvite = membersCanInvite;
      return this;
    }

    public Builder active(boolean active) {
      this.active = active;
      return this;
    }

    public Builder creatorId(long creatorId) {
      this.creatorId = creatorId;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /** The room; refuses one whose id, kind, creator or creation time is not set. */
    public Room build() {
      Instant created = required(createdAt, "createdAt");
      return new Room(required(id, "id"), required(kind, "kind"), name, description, keywords, isPublic, readOnly,
          copyProtected, discoverable, membersCanInvite, active, required(creatorId, "creatorId"), created,
          updatedAt == null ? created : updatedAt);
    }

    private static <T> T required(@Nullable T value, String component) {
      if (value == null) {
        throw new IllegalStateException("A Room's " + component + " is required");
      }
      return value;
    }
  }
}
