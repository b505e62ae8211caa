package dev.atrium.core.space;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.room.RoomSpec;
import dev.atrium.core.room.RoomStore;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * LiveDigital's rooms in spaces. A room in a space is a core chat room ({@link Rooms}, the same id in every
 * dialect) with a {@link SpaceRoom} row beside it. An owner or moderator of the space creates one and becomes its
 * OWNER. A caller sees a room if they hold a room role in it (a current membership: a guest of a link holds one
 * without being a member of the space), or if the room is public and they may use its space (public, or a member):
 * a private room is invisible, NotFound, without a role, even to the space's owner. A room's owners and moderators
 * change it, delete it and give room roles.
 */
public final class SpaceRooms {
  public static final int ALIAS_LENGTH = 10;
  static final int ALIAS_ATTEMPTS = 8;
  private static final String ALIAS_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  private static final int MAX_ID_LENGTH = 64;

  /** A room with its place in a space. */
  public record Placed(Room room, SpaceRoom place) {}

  /** What a creator gives for a new room in a space. */
  public record Spec(@Nullable String name, boolean isPublic, boolean screensharingAllowed, boolean chatAllowed,
      SpaceRoomType type) {}

  /** What an update changes; a null component keeps what the room has. */
  public record Change(@Nullable String name, @Nullable Boolean isPublic, @Nullable Boolean screensharingAllowed,
      @Nullable Boolean chatAllowed, @Nullable SpaceRoomType type) {}

  private final SpaceRoomStore store;
  private final Spaces spaces;
  private final Rooms rooms;
  private final RoomStore roomStore;
  private final Transactor tx;
  private final RandomGenerator random;

  public SpaceRooms(SpaceRoomStore store, Spaces spaces, Rooms rooms, RoomStore roomStore, Transactor tx,
      RandomGenerator random) {
    this.store = store;
    this.spaces = spaces;
    this.rooms = rooms;
    this.roomStore = roomStore;
    this.tx = tx;
    this.random = random;
  }

  /**
   * Creates a room in the space, owned by the actor, in one transaction; {@code appId} is the API client whose
   * token asked. The actor must be an owner or moderator of the space.
   */
  public Placed create(User actor, String spaceId, Spec spec, @Nullable String appId) {
    return tx.inTransaction(() -> {
      usableSpace(actor, spaceId);
      SpaceRole role = spaces.member(spaceId, actor.id()).map(SpaceMember::role).orElse(SpaceRole.USER);
      if (role == SpaceRole.USER) {
        throw AtriumException.forbidden("Only an owner or moderator of space " + spaceId + " can create rooms in it");
      }
      Room room = rooms.create(actor, RoomSpec.builder().name(spec.name()).isPublic(spec.isPublic()).build());
      byte[] channel = new byte[12];
      random.nextBytes(channel);
      String channelId = HexFormat.of().formatHex(channel);
      for (int attempt = 1; ; attempt++) {
        SpaceRoom place = new SpaceRoom(room.id(), spaceId, randomText(ALIAS_LENGTH), spec.type(),
            spec.screensharingAllowed(), spec.chatAllowed(), channelId, appId);
        if (store.byAlias(place.alias()).isPresent()) {
          continue;
        }
        try {
          tx.inSavepoint(() -> {
            store.insert(place);
            return place;
          });
          return new Placed(room, place);
        } catch (AtriumException.Conflict e) {
          // another room took the alias at the same moment: draw again
          if (attempt >= ALIAS_ATTEMPTS) {
            throw e;
          }
        }
      }
    });
  }

  /** The room of the space, if the actor may see it; else NotFound. */
  public Placed get(User actor, String spaceId, String roomId) {
    return tx.inTransaction(() -> visible(actor, spaceId, roomId));
  }

  /** The room of the alias, if the actor may see it; else NotFound. */
  public Placed byAlias(User actor, String alias) {
    return tx.inTransaction(() -> {
      SpaceRoom place = (alias.length() == ALIAS_LENGTH ? store.byAlias(alias) : Optional.<SpaceRoom>empty())
          .orElseThrow(() -> roomNotFound(alias));
      return visible(actor, place.spaceId(), place.roomId());
    });
  }

  /** The rooms of the space the actor may see, oldest first. */
  public List<Placed> list(User actor, String spaceId) {
    return tx.inTransaction(() -> {
      usableSpace(actor, spaceId);
      return store.inSpace(spaceId).stream()
          .flatMap(p -> roomStore.byId(p.roomId()).filter(r -> mayView(actor, r)).map(r -> new Placed(r, p)).stream())
          .toList();
    });
  }

  /** Changes a room; an owner or moderator of the room may. */
  public Placed update(User actor, String spaceId, String roomId, Change change) {
    return tx.inTransaction(() -> {
      Placed found = visible(actor, spaceId, roomId);
      Room room = rooms.updateModerated(actor, found.room().id(), change.name(), change.isPublic());
      SpaceRoom place = found.place();
      SpaceRoom changed = place.with(change.type() == null ? place.type() : change.type(),
          change.screensharingAllowed() == null ? place.screensharingAllowed() : change.screensharingAllowed(),
          change.chatAllowed() == null ? place.chatAllowed() : change.chatAllowed());
      if (!changed.equals(place)) {
        store.update(changed);
      }
      return new Placed(room, changed);
    });
  }

  /** Deletes a room, in every dialect at once; an owner or moderator of the room may. */
  public void delete(User actor, String spaceId, String roomId) {
    tx.run(() -> {
      Placed found = visible(actor, spaceId, roomId);
      rooms.deleteModerated(actor, found.room().id());
    });
  }

  /**
   * Gives a user a room role (MODERATOR, MEMBER or GUEST), adding them to the room if need be; an owner or
   * moderator of the room may. An unknown user is NotFound.
   */
  public Membership grant(User actor, String spaceId, String roomId, long userId, RoomRole role) {
    return tx.inTransaction(() -> {
      Placed found = visible(actor, spaceId, roomId);
      return rooms.setRole(actor, found.room().id(), userId, role);
    });
  }

  /**
   * Deletes a space with its rooms, in one transaction: {@link Spaces#delete} decides whether the actor may, and
   * every room of the space goes with it, in every dialect.
   */
  public void deleteSpace(User actor, String spaceId) {
    tx.run(() -> {
      // read before the space goes: its rooms' places are deleted with it
      List<SpaceRoom> places = spaceId.length() > MAX_ID_LENGTH ? List.of() : store.inSpace(spaceId);
      spaces.delete(actor, spaceId);
      places.forEach(p -> rooms.deleteUnchecked(p.roomId()));
    });
  }

  /** Deletes every room of the space (for a space being deleted); returns how many. */
  public int deleteAllIn(String spaceId) {
    return tx.inTransaction(() -> {
      int deleted = 0;
      for (SpaceRoom place : store.inSpace(spaceId)) {
        if (rooms.deleteUnchecked(place.roomId())) {
          deleted++;
        }
      }
      return deleted;
    });
  }

  /** The room's place, if the actor may see the room: for a service that acts on it next (a guest link). */
  Placed visible(User actor, String spaceId, String roomId) {
    require(!spaceId.isEmpty(), "spaceId is required");
    Optional<SpaceRoom> place = (roomId.length() <= MAX_ID_LENGTH ? store.byRoomId(roomId)
        : Optional.<SpaceRoom>empty()).filter(p -> p.spaceId().equals(spaceId));
    Optional<Room> room = place.flatMap(p -> roomStore.byId(p.roomId()));
    if (room.isPresent() && roleOf(actor, room.get().id()).isPresent()) {
      return new Placed(room.get(), place.get());
    }
    usableSpace(actor, spaceId);
    return room.filter(Room::isPublic).map(r -> new Placed(r, place.get())).orElseThrow(() -> roomNotFound(roomId));
  }

  /** The actor's current role in the room, if any. */
  Optional<RoomRole> roleOf(User actor, String roomId) {
    return roomStore.membership(roomId, actor.id()).filter(Membership::current).map(Membership::role);
  }

  private boolean mayView(User actor, Room room) {
    return room.isPublic() || roleOf(actor, room.id()).isPresent();
  }

  private void usableSpace(User actor, String spaceId) {
    require(!spaceId.isEmpty(), "spaceId is required");
    if (spaceId.length() > MAX_ID_LENGTH || !spaces.canUse(actor.id(), spaceId)) {
      throw AtriumException.notFound("Space " + cut(spaceId) + " not found");
    }
  }

  private static AtriumException roomNotFound(String roomId) {
    return AtriumException.notFound("Room " + cut(roomId) + " not found");
  }

  private static String cut(String id) {
    return id.length() > MAX_ID_LENGTH ? id.substring(0, MAX_ID_LENGTH) + "…" : id;
  }

  private String randomText(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(ALIAS_ALPHABET.charAt(random.nextInt(ALIAS_ALPHABET.length())));
    }
    return text.toString();
  }
}
