package dev.atrium.core.space;

import org.jspecify.annotations.Nullable;

/**
 * A chat room's place in a space, with LiveDigital's attributes: {@code alias} (10 characters of
 * {@code [A-Za-z0-9_-]}, unique, what links use), the room's type and flags, {@code channelId} (random) and
 * {@code appId}, the API client whose token created the room. The room itself (name, public flag, members) is the
 * core {@code Room} of the same id.
 */
public record SpaceRoom(
    String roomId,
    String spaceId,
    String alias,
    SpaceRoomType type,
    boolean screensharingAllowed,
    boolean chatAllowed,
    String channelId,
    @Nullable String appId) {

  public SpaceRoom with(SpaceRoomType type, boolean screensharingAllowed, boolean chatAllowed) {
    return new SpaceRoom(roomId, spaceId, alias, type, screensharingAllowed, chatAllowed, channelId, appId);
  }
}
