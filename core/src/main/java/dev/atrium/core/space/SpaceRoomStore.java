package dev.atrium.core.space;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of rooms' places in spaces, of guest accounts and of one-time link marks. Every call joins the caller's
 * transaction.
 */
public interface SpaceRoomStore {
  /** Stores a room's place; an alias taken already is a {@code Conflict}. */
  void insert(SpaceRoom room);

  /** Replaces the type and flags of the place of the same room. */
  void update(SpaceRoom room);

  Optional<SpaceRoom> byRoomId(String roomId);

  Optional<SpaceRoom> byAlias(String alias);

  /** The places in the space, by the rooms' creation time then id. */
  List<SpaceRoom> inSpace(String spaceId);

  /** The guest account made for the external user id in the space. */
  Optional<Long> guest(String spaceId, String externalUserId);

  /** Remembers the guest account of an external user id in a space; the pair taken already is a {@code Conflict}. */
  void insertGuest(String spaceId, String externalUserId, long userId, Instant at);

  /** Marks the session as a one-time link's, until its first use. */
  void insertOnce(String sessionId, Instant expiresAt);

  /** Spends the mark: true for exactly one caller, whoever else tries at the same time. */
  boolean consumeOnce(String sessionId);
}
