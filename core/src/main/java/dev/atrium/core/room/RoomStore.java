package dev.atrium.core.room;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/** Storage of rooms and memberships. Every call joins the caller's transaction. */
public interface RoomStore {
  /** Stores a new chat room and indexes it for search. */
  void insert(Room room);

  /**
   * Stores a new IM or MIM of exactly these participants; another conversation of the same participants
   * raises {@code Conflict}.
   */
  void insertConversation(Room room, SortedSet<Long> participants);

  /** Replaces the stored room with the same id and indexes it again. */
  void update(Room room);

  Optional<Room> byId(String id);

  /** The room, locked against changes by other transactions until this one ends. */
  Optional<Room> lock(String id);

  /** The IM or MIM of exactly these participants. */
  Optional<Room> conversation(SortedSet<Long> participants);

  Optional<Membership> membership(String roomId, long userId);

  /** Stores the membership, replacing the one of the same room and user. */
  void putMembership(Membership membership);

  /** The members by join time then user id; past members only if asked for. */
  List<Membership> members(String roomId, boolean includePast);

  /** The ids of the current members of each room given, ascending. */
  Map<String, List<Long>> currentMemberIds(Collection<String> roomIds);

  /** How many current owners the room has. */
  int ownerCount(String roomId);

  /** The rooms of these kinds the user is a current member of, oldest first. */
  List<Room> roomsOf(long userId, Set<RoomKind> kinds, boolean includeInactive, int skip, int limit);

  /**
   * The chat rooms matching every word (a prefix of one of a room's words, see {@link RoomSearch#words})
   * and every filter of the search, that the viewer may find; oldest first.
   */
  RoomPage search(long viewerId, List<String> words, RoomSearch search);

  /**
   * A message was posted in the room: every current member but the sender has one more unread message, and the
   * sender has read the room up to it.
   */
  void countUnread(String roomId, long senderId, Instant at);

  /**
   * The chat rooms of exactly this name (as stored, case-sensitive), oldest first (then by id): Rocket.Chat names a
   * channel by its name.
   */
  List<Room> byName(String name);

  /**
   * Deletes the room with its memberships, messages and search terms, keeping for each member when the room was
   * removed for him ({@link #removedSince}): the time given, or when a past member left; false if there was no room.
   */
  boolean delete(String roomId, Instant at);

  /** The rooms the user left, or that were deleted while the user was in them, after {@code since}; by time. */
  List<RoomRemoval> removedSince(long userId, Instant since);

  /** The member has read the room: no unread message, read at the time given. False if no such membership. */
  boolean markRead(String roomId, long userId, Instant at);

  /** The user's current memberships with their rooms, and the partners of each conversation, in few queries. */
  List<Subscription> subscriptionsOf(long userId);
}
