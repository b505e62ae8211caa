package dev.atrium.core.presence;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Users' presence.
 *
 * <p>A presence is set explicitly (by the user, or by a user administrator for someone else) and then lasts
 * only while it is refreshed: a category other than OFFLINE that was neither set again nor refreshed by a
 * live socket ({@link #online}) for {@link #ttl()} reads as OFFLINE from the moment it ran out. OFFLINE, not
 * AWAY: a status nobody refreshes most likely belongs to a client that is gone, and AWAY would claim that
 * someone is there. The fallback is computed from the injected clock at every read, so it is exact whenever
 * it is read; {@link #expireStale} (run by the server's housekeeping) writes it down and publishes the event.
 *
 * <p>Live sockets drive it through {@link #online} (a socket connected or is still alive: refreshes, and a user
 * who was OFFLINE becomes AVAILABLE, or what they set while offline) and {@link #offline} (their last socket
 * closed: OFFLINE now, and the explicit status they had comes back when they come online again).
 */
public final class Presence {
  /** The most presences a feed read returns. */
  public static final int FEED_BATCH = 500;
  /** The most presences one page of the list returns. */
  public static final int MAX_LIST_LIMIT = 5000;
  /** A feed not read for this long is removed. */
  public static final Duration FEED_IDLE_LIFETIME = Duration.ofDays(7);
  private static final int EXPIRY_BATCH = 500;

  private final PresenceStore store;
  private final Users users;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final Duration ttl;

  public Presence(PresenceStore store, Users users, AuditLog audit, Transactor tx, Events events,
      InstantSource clock, RandomGenerator random, Duration ttl) {
    require(ttl.isPositive(), "the presence lifetime must be positive");
    this.store = store;
    this.users = users;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
    this.ttl = ttl;
  }

  /** How long an explicit status lasts without being refreshed. */
  public Duration ttl() {
    return ttl;
  }

  // ---- reads

  /** The user's presence; a disabled user is OFFLINE. */
  public UserPresence of(long userId) {
    return of(users.get(userId));
  }

  /** The presence of a user already read; a disabled user is OFFLINE. */
  public UserPresence of(User user) {
    long userId = user.id();
    UserPresence seen = visible(userId, store.get(userId).orElse(null), user.createdAt(), clock.instant());
    if (!user.enabled() && seen.category() != PresenceCategory.OFFLINE) {
      return new UserPresence(userId, PresenceCategory.OFFLINE, user.updatedAt());
    }
    return seen;
  }

  /** The presence of every enabled user with an id above {@code afterUserId}, ascending by id. */
  public List<UserPresence> list(long afterUserId, int limit) {
    require(limit > 0 && limit <= MAX_LIST_LIMIT, "limit must be from 1 to " + MAX_LIST_LIMIT);
    Instant now = clock.instant();
    return store.enabled(afterUserId, limit).stream()
        .map(l -> visible(l.userId(), l.presence(), l.userCreatedAt(), now)).toList();
  }

  /** Checks that every user exists: on one pod there is no external presence to register interest in. */
  public void registerInterest(List<Long> userIds) {
    require(!userIds.isEmpty(), "At least one user id is required");
    require(userIds.size() <= MAX_LIST_LIMIT, "At most " + MAX_LIST_LIMIT + " user ids may be given");
    userIds.forEach(users::get);
  }

  // ---- changes

  /**
   * Sets a user's presence. Users set their own; setting someone else's needs a user-administration role and is
   * audited. Only {@link PresenceCategory#SETTABLE} categories may be set (the pod API answers 403 to others).
   * A {@code soft} set of a user who is OFFLINE leaves them OFFLINE and takes effect when they come online.
   */
  public UserPresence set(User caller, long userId, PresenceCategory category, boolean soft) {
    if (userId != caller.id()) {
      Roles.require(caller, Roles.USER_ADMINS);
    }
    if (!category.settable()) {
      throw AtriumException.forbidden("The presence " + category + " cannot be set; one of "
          + PresenceCategory.SETTABLE.stream().sorted().map(Enum::name).collect(Collectors.joining(", "))
          + " can");
    }
    return tx.inTransaction(() -> {
      User user = users.get(userId);
      require(user.enabled(), "User " + userId + " is not active");
      Instant now = clock.instant();
      Optional<PresenceRecord> stored = store.get(userId);
      UserPresence before = visible(userId, stored.orElse(null), user.createdAt(), now);
      boolean deferred = soft && before.category() == PresenceCategory.OFFLINE;
      PresenceRecord next = deferred
          ? new PresenceRecord(userId, PresenceCategory.OFFLINE, before.at(),
              stored.map(PresenceRecord::seenAt).orElse(now), category)
          : new PresenceRecord(userId, category, now, now, null);
      store.put(next);
      UserPresence result = visible(userId, next, user.createdAt(), now);
      if (userId != caller.id()) {
        audit.append(new AuditEntry(caller.id(), "user.presence", "user:" + userId, before, result, now));
      }
      if (!deferred) {
        events.publish(new DomainEvent.PresenceChanged(result, result.at()));
      }
      return result;
    });
  }

  /**
   * A live socket of the user connected or is still alive: refreshes the presence, and a user who reads as
   * OFFLINE becomes AVAILABLE (or the status they set softly, or had when they went offline).
   */
  public UserPresence online(long userId) {
    return change(userId, (stored, before, now) -> {
      if (before.category() != PresenceCategory.OFFLINE && stored != null) {
        return new PresenceRecord(userId, stored.category(), stored.setAt(), now, stored.pending());
      }
      PresenceCategory next = stored != null && stored.pending() != null ? stored.pending()
          : PresenceCategory.AVAILABLE;
      return new PresenceRecord(userId, next, now, now, null);
    });
  }

  /** The user's last live socket closed: OFFLINE now; their explicit status comes back with {@link #online}. */
  public UserPresence offline(long userId) {
    return change(userId, (stored, before, now) -> {
      if (before.category() == PresenceCategory.OFFLINE) {
        return stored;
      }
      return new PresenceRecord(userId, PresenceCategory.OFFLINE, now, now, remembered(stored));
    });
  }

  private interface Step {
    @Nullable PresenceRecord apply(@Nullable PresenceRecord stored, UserPresence before, Instant now);
  }

  private UserPresence change(long userId, Step step) {
    return tx.inTransaction(() -> {
      User user = users.get(userId);
      Instant now = clock.instant();
      PresenceRecord stored = store.get(userId).orElse(null);
      UserPresence before = visible(userId, stored, user.createdAt(), now);
      PresenceRecord next = step.apply(stored, before, now);
      if (next != null && !next.equals(stored)) {
        store.put(next);
      }
      UserPresence after = visible(userId, next, user.createdAt(), now);
      if (before.category() != after.category()) {
        events.publish(new DomainEvent.PresenceChanged(after, after.at()));
      }
      return after;
    });
  }

  /**
   * Writes down the OFFLINE of every status that ran out and publishes its change; reads do not need it (they
   * compute the fallback themselves) but listeners do. Also removes presence feeds nobody reads any more.
   * Returns how many presences ran out.
   */
  public int expireStale() {
    int expired = 0;
    while (true) {
      Instant now = clock.instant();
      Expiry batch = tx.inTransaction(() -> {
        List<PresenceRecord> found = store.stale(now.minus(ttl), EXPIRY_BATCH);
        int replaced = 0;
        for (PresenceRecord r : found) {
          Instant ranOut = r.seenAt().plus(ttl);
          if (store.replace(r, new PresenceRecord(r.userId(), PresenceCategory.OFFLINE, ranOut, r.seenAt(),
              remembered(r)))) {
            events.publish(new DomainEvent.PresenceChanged(
                new UserPresence(r.userId(), PresenceCategory.OFFLINE, ranOut), ranOut));
            replaced++;
          }
        }
        return new Expiry(found.size(), replaced);
      });
      expired += batch.expired();
      if (batch.found() < EXPIRY_BATCH || batch.expired() == 0) {
        break;
      }
    }
    Instant cutoff = clock.instant().minus(FEED_IDLE_LIFETIME);
    tx.run(() -> store.deleteFeedsReadBefore(cutoff));
    return expired;
  }

  /** One batch of {@link #expireStale}: how many stale presences it found, and how many of them it expired. */
  private record Expiry(int found, int expired) {}

  // ---- feeds

  /** A new feed of the caller; its first read returns the presences changed since now. */
  public String createFeed(User caller) {
    byte[] raw = new byte[16];
    random.nextBytes(raw);
    String id = HexFormat.of().formatHex(raw);
    Instant now = clock.instant();
    tx.run(() -> store.insertFeed(new PresenceFeed(id, caller.id(), now, now, now, 0)));
    return id;
  }

  /** The presences changed since the feed's last read, at most {@link #FEED_BATCH}, oldest change first. */
  public List<UserPresence> readFeed(User caller, String feedId) {
    return tx.inTransaction(() -> {
      PresenceFeed feed = ownFeed(caller, feedId);
      Instant now = clock.instant();
      List<PresenceRecord> changed = store.changed(feed.cursorAt(), feed.cursorUserId(), now, ttl, FEED_BATCH);
      List<UserPresence> seen = changed.stream().map(r -> visible(r.userId(), r, r.setAt(), now)).toList();
      // The cursor moves to the last record handed out, not to now: a change stamped with this very
      // millisecond that commits after this read is still found by the next one.
      Instant cursorAt = seen.isEmpty() ? feed.cursorAt() : seen.getLast().at();
      long cursorUserId = seen.isEmpty() ? feed.cursorUserId() : seen.getLast().userId();
      store.updateFeed(new PresenceFeed(feed.id(), feed.ownerId(), feed.createdAt(), now, cursorAt, cursorUserId));
      return seen;
    });
  }

  public void deleteFeed(User caller, String feedId) {
    tx.run(() -> {
      ownFeed(caller, feedId);
      store.deleteFeed(feedId);
    });
  }

  private PresenceFeed ownFeed(User caller, String feedId) {
    return store.feed(feedId).filter(f -> f.ownerId() == caller.id())
        .orElseThrow(() -> AtriumException.notFound("Presence feed " + feedId + " not found"));
  }

  // ---- the rule

  /** What others see of a stored presence at {@code now}: a status not refreshed within the ttl is OFFLINE. */
  private UserPresence visible(long userId, @Nullable PresenceRecord stored, Instant neverSetAt, Instant now) {
    if (stored == null) {
      return new UserPresence(userId, PresenceCategory.OFFLINE, neverSetAt);
    }
    Instant runsOut = stored.seenAt().plus(ttl);
    if (stored.category() != PresenceCategory.OFFLINE && !runsOut.isAfter(now)) {
      return new UserPresence(userId, PresenceCategory.OFFLINE, runsOut);
    }
    return new UserPresence(userId, stored.category(), stored.setAt());
  }

  /** The status to restore when a user who goes offline comes back. */
  private static @Nullable PresenceCategory remembered(@Nullable PresenceRecord stored) {
    if (stored == null) {
      return null;
    }
    if (stored.pending() != null) {
      return stored.pending();
    }
    return stored.category().settable() ? stored.category() : null;
  }
}
