package dev.atrium.core.badge;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.JsonData;
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
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Badges. A user administrator grants and revokes them (audited); a user holds at most one badge of a type,
 * and granting it again replaces its data and moves its update time. Anyone may page through the badges of a
 * type ({@code user:listBadgesOfType}).
 */
public final class Badges {
  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int MAX_PAGE_SIZE = 100;
  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  static final int ID_BYTES = 12;

  private final BadgeStore store;
  private final Users users;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;

  public Badges(BadgeStore store, Users users, AuditLog audit, Transactor tx, Events events, InstantSource clock,
      RandomGenerator random) {
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  /** Grants the badge, or replaces the data of the one the user holds. Publishes {@code BadgeGranted}. */
  public Badge grant(User actor, long userId, String badgeType, Map<String, ? extends @Nullable Object> data) {
    Roles.require(actor, Roles.USER_ADMINS);
    String type = checkType(badgeType);
    Map<String, @Nullable Object> checked = JsonData.copyOf(data, "badge data");
    return tx.inTransaction(() -> {
      users.get(userId);
      Instant now = clock.instant();
      Optional<Badge> existing = store.of(userId, type);
      Badge next;
      if (existing.isPresent()) {
        Badge old = existing.get();
        next = new Badge(old.id(), userId, type, checked, old.createdAt(), now);
        store.update(next);
      } else {
        next = new Badge(OpaqueId.random(random, ID_BYTES), userId, type, checked, now, now);
        store.insert(next);
      }
      audit.append(new AuditEntry(actor.id(), "user.badge.grant", "user:" + userId, existing.orElse(null), next,
          now));
      events.publish(new DomainEvent.BadgeGranted(next, next.updatedAt()));
      return next;
    });
  }

  /** Revokes a badge; an unknown id is {@code NotFound}. Publishes {@code BadgeRevoked}. */
  public Badge revoke(User actor, String badgeId) {
    Roles.require(actor, Roles.USER_ADMINS);
    return tx.inTransaction(() -> {
      Badge found = store.byId(badgeId).orElseThrow(() -> AtriumException.notFound("Badge " + badgeId + " not found"));
      store.delete(badgeId);
      audit.append(new AuditEntry(actor.id(), "user.badge.revoke", "user:" + found.userId(), found, null,
          clock.instant()));
      events.publish(new DomainEvent.BadgeRevoked(found, clock.instant()));
      return found;
    });
  }

  public List<Badge> ofUser(long userId) {
    return store.ofUser(userId);
  }

  /**
   * {@code user:listBadgesOfType}: one page of every user's badges of the type, oldest first (ties by id, so
   * pages never overlap or skip). A size of 0 means {@link #DEFAULT_PAGE_SIZE}; at most {@link #MAX_PAGE_SIZE}.
   */
  public List<Badge> listOfType(String badgeType, int offset, int size) {
    String type = checkType(badgeType);
    require(offset >= 0, "offset must not be negative");
    require(size >= 0, "size must not be negative");
    require(size <= MAX_PAGE_SIZE, "size must be at most " + MAX_PAGE_SIZE);
    return store.ofType(type, offset, size == 0 ? DEFAULT_PAGE_SIZE : size);
  }

  private static String checkType(String badgeType) {
    require(TYPE.matcher(badgeType).matches(),
        "badgeType must be 1 to 64 letters, digits, '.', '_', ':' or '-'");
    return badgeType;
  }
}
