package dev.atrium.core.barrier;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Information barriers: groups of users, and policies between two groups. An active BLOCK policy between two
 * active groups forbids a member of one to meet a member of the other (share a room, an IM or a connection);
 * see {@link Policy} for what ALLOW means. The check reads the store each time, inside the caller's
 * transaction, so a change made by an administrator (or the admin command line, on a shared database) holds
 * from the next request on. Meetings that already exist when a barrier goes up are left as they are.
 *
 * <p>Reading groups and policies and changing memberships is for user administrators (Symphony asks the
 * user-provisioning privilege for the membership calls); creating groups and policies and switching them on
 * and off is for pod administrators.
 */
public final class InformationBarriers implements Barriers {
  public static final int MAX_NAME_LENGTH = 256;
  /** The most user ids one membership call may carry (Symphony's page size for the member list). */
  public static final int MAX_BULK = 10_000;

  private final BarrierStore store;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;

  public InformationBarriers(BarrierStore store, AuditLog audit, Transactor tx, Events events,
      InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  // ---- enforcement

  @Override
  public void requireMayMeet(long userId, Collection<Long> others) {
    List<Long> rest = others.stream().filter(other -> other != userId).distinct().toList();
    if (rest.isEmpty()) {
      return;
    }
    Set<Long> blocked = store.blocked(userId, rest);
    for (long other : rest) {
      if (blocked.contains(other)) {
        throw AtriumException.forbidden("An information barrier separates user " + userId + " from user " + other);
      }
    }
  }

  // ---- groups

  public List<Group> groups(User actor) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.groups();
  }

  public Group group(User actor, String id) {
    Roles.require(actor, Roles.USER_ADMINS);
    return existing(id);
  }

  /** The group with this id, else the one with this name (ignoring case): for people who type names. */
  public Group groupByIdOrName(User actor, String idOrName) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.group(idOrName).or(() -> store.groupByName(idOrName))
        .orElseThrow(() -> AtriumException.notFound("Group " + idOrName + " not found"));
  }

  /** A page of the group's member ids, ascending. */
  public List<Long> members(User actor, String groupId, int skip, int limit) {
    Roles.require(actor, Roles.USER_ADMINS);
    require(skip >= 0, "skip must not be negative");
    require(limit > 0 && limit <= MAX_BULK, "limit must be from 1 to " + MAX_BULK);
    existing(groupId);
    return store.members(groupId, skip, limit);
  }

  public Group createGroup(User actor, String name, boolean active) {
    Roles.require(actor, Roles.POD_ADMINS);
    require(!name.isBlank(), "name is required");
    require(name.length() <= MAX_NAME_LENGTH, "name must be at most " + MAX_NAME_LENGTH + " characters long");
    require(name.codePoints().noneMatch(Character::isISOControl), "name must not contain control characters");
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      store.groupByName(name).ifPresent(g -> {
        throw AtriumException.conflict("A group named " + g.name() + " already exists");
      });
      Group group = new Group(newId(), name, active, 0, List.of(), now, now);
      store.insertGroup(group);
      audit.append(new AuditEntry(actor.id(), "barrier.group.create", "group:" + group.id(), null, group, now));
      events.publish(new DomainEvent.BarrierGroupChanged(group, now));
      return group;
    });
  }

  /** Switches a group on or off; an inactive group keeps its members and policies but is not enforced. */
  public Group setGroupActive(User actor, String groupId, boolean active) {
    Roles.require(actor, Roles.POD_ADMINS);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Group before = existing(groupId);
      if (before.active() == active) {
        return before;
      }
      Group after = before.withActive(active, now);
      store.updateGroup(after);
      audit.append(new AuditEntry(actor.id(), "barrier.group.active", "group:" + groupId, before, after, now));
      events.publish(new DomainEvent.BarrierGroupChanged(after, now));
      return after;
    });
  }

  /**
   * Adds users to a group. An id that names no user fails ("User … does not exist"); a user who is already a
   * member succeeds. If any id fails nothing changes.
   */
  public BulkResult addMembers(User actor, String groupId, List<Long> userIds) {
    return changeMembers(actor, groupId, userIds, true);
  }

  /** Removes users from a group, as {@link #addMembers}: a user who is not a member succeeds. */
  public BulkResult removeMembers(User actor, String groupId, List<Long> userIds) {
    return changeMembers(actor, groupId, userIds, false);
  }

  private BulkResult changeMembers(User actor, String groupId, List<Long> userIds, boolean add) {
    Roles.require(actor, Roles.USER_ADMINS);
    require(userIds.size() <= MAX_BULK, "At most " + MAX_BULK + " user ids can be given at once");
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      // one membership change of a group at a time: each sees who the other made a member
      store.lockGroups(List.of(groupId));
      Group group = existing(groupId);
      Set<Long> known = store.existingUsers(new LinkedHashSet<>(userIds));
      List<String> results = userIds.stream()
          .map(id -> known.contains(id) ? "" : "User " + id + " does not exist").toList();
      BulkResult bulk = new BulkResult(results);
      if (!bulk.succeeded()) {
        return bulk;
      }
      Set<Long> done = add ? store.addMembers(groupId, known) : store.removeMembers(groupId, known);
      if (!done.isEmpty()) {
        List<Long> changed = userIds.stream().distinct().filter(done::contains).toList();
        store.updateGroup(group.touched(now));
        audit.append(new AuditEntry(actor.id(), add ? "barrier.group.members.add" : "barrier.group.members.remove",
            "group:" + groupId, null, changed, now));
        events.publish(new DomainEvent.BarrierMembersChanged(groupId, add ? changed : List.of(),
            add ? List.of() : changed, now));
      }
      return bulk;
    });
  }

  private Group existing(String groupId) {
    return store.group(groupId).orElseThrow(() -> AtriumException.notFound("Group " + groupId + " not found"));
  }

  // ---- policies

  public List<Policy> policies(User actor) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.policies();
  }

  public Policy policy(User actor, String id) {
    Roles.require(actor, Roles.USER_ADMINS);
    return existingPolicy(id);
  }

  /** A policy between two different existing groups; if it is to be active, the pair may have no other. */
  public Policy createPolicy(User actor, Policy.Type type, List<String> groupIds, boolean active) {
    Roles.require(actor, Roles.POD_ADMINS);
    require(groupIds.size() == 2, "A policy joins exactly two groups, got " + groupIds.size());
    require(!groupIds.get(0).equals(groupIds.get(1)), "A policy joins two different groups");
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      store.lockGroups(groupIds);
      for (String id : groupIds) {
        require(store.group(id).isPresent(), "Group " + id + " does not exist");
      }
      if (active) {
        requireNoOtherActive(null, groupIds);
      }
      Policy policy = new Policy(newId(), type, active, groupIds, 0, now, now);
      store.insertPolicy(policy);
      Policy stored = existingPolicy(policy.id());
      audit.append(new AuditEntry(actor.id(), "barrier.policy.create", "policy:" + policy.id(), null, stored, now));
      events.publish(new DomainEvent.BarrierPolicyChanged(stored, now));
      return stored;
    });
  }

  /** Switches a policy on or off; switching it on is refused while its pair of groups has another active one. */
  public Policy setPolicyActive(User actor, String policyId, boolean active) {
    Roles.require(actor, Roles.POD_ADMINS);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Policy before = existingPolicy(policyId);
      if (before.active() == active) {
        return before;
      }
      if (active) {
        store.lockGroups(before.groups());
        requireNoOtherActive(policyId, before.groups());
      }
      Policy after = before.withActive(active, now);
      store.updatePolicy(after);
      audit.append(new AuditEntry(actor.id(), "barrier.policy.active", "policy:" + policyId, before, after, now));
      events.publish(new DomainEvent.BarrierPolicyChanged(after, now));
      return after;
    });
  }

  private void requireNoOtherActive(@Nullable String policyId, List<String> groupIds) {
    Optional<Policy> other = store.policiesBetween(groupIds.get(0), groupIds.get(1)).stream()
        .filter(p -> p.active() && !p.id().equals(policyId)).findFirst();
    if (other.isPresent()) {
      throw AtriumException.conflict("Groups " + groupIds.get(0) + " and " + groupIds.get(1)
          + " already have an active policy: " + other.get().id() + " ("
          + other.get().type().name().toLowerCase(Locale.ROOT) + ")");
    }
  }

  private Policy existingPolicy(String id) {
    return store.policy(id).orElseThrow(() -> AtriumException.notFound("Policy " + id + " not found"));
  }

  /**
   * 96 random bits in hex: URL-safe as the pod API wants group ids, and never starting with a dash that a
   * command line would take for an option.
   */
  private String newId() {
    byte[] bytes = new byte[12];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
