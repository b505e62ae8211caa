package dev.atrium.core.contact;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.barrier.Barriers;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Connections (contacts) between users.
 *
 * <p>Atrium is one pod, yet every connection here is EXPLICIT: a Symphony pod treats two users of the same
 * pod as implicitly connected (ACCEPTED without a request), but Atrium's other dialects (Roomful's contacts,
 * LiveDigital) have real friend requests between the users of one server, and one model must serve them
 * all. So two users are connected only after one asked and the other accepted, and a listing never invents
 * an ACCEPTED connection that nobody asked for.
 *
 * <p>The rules: nobody connects to themselves; asking again while a request is pending (or after it was
 * rejected) counts the request again; asking someone whose own request to you is pending accepts it (both
 * want it); only the addressee of a pending request accepts or rejects it; an accepted connection is removed
 * by either side. Every change asks the information barriers first, in the same transaction, and its event
 * is published after commit.
 */
public final class Connections {
  /** The most users a listing may be restricted to at once. */
  public static final int MAX_USER_IDS = 1000;

  private final ConnectionStore store;
  private final Users users;
  private final Barriers barriers;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public Connections(ConnectionStore store, Users users, Barriers barriers, Transactor tx, Events events,
      InstantSource clock) {
    this.store = store;
    this.users = users;
    this.barriers = barriers;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  /** Asks {@code otherId} to connect with the caller; see the class comment for a repeated request. */
  public ConnectionView request(User caller, long otherId) {
    require(otherId != caller.id(), "You cannot connect to yourself");
    Connection after = tx.inTransaction(() -> {
      User other = users.get(otherId);
      require(other.enabled(), "User " + otherId + " is not active");
      barriers.requireMayMeet(caller.id(), List.of(otherId));
      Instant now = clock.instant();
      Optional<Connection> existing = store.between(caller.id(), otherId);
      if (existing.isEmpty()) {
        Connection created = new Connection(caller.id(), otherId, ConnectionStatus.PENDING, now, now, 1);
        store.insert(created);
        events.publish(new DomainEvent.ConnectionRequested(created, now));
        return created;
      }
      Connection c = existing.get();
      Connection changed = switch (c.status()) {
        case ACCEPTED -> c;
        case PENDING -> c.requesterId() == caller.id()
            ? new Connection(c.requesterId(), c.addresseeId(), ConnectionStatus.PENDING, c.firstRequestedAt(), now,
                c.requestCounter() + 1)
            : new Connection(c.requesterId(), c.addresseeId(), ConnectionStatus.ACCEPTED, c.firstRequestedAt(),
                now, c.requestCounter());
        case REJECTED -> new Connection(caller.id(), otherId, ConnectionStatus.PENDING, c.firstRequestedAt(), now,
            c.requestCounter() + 1);
      };
      if (changed != c) {
        store.update(changed);
        events.publish(changed.status() == ConnectionStatus.ACCEPTED
            ? new DomainEvent.ConnectionAccepted(changed, now) : new DomainEvent.ConnectionRequested(changed, now));
      }
      return changed;
    });
    return after.viewOf(caller.id());
  }

  /** Accepts the pending request {@code otherId} sent the caller. */
  public ConnectionView accept(User caller, long otherId) {
    return answer(caller, otherId, ConnectionStatus.ACCEPTED);
  }

  /** Turns down the pending request {@code otherId} sent the caller. */
  public ConnectionView reject(User caller, long otherId) {
    return answer(caller, otherId, ConnectionStatus.REJECTED);
  }

  private ConnectionView answer(User caller, long otherId, ConnectionStatus answer) {
    require(otherId != caller.id(), "You cannot connect to yourself");
    Connection after = tx.inTransaction(() -> {
      users.get(otherId);
      Connection c = store.between(caller.id(), otherId)
          .filter(found -> found.status() == ConnectionStatus.PENDING && found.addresseeId() == caller.id())
          .orElseThrow(() -> AtriumException.notFound("There is no pending connection request from user "
              + otherId));
      if (answer == ConnectionStatus.ACCEPTED) {
        // a barrier placed after the request was sent still keeps the two apart
        barriers.requireMayMeet(caller.id(), List.of(otherId));
      }
      Connection changed = new Connection(c.requesterId(), c.addresseeId(), answer, c.firstRequestedAt(),
          clock.instant(), c.requestCounter());
      store.update(changed);
      events.publish(answer == ConnectionStatus.ACCEPTED
          ? new DomainEvent.ConnectionAccepted(changed, changed.updatedAt())
          : new DomainEvent.ConnectionRejected(changed, changed.updatedAt()));
      return changed;
    });
    return after.viewOf(caller.id());
  }

  /** Removes the caller's accepted connection with {@code otherId}. */
  public void remove(User caller, long otherId) {
    require(otherId != caller.id(), "You cannot connect to yourself");
    tx.run(() -> {
      users.get(otherId);
      if (store.between(caller.id(), otherId).filter(c -> c.status() == ConnectionStatus.ACCEPTED).isEmpty()) {
        throw AtriumException.notFound("You are not connected to user " + otherId);
      }
      store.delete(caller.id(), otherId);
      events.publish(new DomainEvent.ConnectionRemoved(caller.id(), otherId, clock.instant()));
    });
  }

  /** The caller's connection with {@code otherId}. */
  public ConnectionView info(User caller, long otherId) {
    require(otherId != caller.id(), "You cannot connect to yourself");
    users.get(otherId);
    return store.between(caller.id(), otherId).map(c -> c.viewOf(caller.id()))
        .orElseThrow(() -> AtriumException.notFound("There is no connection with user " + otherId));
  }

  /**
   * The caller's connections in one of the relations, restricted to {@code others} unless it is empty; the
   * most recently changed first.
   */
  public List<ConnectionView> list(User caller, Set<Relation> relations, Set<Long> others) {
    require(!relations.isEmpty(), "At least one connection status is required");
    require(others.size() <= MAX_USER_IDS, "At most " + MAX_USER_IDS + " userIds may be given");
    return store.of(caller.id(), relations, others).stream().map(c -> c.viewOf(caller.id())).toList();
  }
}
