package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.T0;
import static dev.atrium.store.jdbc.Fixtures.names;
import static dev.atrium.store.jdbc.Fixtures.user;
import static dev.atrium.store.jdbc.Fixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.contact.Connection;
import dev.atrium.core.contact.ConnectionStatus;
import dev.atrium.core.contact.Relation;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.presence.PresenceFeed;
import dev.atrium.core.presence.PresenceRecord;
import dev.atrium.core.presence.PresenceStore;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What the connection and presence stores must do, run once per {@link Backend} by a subclass of one line.
 * Each test starts on empty tables.
 */
abstract class ContactsPresenceStoreContract extends DatabaseTest {
  static final Duration TTL = Duration.ofMinutes(60);

  JdbcUserStore users;
  JdbcConnectionStore connections;
  JdbcPresenceStore presences;

  ContactsPresenceStoreContract(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void stores() {
    users = new JdbcUserStore(tx);
    connections = new JdbcConnectionStore(tx);
    presences = new JdbcPresenceStore(tx);
  }

  long insertUser(String username) {
    User u = user(userId(users.nextSequence()), username, null, names(null, null));
    tx.run(() -> users.insert(u));
    return u.id();
  }

  static Connection pending(long from, long to, Instant at) {
    return new Connection(from, to, ConnectionStatus.PENDING, at, at, 1);
  }

  @Nested
  class Connections {
    long ada;
    long bob;
    long cy;

    @BeforeEach
    void people() {
      ada = insertUser("ada");
      bob = insertUser("bob");
      cy = insertUser("cy");
    }

    @Test
    void insert_thenBetween_findsItFromEitherSide() {
      Connection c = new Connection(bob, ada, ConnectionStatus.PENDING, T0, T0.plusMillis(5), 3);
      tx.run(() -> connections.insert(c));

      assertThat(connections.between(bob, ada)).contains(c);
      assertThat(connections.between(ada, bob)).contains(c);
      assertThat(connections.between(ada, cy)).isEmpty();
    }

    @Test
    void a_pair_has_one_connection_whoever_asked() {
      tx.run(() -> connections.insert(pending(ada, bob, T0)));

      assertThatThrownBy(() -> tx.run(() -> connections.insert(pending(bob, ada, T0))))
          .isInstanceOf(AtriumException.Conflict.class);
      assertThat(connections.between(ada, bob)).contains(pending(ada, bob, T0));
    }

    @Test
    void update_replaces_the_pairs_connection_even_when_the_requester_changes_sides() {
      tx.run(() -> connections.insert(pending(ada, bob, T0)));
      Connection again = new Connection(bob, ada, ConnectionStatus.PENDING, T0, T0.plusSeconds(9), 2);

      tx.run(() -> connections.update(again));

      assertThat(connections.between(ada, bob)).contains(again);
    }

    @Test
    void delete_removes_only_that_pair() {
      tx.run(() -> {
        connections.insert(pending(ada, bob, T0));
        connections.insert(pending(ada, cy, T0));
      });

      tx.run(() -> connections.delete(bob, ada));
      tx.run(() -> connections.delete(bob, cy));

      assertThat(connections.between(ada, bob)).isEmpty();
      assertThat(connections.between(ada, cy)).isPresent();
    }

    @Test
    void of_filters_by_the_relation_seen_from_the_user() {
      long dee = insertUser("dee");
      long eve = insertUser("eve");
      Connection outgoing = pending(ada, bob, T0);
      Connection incoming = pending(cy, ada, T0.plusMillis(1));
      Connection accepted = new Connection(dee, ada, ConnectionStatus.ACCEPTED, T0, T0.plusMillis(2), 1);
      Connection rejected = new Connection(ada, eve, ConnectionStatus.REJECTED, T0, T0.plusMillis(3), 1);
      Connection notAda = pending(bob, cy, T0.plusMillis(4));
      tx.run(() -> List.of(outgoing, incoming, accepted, rejected, notAda).forEach(connections::insert));

      assertThat(connections.of(ada, Set.of(Relation.PENDING_OUTGOING), Set.of())).containsExactly(outgoing);
      assertThat(connections.of(ada, Set.of(Relation.PENDING_INCOMING), Set.of())).containsExactly(incoming);
      assertThat(connections.of(ada, Set.of(Relation.ACCEPTED), Set.of())).containsExactly(accepted);
      assertThat(connections.of(ada, Set.of(Relation.REJECTED), Set.of())).containsExactly(rejected);
      assertThat(connections.of(bob, Relation.PENDING, Set.of())).containsExactly(notAda, outgoing);
    }

    @Test
    void of_lists_the_most_recently_changed_first_and_keeps_only_the_others_given() {
      Connection first = pending(ada, bob, T0);
      Connection second = pending(cy, ada, T0.plusSeconds(1));
      tx.run(() -> List.of(first, second).forEach(connections::insert));
      Set<Relation> all = EnumSet.allOf(Relation.class);

      assertThat(connections.of(ada, all, Set.of())).containsExactly(second, first);
      assertThat(connections.of(ada, all, Set.of(bob))).containsExactly(first);
      // naming the user themselves keeps nothing of theirs: the filter is on the other side
      assertThat(connections.of(ada, all, Set.of(ada))).isEmpty();
      assertThat(connections.of(ada, Set.of(), Set.of())).isEmpty();
    }
  }

  @Nested
  class Presences {
    long ada;
    long bob;

    @BeforeEach
    void people() {
      ada = insertUser("ada");
      bob = insertUser("bob");
    }

    PresenceRecord record(long user, PresenceCategory category, Instant setAt, Instant seenAt) {
      return new PresenceRecord(user, category, setAt, seenAt, null);
    }

    @Test
    void put_then_get_reads_every_field_and_a_second_put_replaces_it() {
      assertThat(presences.get(ada)).isEmpty();
      PresenceRecord first = new PresenceRecord(ada, PresenceCategory.OFFLINE, T0, T0.plusMillis(1),
          PresenceCategory.BUSY);
      tx.run(() -> presences.put(first));
      assertThat(presences.get(ada)).contains(first);

      PresenceRecord second = record(ada, PresenceCategory.IN_A_MEETING, T0.plusSeconds(2), T0.plusSeconds(3));
      tx.run(() -> presences.put(second));
      assertThat(presences.get(ada)).contains(second);
      assertThat(presences.get(bob)).isEmpty();
    }

    @Test
    void replace_changes_the_stored_presence_only_if_it_is_still_the_one_expected() {
      PresenceRecord stored = record(ada, PresenceCategory.BUSY, T0, T0);
      PresenceRecord next = record(ada, PresenceCategory.OFFLINE, T0.plus(TTL), T0);
      tx.run(() -> presences.put(stored));

      assertThat(tx.inTransaction(() -> presences.replace(record(ada, PresenceCategory.BUSY, T0, T0.plusMillis(1)),
          next))).isFalse();
      assertThat(presences.get(ada)).contains(stored);
      assertThat(tx.inTransaction(() -> presences.replace(stored, next))).isTrue();
      assertThat(presences.get(ada)).contains(next);
    }

    @Test
    void enabled_lists_enabled_users_by_id_with_their_presence_if_any() {
      long gone = insertUser("gone");
      tx.run(() -> users.update(users.byId(gone).orElseThrow().withStatus(UserStatus.DISABLED, T0)));
      long cy = insertUser("cy");
      PresenceRecord bobs = record(bob, PresenceCategory.AWAY, T0, T0);
      tx.run(() -> presences.put(bobs));

      assertThat(presences.enabled(0, 10)).containsExactly(new PresenceStore.Listed(ada, T0, null),
          new PresenceStore.Listed(bob, T0, bobs), new PresenceStore.Listed(cy, T0, null));
      assertThat(presences.enabled(ada, 1)).containsExactly(new PresenceStore.Listed(bob, T0, bobs));
      assertThat(presences.enabled(cy, 10)).isEmpty();
    }

    @Test
    void stale_finds_the_presences_other_than_offline_not_refreshed_since_the_cutoff() {
      tx.run(() -> {
        presences.put(record(ada, PresenceCategory.BUSY, T0, T0));
        presences.put(record(bob, PresenceCategory.OFFLINE, T0, T0));
      });
      long cy = insertUser("cy");
      tx.run(() -> presences.put(record(cy, PresenceCategory.AVAILABLE, T0, T0.plusSeconds(1))));

      assertThat(presences.stale(T0, 10)).containsExactly(record(ada, PresenceCategory.BUSY, T0, T0));
      assertThat(presences.stale(T0.plusSeconds(1), 1)).containsExactly(record(ada, PresenceCategory.BUSY, T0, T0));
      assertThat(presences.stale(T0.minusMillis(1), 10)).isEmpty();
    }

    @Test
    void changed_returns_what_was_set_or_ran_out_in_the_window_in_the_order_of_the_change() {
      long cy = insertUser("cy");
      PresenceRecord setEarly = record(ada, PresenceCategory.BUSY, T0.plusSeconds(10), T0.plusSeconds(10));
      // set before the window, runs out inside it (seen + ttl = T0 + 30 s)
      PresenceRecord runsOut = record(bob, PresenceCategory.AVAILABLE, T0.minus(TTL), T0.minus(TTL).plusSeconds(30));
      PresenceRecord offlineBefore = record(cy, PresenceCategory.OFFLINE, T0.minusSeconds(5), T0.minus(TTL));
      tx.run(() -> List.of(setEarly, runsOut, offlineBefore).forEach(presences::put));
      Instant upTo = T0.plusSeconds(60);

      assertThat(presences.changed(T0, Long.MAX_VALUE, upTo, TTL, 10)).containsExactly(setEarly, runsOut);
      assertThat(presences.changed(T0, Long.MAX_VALUE, T0.plusSeconds(20), TTL, 10)).containsExactly(setEarly);
      assertThat(presences.changed(T0.plusSeconds(10), Long.MAX_VALUE, upTo, TTL, 10)).containsExactly(runsOut);
      assertThat(presences.changed(T0.minusSeconds(10), Long.MAX_VALUE, upTo, TTL, 1)).containsExactly(offlineBefore);
    }

    @Test
    void changed_breaks_ties_by_user_id_so_a_position_inside_one_millisecond_loses_nothing() {
      PresenceRecord a = record(ada, PresenceCategory.BUSY, T0, T0);
      PresenceRecord b = record(bob, PresenceCategory.AWAY, T0, T0);
      tx.run(() -> List.of(b, a).forEach(presences::put));

      assertThat(presences.changed(T0.minusMillis(1), Long.MAX_VALUE, T0, TTL, 10)).containsExactly(a, b);
      assertThat(presences.changed(T0, ada, T0, TTL, 10)).containsExactly(b);
      assertThat(presences.changed(T0, bob, T0, TTL, 10)).isEmpty();
    }

    @Test
    void feeds_are_stored_moved_on_and_deleted() {
      PresenceFeed feed = new PresenceFeed("f1", ada, T0, T0, T0, 0);
      PresenceFeed old = new PresenceFeed("f2", bob, T0, T0.minusSeconds(1), T0, 0);
      tx.run(() -> {
        presences.insertFeed(feed);
        presences.insertFeed(old);
      });
      assertThat(presences.feed("f1")).contains(feed);
      assertThat(presences.feed("nope")).isEmpty();

      PresenceFeed moved = new PresenceFeed("f1", ada, T0, T0.plusSeconds(4), T0.plusSeconds(3), bob);
      tx.run(() -> presences.updateFeed(moved));
      assertThat(presences.feed("f1")).contains(moved);

      assertThat(tx.inTransaction(() -> presences.deleteFeedsReadBefore(T0))).isEqualTo(1);
      assertThat(presences.feed("f2")).isEmpty();
      tx.run(() -> presences.deleteFeed("f1"));
      assertThat(presences.feed("f1")).isEmpty();
    }
  }
}
