package dev.atrium.core.space;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.OpaqueId;
import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Spaces (Roomful networks, LiveDigital spaces), kept small: create, change and delete one, add and remove
 * members, and ask whether a user may use one. The creator becomes the OWNER member. Owners and moderators manage
 * members and change the space; an owner is removed only by another owner and the last owner stays; only an owner
 * deletes it. A user administrator may do what an owner may, and what they do by that role alone is audited. Every
 * change is one transaction (joining the caller's, if any) and publishes its event after commit. Invites are
 * {@link #invites()}.
 */
public final class Spaces {
  public static final int MAX_NAME_LENGTH = 256;
  public static final int MAX_DESCRIPTION_LENGTH = 4000;
  public static final int MAX_LOGO_LENGTH = 2048;
  /** The longest space id the schema holds; a longer one names no space. */
  static final int MAX_ID_LENGTH = 64;
  /** Random bytes in a new space's id (16 URL-safe characters). */
  static final int ID_BYTES = 12;

  private final SpaceStore store;
  private final Users users;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final AuditLog audit;
  private final SpaceInvites invites;

  public Spaces(SpaceStore store, Users users, AuditLog audit, Transactor tx, Events events, InstantSource clock,
      RandomGenerator random) {
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
    this.invites = new SpaceInvites(this, store, tx, events, clock, random);
  }

  /** The invites to spaces, over the same store. */
  public SpaceInvites invites() {
    return invites;
  }

  /** Creates a space owned by the creator; a sub-space's parent must exist and the creator may use it. */
  public Space create(User creator, String name, SpaceType type, boolean isPublic, @Nullable String parentId) {
    return create(creator, name, type, isPublic, parentId, null, null);
  }

  /** Creates a top-level space (a LiveDigital space) with its description and logo, owned by the creator. */
  public Space create(User creator, String name, boolean isPublic, @Nullable String description,
      @Nullable String logo) {
    return create(creator, name, SpaceType.PUBLIC, isPublic, null, description, logo);
  }

  private Space create(User creator, String name, SpaceType type, boolean isPublic, @Nullable String parentId,
      @Nullable String description, @Nullable String logo) {
    String trimmed = checkName(name);
    String checkedDescription = checkDescription(description);
    String checkedLogo = checkLogo(logo);
    require(creator.enabled(), "User " + creator.id() + " is disabled");
    return tx.inTransaction(() -> {
      if (parentId != null) {
        requireUse(creator.id(), parentId);
      }
      Instant now = clock.instant();
      Space created = new Space(OpaqueId.random(random, ID_BYTES), trimmed, type, isPublic, parentId, creator.id(),
          now, checkedDescription, checkedLogo);
      store.insert(created);
      store.putMember(new SpaceMember(created.id(), creator.id(), SpaceRole.OWNER, now));
      events.publish(new DomainEvent.SpaceCreated(created, created.createdAt()));
      return created;
    });
  }

  public Space get(String spaceId) {
    return find(spaceId).orElseThrow(() -> notFound(spaceId));
  }

  /**
   * Changes the space's name, public flag, description and logo (the last two replaced, absent for none). An
   * owner or moderator of the space may, or a user administrator; a private space is NotFound to whoever may not
   * use it.
   */
  public Space update(User actor, String spaceId, String name, boolean isPublic, @Nullable String description,
      @Nullable String logo) {
    String trimmed = checkName(name);
    String checkedDescription = checkDescription(description);
    String checkedLogo = checkLogo(logo);
    return tx.inTransaction(() -> {
      Space space = lockUsable(actor, spaceId);
      boolean viaAdmin = requireRole(actor, space, false, "Only an owner or moderator of space " + space.id()
          + " can change it");
      Space changed = space.withDetails(trimmed, isPublic, checkedDescription, checkedLogo);
      if (changed.equals(space)) {
        return space;
      }
      store.update(changed);
      Instant now = clock.instant();
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), "space.update", target(space.id()), space, changed, now));
      }
      events.publish(new DomainEvent.SpaceUpdated(space, changed, now));
      return changed;
    });
  }

  /**
   * Deletes the space with its members and invites. An owner may, or a user administrator (audited); never the
   * default space, nor a space with sub-spaces. Joins the caller's transaction, so what hangs off a space elsewhere
   * (its rooms) can go in the same one.
   */
  public void delete(User actor, String spaceId) {
    tx.run(() -> {
      Space space = lockUsable(actor, spaceId);
      boolean viaAdmin = requireRole(actor, space, true, "Only an owner of space " + space.id() + " can delete it");
      require(!space.id().equals(Space.DEFAULT_ID), "The default space cannot be deleted");
      if (!store.children(space.id()).isEmpty()) {
        throw AtriumException.conflict("Space " + space.id() + " has sub-spaces; delete them first");
      }
      List<Long> memberIds = store.members(space.id()).stream().map(SpaceMember::userId).toList();
      store.delete(space.id());
      Instant now = clock.instant();
      if (viaAdmin) {
        audit.append(new AuditEntry(actor.id(), "space.delete", target(space.id()), space, null, now));
      }
      events.publish(new DomainEvent.SpaceDeleted(space, memberIds, now));
    });
  }

  /** The spaces the user is a member of, in the order they joined them. */
  public List<Space> of(long userId) {
    return store.spacesOf(userId);
  }

  /** Whether the user may use the space: it exists and is public, or the user is a member. */
  public boolean canUse(long userId, String spaceId) {
    return store.byId(spaceId).map(s -> s.isPublic() || store.member(spaceId, userId).isPresent()).orElse(false);
  }

  /** The space, if the user may use it; an unknown space, or a private one of which they are no member, is NotFound. */
  public Space requireUse(long userId, String spaceId) {
    Space space = get(spaceId);
    if (!space.isPublic() && store.member(spaceId, userId).isEmpty()) {
      throw notFound(spaceId);
    }
    return space;
  }

  /**
   * The space for the actor to see: one they may use, or any for a user administrator; anything else is NotFound,
   * so that a private space's existence stays private.
   */
  public Space requireVisible(User actor, String spaceId) {
    return isAdmin(actor) ? get(spaceId) : requireUse(actor.id(), spaceId);
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
    if (isAdmin(actor)) {
      return SpaceRole.OWNER;
    }
    SpaceRole role = store.member(space.id(), actor.id()).map(SpaceMember::role).orElse(SpaceRole.USER);
    if (role == SpaceRole.USER) {
      throw AtriumException.forbidden("Only an owner or moderator of space " + space.id() + " can manage its members");
    }
    return role;
  }

  /**
   * Refuses an actor who is not an owner (or, unless {@code ownerOnly}, a moderator) of the space; true when a user
   * administrator is let through by that role alone.
   */
  boolean requireRole(User actor, Space space, boolean ownerOnly, String refusal) {
    Optional<SpaceRole> role = store.member(space.id(), actor.id()).map(SpaceMember::role);
    boolean allowed = role.map(r -> r == SpaceRole.OWNER || (!ownerOnly && r == SpaceRole.MODERATOR)).orElse(false);
    if (allowed) {
      return false;
    }
    if (isAdmin(actor)) {
      return true;
    }
    throw AtriumException.forbidden(refusal);
  }

  /** The space locked for a change, if the actor may see it. */
  private Space lockUsable(User actor, String spaceId) {
    Space space = find(spaceId).flatMap(s -> store.lock(s.id())).orElseThrow(() -> notFound(spaceId));
    if (!space.isPublic() && !isAdmin(actor) && store.member(space.id(), actor.id()).isEmpty()) {
      throw notFound(spaceId);
    }
    return space;
  }

  private Optional<Space> find(String spaceId) {
    return spaceId.length() > MAX_ID_LENGTH ? Optional.empty() : store.byId(spaceId);
  }

  static AtriumException notFound(String spaceId) {
    return AtriumException.notFound("Space " + abbreviate(spaceId) + " not found");
  }

  static String abbreviate(String text) {
    return text.length() > MAX_ID_LENGTH ? text.substring(0, MAX_ID_LENGTH) + "…" : text;
  }

  private static boolean isAdmin(User actor) {
    return actor.hasAnyRole(Roles.USER_ADMINS);
  }

  static String target(String spaceId) {
    return "space:" + spaceId;
  }

  private static String checkName(String name) {
    String trimmed = name.strip();
    require(!trimmed.isEmpty(), "name is required");
    require(trimmed.length() <= MAX_NAME_LENGTH, "name must be at most " + MAX_NAME_LENGTH + " characters long");
    return trimmed;
  }

  private static @Nullable String checkDescription(@Nullable String description) {
    require(description == null || description.length() <= MAX_DESCRIPTION_LENGTH,
        "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters long");
    return description;
  }

  /** A logo is an absolute http(s) URL; an empty one is none. */
  private static @Nullable String checkLogo(@Nullable String logo) {
    if (logo == null || logo.isBlank()) {
      return null;
    }
    String trimmed = logo.strip();
    require(trimmed.length() <= MAX_LOGO_LENGTH, "logo must be at most " + MAX_LOGO_LENGTH + " characters long");
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (java.net.URISyntaxException e) {
      throw AtriumException.invalid("logo must be an http or https URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
        "logo must be an http or https URL");
    return trimmed;
  }

  private void requireAnotherOwner(String spaceId, long userId) {
    require(store.members(spaceId).stream().anyMatch(m -> m.role() == SpaceRole.OWNER && m.userId() != userId),
        "A space keeps at least one owner");
  }
}
