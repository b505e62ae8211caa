package dev.atrium.core.space;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.OpaqueId;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Single-use invites to a space (LiveDigital's space invites). An owner or moderator of the space (or a user
 * administrator) creates one for a role, MODERATOR or USER, lists them and revokes one (it is deleted). Any
 * signed-in user may activate an invite they hold, once: the first activation marks it used in one conditional
 * update and makes the activator a member with its role, never lowering a stronger role they have; every other
 * activation, at once or later, is a Conflict and changes nothing. An unknown invite, one of another space, or a
 * revoked one is NotFound.
 */
public final class SpaceInvites {
  /** Random bytes in an invite id (22 URL-safe characters). */
  public static final int ID_BYTES = 16;

  private final Spaces spaces;
  private final SpaceStore store;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;

  SpaceInvites(Spaces spaces, SpaceStore store, Transactor tx, Events events, InstantSource clock,
      RandomGenerator random) {
    this.spaces = spaces;
    this.store = store;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  /** A new unused invite to the space for the role (MODERATOR or USER). */
  public SpaceInvite create(User actor, String spaceId, SpaceRole role) {
    require(role != SpaceRole.OWNER, "An invite grants the role of a moderator or a user, not an owner");
    return tx.inTransaction(() -> {
      Space space = spaces.requireVisible(actor, spaceId);
      spaces.requireRole(actor, space, false, inviteRefusal(space));
      SpaceInvite invite = new SpaceInvite(OpaqueId.random(random, ID_BYTES), space.id(), role, actor.id(),
          clock.instant(), null, null);
      store.insertInvite(invite);
      return invite;
    });
  }

  /** The space's invites, used or not, oldest first; for its owners and moderators. */
  public List<SpaceInvite> list(User actor, String spaceId) {
    return tx.inTransaction(() -> {
      Space space = spaces.requireVisible(actor, spaceId);
      spaces.requireRole(actor, space, false, inviteRefusal(space));
      return store.invites(space.id());
    });
  }

  /** Revokes (deletes) an invite of the space, used or not; for its owners and moderators. */
  public void revoke(User actor, String spaceId, String inviteId) {
    String id = OpaqueId.parse(inviteId, ID_BYTES, "space invite id");
    tx.run(() -> {
      Space space = spaces.requireVisible(actor, spaceId);
      spaces.requireRole(actor, space, false, inviteRefusal(space));
      if (!store.deleteInvite(space.id(), id)) {
        throw notFound(id);
      }
    });
  }

  /**
   * The user activates the invite: they become a member of the space with its role, or keep the stronger role they
   * have. The space may be private: holding the invite is what lets them in.
   */
  public SpaceMember activate(User user, String spaceId, String inviteId) {
    String id = OpaqueId.parse(inviteId, ID_BYTES, "space invite id");
    require(user.enabled(), "User " + user.id() + " is disabled");
    return tx.inTransaction(() -> {
      Space space = spaces.get(spaceId);
      SpaceInvite invite = store.invite(space.id(), id).orElseThrow(() -> notFound(id));
      if (invite.used()) {
        throw used(id);
      }
      Instant now = clock.instant();
      // Whoever reads the invite unused may still lose the race: the conditional update decides.
      if (!store.activateInvite(id, user.id(), now)) {
        throw used(id);
      }
      Optional<SpaceMember> existing = store.member(space.id(), user.id());
      if (existing.isPresent() && existing.get().role().compareTo(invite.role()) <= 0) {
        return existing.get();
      }
      SpaceMember member = new SpaceMember(space.id(), user.id(), invite.role(),
          existing.map(SpaceMember::joinedAt).orElse(now));
      store.putMember(member);
      events.publish(new DomainEvent.SpaceMemberChanged(member, false, now));
      return member;
    });
  }

  private static String inviteRefusal(Space space) {
    return "Only an owner or moderator of space " + space.id() + " can manage its invites";
  }

  private static AtriumException notFound(String inviteId) {
    return AtriumException.notFound("Invite " + inviteId + " not found");
  }

  private static AtriumException used(String inviteId) {
    return AtriumException.conflict("Invite " + inviteId + " has already been used");
  }
}
