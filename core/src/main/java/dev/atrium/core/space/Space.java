package dev.atrium.core.space;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A space: a LiveDigital space, a Roomful network. {@code parentId} is set on a sub-network. A public space
 * may be used by every user; a private one by its members. {@code ownerId} is absent on the default space
 * {@link #DEFAULT_ID}, which the schema creates, which is public, and which always exists. {@code description}
 * and {@code logo} (a URL) are LiveDigital's and may be absent.
 */
public record Space(
    String id,
    String name,
    SpaceType type,
    boolean isPublic,
    @Nullable String parentId,
    @Nullable Long ownerId,
    Instant createdAt,
    @Nullable String description,
    @Nullable String logo) {
  /** Roomful's default network. */
  public static final String DEFAULT_ID = "roomful";

  /** A space without LiveDigital's details (a Roomful network). */
  public Space(String id, String name, SpaceType type, boolean isPublic, @Nullable String parentId,
      @Nullable Long ownerId, Instant createdAt) {
    this(id, name, type, isPublic, parentId, ownerId, createdAt, null, null);
  }

  /** The same space with these attributes. */
  public Space withDetails(String name, boolean isPublic, @Nullable String description, @Nullable String logo) {
    return new Space(id, name, type, isPublic, parentId, ownerId, createdAt, description, logo);
  }
}
