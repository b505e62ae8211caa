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
}
