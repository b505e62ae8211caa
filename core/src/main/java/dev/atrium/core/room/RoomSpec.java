package dev.atrium.core.room;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a creator gives for a new chat room; the server sets the id, creator, times and {@code active}. */
public record RoomSpec(
    @Nullable String name,
    @Nullable String description,
    List<RoomTag> keywords,
    boolean isPublic,
    boolean readOnly,
    boolean copyProtected,
    boolean discoverable,
    boolean membersCanInvite) {

  public RoomSpec {
    keywords = List.copyOf(keywords);
  }

  /** A builder of a spec with no name, description or keywords and every flag off. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RoomSpec} by component name: no flag is set by its place in a run of five. */
  public static final class Builder {
    private @Nullable String name;
    private @Nullable String description;
    private List<RoomTag> keywords = List.of();
    private boolean isPublic;
    private boolean readOnly;
    private boolean copyProtected;
    private boolean discoverable;
    private boolean membersCanInvite;

    private Builder() {}

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

    public RoomSpec build() {
      return new RoomSpec(name, description, keywords, isPublic, readOnly, copyProtected, discoverable,
          membersCanInvite);
    }
  }
}
