package dev.atrium.core.space;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.OpaqueId;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Spaces (Roomful networks, LiveDigital spaces), kept small: create one, add and remove members, and ask
 * whether a user may use one. The creator becomes the OWNER member. Owners and moderators manage members; an
 * owner is removed only by another owner and the last owner stays. Every change is one transaction and
 * publishes its event after commit.
 */
public final class Spaces {
  public static final int MAX_NAME_LENGTH = 256;
  /** Random bytes in a new space's id (16 URL-safe characters). */
  static final int ID_BYTES = 12;

  private final SpaceStore store;
  private final Users users;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;

  public Spaces(SpaceStore store, Users users, Transactor tx, Events events, InstantSource clock,
      RandomGenerator random) {
    this.store = store;
    this.users = users;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  /** Creates a space owned by the creator; a sub-space's parent must exist and the creator may use it. */
  public Space create(User creator, String name, SpaceType type, boolean isPublic, @Nullable String parentId) {
    String trimmed = name.strip();
    require(!trimmed.isEmpty(), "name is required");
    require(trimmed.length() <= MAX_NAME_LENGTH, "name must be at most " + MAX_NAME_LENGTH + " characters long");
    require(creator.enabled(), "User " + creator.id() + " is disabled");
    return tx.inTransaction(() -> {
      if (parentId != null) {
        requireUse(creator.id(), parentId);
      }
      Instant now = clock.instant();
      Space created = new Space(OpaqueId.random(random, ID_BYTES), trimmed, type, isPublic, parentId, creator.id(),
          now);
      store.insert(created);
      store.putMember(new SpaceMember(created.id(), creator.id(), SpaceRole.OWNER, now));
      events.publish(new DomainEvent.SpaceCreated(created, created.createdAt()));
      return created;
    });
  }

  public Space get(String spaceId) {
    return store.byId(spaceId).orElseThrow(() -> AtriumException.notFound("Space " + spaceId + " not found"));
  }

  /** Whether the user may use the space: it exists and is public, or the user is a member. */
  public boolean canUse(long userId, String spaceId) {
    return store.byId(spaceId).map(s -> s.isPublic() || store.member(spaceId, userId).isPresent()).orElse(false);
  }

  /** The space, if the user may use it; an unknown space, or a private one of which they are no member, is NotFound. */
  public Space requireUse(long userId, String spaceId) {
    Space space = get(spaceId);
    if (!space.isPublic() && store.member(spaceId, userId).isEmpty()) {
      throw AtriumException.notFound("Space " + spaceId + " not found");
    }
    return space;
  }

  /**
   * The space a session of the user in {@code spaceId} is in: that one if the user may use it ({@link #canUse}),
   * else the default space. A session names its space when it opens, and the user may have left it since.
   */
  public Space usableOrDefault(long userId, String spaceId) {
    return canUse(userId, spaceId) ? get(spaceId) : get(Space.DEFAULT_ID);
  }

  /** The user's membership of the space, if any. */
  public java.util.Optional<SpaceMember> member(String spaceId, long userId) {
    return store.member(spaceId, userId);
  }

  public List<SpaceMember> members(String spaceId) {
    get(spaceId);
    return store.members(spaceId);
  }

  public List<Space> children(String spaceId) {
    get(spaceId);
    return store.children(spaceId);
  }

  /**
   * Adds a member or changes a member's role. The actor must be an owner or moderator of the space (or a user
   * administrator); only an owner makes owners; the last owner cannot be demoted.
   */
  public SpaceMember putMember(User actor, String spaceId, long userId, SpaceRole role) {
    return tx.inTransaction(() -> {
      Space space = get(spaceId);
      SpaceRole actorRole = manager(actor, space);
      User user = users.get(userId);
      require(user.enabled(), "User " + userId + " is disabled");
      var existing = store.member(spaceId, userId);
      if (role == SpaceRole.OWNER || existing.map(m -> m.role() == SpaceRole.OWNER).orElse(false)) {
        require(actorRole == SpaceRole.OWNER, "Only an owner of the space can make or change an owner");
      }
      if (existing.isPresent() && existing.get().role() == SpaceRole.OWNER && role != SpaceRole.OWNER) {
        requireAnotherOwner(spaceId, userId);
      }
      SpaceMember next = new SpaceMember(spaceId, userId, role,
          existing.map(SpaceMember::joinedAt).orElseGet(clock::instant));
      store.putMember(next);
      events.publish(new DomainEvent.SpaceMemberChanged(next, false, clock.instant()));
      return next;
    });
  }

  /** Removes a member; the actor is a manager of the space or the member themselves. */
  public void removeMember(User actor, String spaceId, long userId) {
    tx.run(() -> {
      Space space = get(spaceId);
      SpaceMember member = store.member(spaceId, userId)
          .orElseThrow(() -> AtriumException.notFound("User " + userId + " is not a member of space " + spaceId));
      if (actor.id() != userId) {
        SpaceRole actorRole = manager(actor, space);
        require(member.role() != SpaceRole.OWNER || actorRole == SpaceRole.OWNER,
            "Only an owner of the space can remove an owner");
      }
      if (member.role() == SpaceRole.OWNER) {
        requireAnotherOwner(spaceId, userId);
      }
      store.removeMember(spaceId, userId);
      events.publish(new DomainEvent.SpaceMemberChanged(member, true, clock.instant()));
    });
  }

  /** The actor's role if they manage the space; user administrators count as owners. */
  private SpaceRole manager(User actor, Space space) {
    if (actor.hasAnyRole(dev.atrium.core.user.Roles.USER_ADMINS)) {
      return SpaceRole.OWNER;
    }
    SpaceRole role = store.member(space.id(), actor.id()).map(SpaceMember::role).orElse(SpaceRole.USER);
    if (role == SpaceRole.USER) {
      throw AtriumException.forbidden("Only an owner or moderator of space " + space.id() + " can manage its members");
    }
    return role;
  }

  private void requireAnotherOwner(String spaceId, long userId) {
    require(store.members(spaceId).stream().anyMatch(m -> m.role() == SpaceRole.OWNER && m.userId() != userId),
        "A space keeps at least one owner");
  }
}
