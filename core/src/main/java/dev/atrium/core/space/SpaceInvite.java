package dev.atrium.core.space;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A single-use invite to a space: whoever activates it first becomes a member with {@code role} (MODERATOR or
 * USER). {@code createdBy} and {@code activatedBy} are absent once that user is deleted; {@code activatedAt} says
 * whether it was used.
 */
public record SpaceInvite(
    String id,
    String spaceId,
    SpaceRole role,
    @Nullable Long createdBy,
    Instant createdAt,
    @Nullable Long activatedBy,
    @Nullable Instant activatedAt) {
  public boolean used() {
    return activatedAt != null;
  }
}
