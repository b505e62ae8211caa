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
}
