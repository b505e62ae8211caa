package dev.atrium.core.room;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An update of a chat room: every field given replaces the current value, every absent (null) one is kept.
 * The immutable attributes may be given only with the value they already have.
 */
public record RoomChange(
    @Nullable String name,
    @Nullable String description,
    @Nullable List<RoomTag> keywords,
    @Nullable Boolean discoverable,
    @Nullable Boolean membersCanInvite,
    @Nullable Boolean isPublic,
    @Nullable Boolean readOnly,
    @Nullable Boolean copyProtected) {

  public RoomChange {
    keywords = keywords == null ? null : List.copyOf(keywords);
  }

  /** A builder of a change that keeps everything; each value set replaces the current one. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RoomChange} by component name: what is not set is kept. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String description;
    private @Nullable List<RoomTag> keywords;
    private @Nullable Boolean discoverable;
    private @Nullable Boolean membersCanInvite;
    private @Nullable Boolean isPublic;
    private @Nullable Boolean readOnly;
    private @Nullable Boolean copyProtected;

    private Builder() {}

    public Builder name(@Nullable String name) {
      this.name = name;
      return this;
    }

    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    public Builder keywords(@Nullable List<RoomTag> keywords) {
      this.keywords = keywords;
      return this;
    }

    public Builder discoverable(@Nullable Boolean discoverable) {
      this.discoverable = discoverable;
      return this;
    }

    public Builder membersCanInvite(@Nullable Boolean membersCanInvite) {
      this.membersCanInvite = membersCanInvite;
      return this;
    }

    public Builder isPublic(@Nullable Boolean isPublic) {
      this.isPublic = isPublic;
      return this;
    }

    public Builder readOnly(@Nullable Boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder copyProtected(@Nullable Boolean copyProtected) {
      this.copyProtected = copyProtected;
      return this;
    }

    public RoomChange build() {
      return new RoomChange(name, description, keywords, discoverable, membersCanInvite, isPublic, readOnly,
          copyProtected);
    }
  }
}
