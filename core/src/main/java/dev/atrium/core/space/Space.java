package dev.atrium.core.space;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A space: a LiveDigital space, a Roomful network. {@code parentId} is set on a sub-network. A public space
 * may be used by every user; a private one by its members. {@code ownerId} is absent on the default space
 * {@link #DEFAULT_ID}, which the schema creates, which is public, and which always exists.
 */
public record Space(
    String id,
    String name,
    SpaceType type,
    boolean isPublic,
    @Nullable String parentId,
    @Nullable Long ownerId,
    Instant createdAt) {
  /** Roomful's default network. */
  public static final String DEFAULT_ID = "roomful";
}
