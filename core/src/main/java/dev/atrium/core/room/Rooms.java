package dev.atrium.core.room;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.barrier.Barriers;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Chat rooms, IMs and MIMs, and who is in them. Every change is one transaction that locks the room first,
 * so that two requests cannot both take away a room's last owner; its event is delivered once it commits.
 *
 * <p>Who may do what: any user creates rooms and conversations; a room's owners change it, its active flag
 * and its members; a member adds members when the room lets members invite; anyone adds himself to a public
 * room and removes himself from any room. Holders of a user-administration role may do all of that in any
 * room; what they do by that role alone is written to the audit log. A deactivated room changes in nothing
 * but its active flag. Every path that puts users in one room asks {@link Barriers} first.
 */
public final class Rooms {
  public static final int MAX_NAME_LENGTH = 256;
  public static final int MAX_DESCRIPTION_LENGTH = 4000;
  public static final int MAX_KEYWORDS = 50;
  public static final int MAX_KEYWORD_KEY_LENGTH = 128;
  public static final int MAX_KEYWORD_VALUE_LENGTH = 256;
  public static final int MAX_CONVERSATION_MEMBERS = 100;
  public static final int MAX_QUERY_LENGTH = 256;
  public static final int MAX_QUERY_WORDS = 8;
  public static final int MAX_LABELS = 20;
  public static final String CAN_CREATE_PUBLIC_ROOM = "canCreatePublicRoom";

  private final RoomStore store;
  private final Users users;
  private final Barriers barriers;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;

  public Rooms(RoomStore store, Users users, Barriers barriers, AuditLog audit, Transactor tx, Events events,
      InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.users = users;
    this.barriers = barriers;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  // ---- chat rooms

  /** Creates a chat room whose only member, and owner, is the actor. */
  public Room create(User actor, RoomSpec spec) {
    String name = checkName(spec.name());
    String description = checkDescription(spec.description());
    List<RoomTag> keywords = checkKeywords(spec.keywords());
    if (spec.isPublic() && !users.features(actor.id()).getOrDefault(CAN_CREATE_PUBLIC_ROOM, true)) {
      throw AtriumException.forbidden("The user lacks the " + CAN_CREATE_PUBLIC_ROOM + " entitlement");
    }
    Instant now = clock.instant();
    Room room = Room.builder().id(RoomId.random(random)).kind(RoomKind.ROOM).name(name).description(description)
        .keywords(keywords).isPublic(spec.isPublic()).readOnly(spec.readOnly()).copyProtected(spec.copyProtected())
        .discoverable(spec.discoverable()).membersCanInvite(spec.membersCanInvite()).creatorId(actor.id())
        .createdAt(now).build();
    tx.run(() -> {
      barriers.requireMayMeet(actor.id(), List.of());
      store.insert(room);
      store.putMembership(Membership.joined(room.id(), actor.id(), RoomRole.OWNER, now));
      events.publish(new DomainEvent.RoomCreated(room, List.of(actor.id()), now));
    });
    return room;
  }

  /** A chat room the actor may see: a member's, a public or discoverable one, or any for an administrator. */
  public Room room(User actor, String roomId) {
    Room room = chatRoom(RoomId.parse(roomId));
    requireVisible(actor, room);
    return room;
  }

  /** A room, IM or MIM the actor may see. */
  public Room stream(User actor, String streamId) {
    String id = RoomId.parse(streamId);
    Room room = store.byId(id).orElseThrow(() -> AtriumException.notFound("Stream " + id + " not found"));
    requireVisible(actor, room);
    return room;
  }

  public Room update(User actor, String roomId, RoomChange change) {
    String id = RoomId.parse(roomId);
    String name = change.name() == null ? null : checkName(change.name());
    String description = change.description() == null ? null : checkDescription(change.description());
    List<RoomTag> keywords = change.keywords() == null ? null : checkKeywords(change.keywords());
    return tx.inTransaction(() -> {
      Room room = lockChatRoom(id);
      boolean viaAdmin = requireOwner(actor, room, "Only an owner of room " + id + " can change it");
      require(room.active(), "Room " + id + " is deactivated; reactivate it before changing it");
      requireUnchanged(change.isPublic(), room.isPublic(), "public");
      requireUnchanged(change.readOnly(), room.readOnly(), "readOnly");
      requireUnchanged(change.copyProtected(), room.copyProtected(), "copyProtected");
      Room changed = room.withAttributes(name == null ? room.name() : name,
          change.description() == null ? room.description() : description,
          keywords == null ? room.keywords() : keywords,
          change.discoverable() == null ? room.discoverable() : change.discoverable(),
          change.membersCanInvite() == null ? room.membersCanInvite() : change.membersCanInvite(), clock.instant());
      store.update(changed);
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), "room.update", target(id), room, changed, changed.updatedAt()));
      }
      events.publish(new DomainEvent.RoomUpdated(room, changed, changed.updatedAt()));
      return changed;
    });
  }

  /** Deactivates or reactivates a chat room; asking for the state it is in changes nothing. */
  public Room setActive(User actor, String roomId, boolean active) {
    String id = RoomId.parse(roomId);
    return tx.inTransaction(() -> {
      Room room = lockChatRoom(id);
      boolean viaAdmin = requireOwner(actor, room,
          "Only an owner of room " + id + " can " + (active ? "reactivate" : "deactivate") + " it");
      if (room.active() == active) {
        return room;
      }
      Room changed = room.withActive(active, clock.instant());
      store.update(changed);
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), active ? "room.reactivate" : "room.deactivate", target(id), room,
            changed, changed.updatedAt()));
      }
      events.publish(new DomainEvent.RoomUpdated(room, changed, changed.updatedAt()));
      return changed;
    });
  }

  /**
   * Creates a chat room owned by the actor with these users as its first members, in one transaction: a user who
   * cannot be added (deactivated, kept apart by an information barrier) leaves no room behind.
   */
  public Room create(User actor, RoomSpec spec, Collection<Long> memberIds) {
    return tx.inTransaction(() -> {
      Room room = create(actor, spec);
      for (long userId : new LinkedHashSet<>(memberIds)) {
        if (userId != actor.id()) {
          addMember(actor, room.id(), userId);
        }
      }
      return room;
    });
  }

  /** The chat rooms of exactly this name, oldest first, whoever may see them (the caller checks access). */
  public List<Room> byName(String name) {
    return store.byName(name);
  }

  /**
   * Deletes a chat room with its memberships and messages, at once and for every dialect. An owner of the room or
   * a user administrator may; what the latter does by that role alone is audited.
   */
  public void delete(User actor, String roomId) {
    delete(actor, roomId, false);
  }

  /** The actor has read the room, IM or MIM: its unread count is 0 and it was last read now. Members only. */
  public Membership markRead(User actor, String streamId) {
    String id = RoomId.parse(streamId);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      var _ = store.lock(id).orElseThrow(() -> AtriumException.notFound("Stream " + id + " not found"));
      Membership membership = current(id, actor.id()).orElseThrow(() ->
          AtriumException.forbidden("The user is not a member of room " + id));
      store.markRead(id, actor.id(), now);
      Membership read = new Membership(id, actor.id(), membership.role(), membership.joinedAt(), null, 0, now);
      events.publish(new DomainEvent.RoomRead(read, now));
      return read;
    });
  }

  /**
   * The rooms the user left, or that were deleted while the user was in them, after {@code since}: what a client
   * syncing the user's rooms since then must drop (Rocket.Chat's {@code subscriptions.get} {@code remove}).
   */
  public List<RoomRemoval> removedSince(long userId, Instant since) {
    return store.removedSince(userId, since);
  }

  /** The actor's current membership of the stream, if any (no access check beyond it being the actor's own). */
  public Optional<Membership> membershipOf(User actor, String streamId) {
    return current(RoomId.parse(streamId), actor.id());
  }

  // ---- members of chat rooms

  /** The ids of the room's current members, for fanning an event out to them (no access check: not for callers). */
  public List<Long> currentMemberIds(String roomId) {
    return store.currentMemberIds(List.of(roomId)).getOrDefault(roomId, List.of());
  }

  /** The members of a chat room the actor may see; past members too for an administrator. */
  public List<Membership> members(User actor, String roomId) {
    Room room = room(actor, roomId);
    return store.members(room.id(), isAdmin(actor));
  }

  /** Adds a user to a chat room; false if they already were a member. */
  public boolean addMember(User actor, String roomId, long userId) {
    String id = RoomId.parse(roomId);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Room room = lockChatRoom(id);
      Optional<Membership> own = current(id, actor.id());
      boolean allowed = own.map(Membership::isOwner).orElse(false)
          || (own.isPresent() && room.membersCanInvite())
          || (actor.id() == userId && room.isPublic());
      boolean viaAdmin = requireAllowed(allowed, actor, "The user may not add members to room " + id);
      require(room.active(), "New members cannot be added to deactivated rooms");
      requireEnabled(userId);
      if (current(id, userId).isPresent()) {
        return false;
      }
      barriers.requireMayMeet(userId, currentMemberIds(id));
      Membership membership = Membership.joined(id, userId, RoomRole.MEMBER, now);
      store.putMembership(membership);
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), "room.member.add", target(id), null, userId, now));
      }
      events.publish(new DomainEvent.RoomMemberAdded(room, membership, now));
      return true;
    });
  }

  /** Removes a user from a chat room, keeping them as a past member; false if they were not a member. */
  public boolean removeMember(User actor, String roomId, long userId) {
    String id = RoomId.parse(roomId);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Room room = lockChatRoom(id);
      boolean allowed = actor.id() == userId || current(id, actor.id()).map(Membership::isOwner).orElse(false);
      boolean viaAdmin = requireAllowed(allowed, actor, "The user may not remove members from room " + id);
      require(room.active(), "Members cannot be removed from deactivated rooms");
      users.get(userId);
      Optional<Membership> membership = current(id, userId);
      if (membership.isEmpty()) {
        return false;
      }
      if (membership.get().isOwner() && store.ownerCount(id) == 1) {
        throw AtriumException.invalid("User " + userId + " is the last owner of room " + id
            + " and cannot be removed; promote another owner first");
      }
      Membership left = membership.get().left(now);
      store.putMembership(left);
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), "room.member.remove", target(id), userId, null, now));
      }
      events.publish(new DomainEvent.RoomMemberRemoved(room, left, now));
      return true;
    });
  }

  /** Makes a member an owner; false if they already were one. */
  public boolean promoteOwner(User actor, String roomId, long userId) {
    return changeRole(actor, roomId, userId, RoomRole.OWNER);
  }

  /** Makes an owner a plain member; false if they were not an owner. A room keeps at least one owner. */
  public boolean demoteOwner(User actor, String roomId, long userId) {
    return changeRole(actor, roomId, userId, RoomRole.MEMBER);
  }

  private boolean changeRole(User actor, String roomId, long userId, RoomRole role) {
    String id = RoomId.parse(roomId);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Room room = lockChatRoom(id);
      boolean viaAdmin = requireOwner(actor, room, "Only an owner of room " + id + " can change its owners");
      require(room.active(), "Owners cannot be changed in deactivated rooms");
      users.get(userId);
      Membership membership = current(id, userId).orElseThrow(() ->
          AtriumException.invalid("User " + userId + " is not a member of room " + id));
      if (membership.isOwner() == (role == RoomRole.OWNER)) {
        return false;
      }
      if (membership.isOwner() && store.ownerCount(id) == 1) {
        throw AtriumException.invalid("User " + userId + " is the last owner of room " + id
            + " and cannot be demoted; promote another owner first");
      }
      Membership changed = membership.withRole(role);
      store.putMembership(changed);
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), role == RoomRole.OWNER ? "room.owner.promote" : "room.owner.demote",
            target(id), membership, changed, now));
      }
      events.publish(new DomainEvent.RoomMemberRoleChanged(room, membership, changed, now));
      return true;
    });
  }

  /**
   * Gives a user a room role below owner (MODERATOR, MEMBER or GUEST), adding them to the room if they are not a
   * current member: LiveDigital's role grants. A current owner or moderator of the room may (or a user
   * administrator, audited); an owner's role is never changed here, and a user is added only if enabled and not
   * kept apart from the members by an information barrier. Returns the membership as it now is.
   */
  public Membership setRole(User actor, String roomId, long userId, RoomRole role) {
    require(role != RoomRole.OWNER, "Owners are made with promoteOwner, not as a room role");
    String id = RoomId.parse(roomId);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Room room = lockChatRoom(id);
      boolean viaAdmin = requireModerator(actor, room, "Only an owner or moderator of room " + id
          + " can give room roles");
      require(room.active(), "Roles cannot be given in deactivated rooms");
      requireEnabled(userId);
      Optional<Membership> existing = current(id, userId);
      if (existing.isPresent()) {
        Membership before = existing.get();
        if (before.role() == RoomRole.OWNER) {
          throw AtriumException.forbidden("User " + userId + " owns room " + id + "; an owner's role is not changed");
        }
        if (before.role() == role) {
          return before;
        }
        Membership changed = before.withRole(role);
        store.putMembership(changed);
        if (viaAdmin) {
          audit.append(new AuditEntry(actor.id(), "room.role.set", target(id), before, changed, now));
        }
        events.publish(new DomainEvent.RoomMemberRoleChanged(room, before, changed, now));
        return changed;
      }
      barriers.requireMayMeet(userId, currentMemberIds(id));
      Membership membership = Membership.joined(id, userId, role, now);
      store.putMembership(membership);
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), "room.role.set", target(id), null, membership, now));
      }
      events.publish(new DomainEvent.RoomMemberAdded(room, membership, now));
      return membership;
    });
  }

  /**
   * Changes a chat room's name and public flag as LiveDigital does: a current owner or moderator of the room may
   * (or a user administrator, audited). A null value keeps what the room has.
   */
  public Room updateModerated(User actor, String roomId, @Nullable String name, @Nullable Boolean isPublic) {
    String id = RoomId.parse(roomId);
    String checked = name == null ? null : checkName(name);
    return tx.inTransaction(() -> {
      Room room = lockChatRoom(id);
      boolean viaAdmin = requireModerator(actor, room, "Only an owner or moderator of room " + id + " can change it");
      require(room.active(), "Room " + id + " is deactivated; reactivate it before changing it");
      Room changed = room.toBuilder().name(checked == null ? room.name() : checked)
          .isPublic(isPublic == null ? room.isPublic() : isPublic).updatedAt(clock.instant()).build();
      if (changed.equals(room.toBuilder().updatedAt(changed.updatedAt()).build())) {
        return room;
      }
      store.update(changed);
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), "room.update", target(id), room, changed, changed.updatedAt()));
      }
      events.publish(new DomainEvent.RoomUpdated(room, changed, changed.updatedAt()));
      return changed;
    });
  }

  /** Deletes a chat room as {@link #delete} does, but a current moderator of the room may too (LiveDigital's rule). */
  public void deleteModerated(User actor, String roomId) {
    delete(actor, roomId, true);
  }

  private void delete(User actor, String roomId, boolean moderatorsToo) {
    String id = RoomId.parse(roomId);
    tx.run(() -> {
      Room room = lockChatRoom(id);
      boolean viaAdmin = moderatorsToo
          ? requireModerator(actor, room, "Only an owner or moderator of room " + id + " can delete it")
          : requireOwner(actor, room, "Only an owner of room " + id + " can delete it");
      remove(room, viaAdmin ? actor.id() : 0);
    });
  }

  /**
   * Deletes a chat room with no actor to check: for a service that has decided already (a space being deleted
   * takes its rooms with it). False if there was no such room.
   */
  public boolean deleteUnchecked(String roomId) {
    return tx.inTransaction(() -> {
      Optional<Room> room = store.lock(roomId);
      room.ifPresent(r -> remove(requireChatRoom(r), 0));
      return room.isPresent();
    });
  }

  /** Deletes the locked room; {@code auditedActor} is the administrator to audit, 0 for none. */
  private void remove(Room room, long auditedActor) {
    Instant now = clock.instant();
    List<Long> memberIds = currentMemberIds(room.id());
    store.delete(room.id(), now);
    if (auditedActor != 0) {
      audit.append(new AuditEntry(auditedActor, "room.delete", target(room.id()), room, null, now));
    }
    events.publish(new DomainEvent.RoomDeleted(room, memberIds, now));
  }

  // ---- IMs and MIMs

  /**
   * The conversation of the actor and the users given (duplicates and the actor's own id are ignored): an
   * IM for two people, a MIM for more. The same participants always get the same conversation.
   */
  public Room conversation(User actor, Collection<Long> userIds) {
    require(!userIds.isEmpty(), "At least one user id is required");
    SortedSet<Long> participants = new TreeSet<>(userIds);
    participants.add(actor.id());
    require(participants.size() >= 2, "At least one user other than the caller is required");
    return openConversation(actor, participants, false);
  }

  /** An administrator opens the conversation of the users given, without taking part in it. */
  public Room adminConversation(User actor, Collection<Long> userIds) {
    Roles.require(actor, Roles.USER_ADMINS);
    SortedSet<Long> participants = new TreeSet<>(userIds);
    require(participants.size() >= 2, "At least two different user ids are required");
    return openConversation(actor, participants, true);
  }

  private Room openConversation(User actor, SortedSet<Long> participants, boolean byAdmin) {
    require(participants.size() <= MAX_CONVERSATION_MEMBERS,
        "A conversation has at most " + MAX_CONVERSATION_MEMBERS + " participants");
    try {
      return createConversation(actor, participants, byAdmin);
    } catch (AtriumException.Conflict e) {
      // Another request created the same conversation at the same moment: it is the answer.
      return store.conversation(participants).orElseThrow(() -> e);
    }
  }

  private Room createConversation(User actor, SortedSet<Long> participants, boolean byAdmin) {
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      for (long userId : participants) {
        requireEnabled(userId);
      }
      List<Long> ids = new ArrayList<>(participants);
      for (int i = 0; i < ids.size(); i++) {
        barriers.requireMayMeet(ids.get(i), ids.subList(i + 1, ids.size()));
      }
      Optional<Room> existing = store.conversation(participants);
      if (existing.isPresent()) {
        return existing.get();
      }
      Room conversation = Room.builder().id(RoomId.random(random))
          .kind(participants.size() == 2 ? RoomKind.IM : RoomKind.MIM).creatorId(actor.id()).createdAt(now).build();
      store.insertConversation(conversation, participants);
      for (long userId : participants) {
        store.putMembership(Membership.joined(conversation.id(), userId, RoomRole.MEMBER, now));
      }
      if (byAdmin) {
        audit.append(new AuditEntry(actor.id(), "conversation.create", target(conversation.id()), null, ids, now));
      }
      events.publish(new DomainEvent.RoomCreated(conversation, List.copyOf(participants), now));
      return conversation;
    });
  }

  // ---- lists and search

  /** The actor's rooms and conversations of the kinds given, oldest first. */
  public List<Room> roomsOf(User actor, Set<RoomKind> kinds, boolean includeInactive, int skip, int limit) {
    require(skip >= 0, "skip must not be negative");
    require(limit > 0, "limit must be positive");
    if (kinds.isEmpty()) {
      return List.of();
    }
    return store.roomsOf(actor.id(), kinds, includeInactive, skip, limit);
  }

  /**
   * The rooms the user is a current member of, with the membership (role, unread count) and a conversation's
   * partners. Who may see another user's rooms is the caller's to decide (Rocket.Chat's
   * {@code view-other-user-channels}).
   */
  public List<Subscription> subscriptionsOf(long userId) {
    return store.subscriptionsOf(userId);
  }

  /** The current participants of each conversation given (by id); chat rooms are left out. */
  public Map<String, List<Long>> participants(Collection<Room> rooms) {
    List<String> ids = rooms.stream().filter(Room::isConversation).map(Room::id).distinct().toList();
    return ids.isEmpty() ? Map.of() : store.currentMemberIds(ids);
  }

  public RoomPage search(User actor, RoomSearch search) {
    String query = search.query().strip();
    require(query.length() <= MAX_QUERY_LENGTH, "query must be at most " + MAX_QUERY_LENGTH + " characters long");
    List<String> words = RoomSearch.words(query);
    require(words.size() <= MAX_QUERY_WORDS, "query must have at most " + MAX_QUERY_WORDS + " words");
    require(!words.isEmpty() || search.ownerId() != null || search.creatorId() != null || search.memberId() != null,
        "query must contain a word unless owner, creator or member is given");
    require(search.labels().size() <= MAX_LABELS, "labels must have at most " + MAX_LABELS + " entries");
    Set<String> labels = new LinkedHashSet<>();
    for (String label : search.labels()) {
      require(label != null && !label.isBlank(), "labels must not contain an empty label");
      require(label.length() <= MAX_KEYWORD_KEY_LENGTH,
          "labels must be at most " + MAX_KEYWORD_KEY_LENGTH + " characters long");
      labels.add(label.strip().toLowerCase(Locale.ROOT));
    }
    require(search.skip() >= 0, "skip must not be negative");
    require(search.limit() > 0, "limit must be positive");
    return store.search(actor.id(), words, search.withLabels(List.copyOf(labels)));
  }

  // ---- rules

  private Room chatRoom(String id) {
    Room room = store.byId(id).orElseThrow(() -> AtriumException.notFound("Room " + id + " not found"));
    return requireChatRoom(room);
  }

  private Room lockChatRoom(String id) {
    Room room = store.lock(id).orElseThrow(() -> AtriumException.notFound("Room " + id + " not found"));
    return requireChatRoom(room);
  }

  private static Room requireChatRoom(Room room) {
    if (room.isConversation()) {
      throw AtriumException.invalid("Stream " + room.id() + " is an " + room.kind() + ", not a chat room");
    }
    return room;
  }

  private void requireVisible(User actor, Room room) {
    if (isAdmin(actor) || (!room.isConversation() && (room.isPublic() || room.discoverable()))
        || current(room.id(), actor.id()).isPresent()) {
      return;
    }
    throw AtriumException.forbidden("The user is not a member of room " + room.id());
  }

  /** Refuses unless the actor owns the room or administers users; true if only the latter allowed it. */
  private boolean requireOwner(User actor, Room room, String refusal) {
    return requireAllowed(current(room.id(), actor.id()).map(Membership::isOwner).orElse(false), actor, refusal);
  }

  /** Refuses unless the actor owns or moderates the room or administers users; true if only the latter allowed it. */
  private boolean requireModerator(User actor, Room room, String refusal) {
    return requireAllowed(current(room.id(), actor.id())
        .map(m -> m.role() == RoomRole.OWNER || m.role() == RoomRole.MODERATOR).orElse(false), actor, refusal);
  }

  private static boolean requireAllowed(boolean allowed, User actor, String refusal) {
    if (allowed) {
      return false;
    }
    if (isAdmin(actor)) {
      return true;
    }
    throw AtriumException.forbidden(refusal);
  }

  private static boolean isAdmin(User actor) {
    return actor.hasAnyRole(Roles.USER_ADMINS);
  }

  private Optional<Membership> current(String roomId, long userId) {
    return store.membership(roomId, userId).filter(Membership::current);
  }

  private void requireEnabled(long userId) {
    User user = users.get(userId);
    require(user.enabled(), "User " + userId + " is deactivated");
  }

  private static void requireUnchanged(@Nullable Boolean wanted, boolean current, String field) {
    require(wanted == null || wanted == current, field + " cannot be changed after the room is created");
  }

  private static String checkName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      throw AtriumException.invalid("name is required");
    }
    require(name.length() <= MAX_NAME_LENGTH, "name must be at most " + MAX_NAME_LENGTH + " characters long");
    require(name.codePoints().noneMatch(Character::isISOControl), "name must not contain control characters");
    return name.strip();
  }

  private static @Nullable String checkDescription(@Nullable String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    require(description.length() <= MAX_DESCRIPTION_LENGTH,
        "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters long");
    return description;
  }

  private static List<RoomTag> checkKeywords(List<RoomTag> keywords) {
    require(keywords.size() <= MAX_KEYWORDS, "keywords must have at most " + MAX_KEYWORDS + " entries");
    Set<String> keys = new HashSet<>();
    for (RoomTag tag : keywords) {
      require(!tag.key().isBlank(), "keywords must not have an empty key");
      require(tag.key().length() <= MAX_KEYWORD_KEY_LENGTH,
          "keyword keys must be at most " + MAX_KEYWORD_KEY_LENGTH + " characters long");
      require(tag.value().length() <= MAX_KEYWORD_VALUE_LENGTH,
          "keyword values must be at most " + MAX_KEYWORD_VALUE_LENGTH + " characters long");
      require(keys.add(tag.key().strip().toLowerCase(Locale.ROOT)), "keywords repeat the key '" + tag.key() + "'");
    }
    return keywords;
  }

  private static String target(String roomId) {
    return "room:" + roomId;
  }
}
