package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.Fixtures.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.barrier.Barriers;
import dev.atrium.core.contact.Connection;
import dev.atrium.core.contact.ConnectionStatus;
import dev.atrium.core.contact.Connections;
import dev.atrium.core.contact.Relation;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.presence.PresenceRecord;
import dev.atrium.core.presence.UserPresence;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.NewUser;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStatus;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@link Connections} and {@link Presence} services over the real JDBC stores, with a clock the tests move;
 * run once per {@link Backend}. What a service leaves behind is read back from the database, and what it
 * publishes from an in-process bus.
 */
abstract class ContactsPresenceServiceSuite extends DatabaseTest {
  static final Duration TTL = Duration.ofMinutes(30);

  FakeClock clock;
  List<DomainEvent> published;
  JdbcUserStore userStore;
  JdbcConnectionStore connectionStore;
  JdbcPresenceStore presenceStore;
  JdbcAuditLog audit;
  Users users;
  Accounts accounts;
  Connections connections;
  Presence presence;
  /** What the connections' barrier port does; by default it lets everyone meet and remembers who asked. */
  Barriers barrier;
  List<List<Long>> barrierCalls;
  User admin;
  User ann;
  User ben;

  ContactsPresenceServiceSuite(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void wire() {
    clock = new FakeClock();
    Events events = new Events(tx, new InProcessEventBus());
    published = new CopyOnWriteArrayList<>();
    events.subscribe(published::add);
    userStore = new JdbcUserStore(tx);
    connectionStore = new JdbcConnectionStore(tx);
    presenceStore = new JdbcPresenceStore(tx);
    audit = new JdbcAuditLog(tx);
    Passwords passwords = new Passwords(new FastPasswordHasher());
    Sessions sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock,
        new SplittableRandom(7), Duration.ofHours(8));
    users = new Users(userStore);
    accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, Fixtures.POD);
    barrierCalls = new ArrayList<>();
    barrier = (userId, others) -> barrierCalls.add(List.of(userId, others.iterator().next()));
    Barriers port = (userId, others) -> barrier.requireMayMeet(userId, others);
    connections = new Connections(connectionStore, users, port, tx, events, clock);
    presence = new Presence(presenceStore, users, audit, tx, events, clock, new SplittableRandom(11), TTL);
    admin = accounts.bootstrapAdmin("admin@atrium.test", "admin-password").orElseThrow();
    ann = create("ann");
    ben = create("ben");
    published.clear();
  }

  User create(String username, String... roles) {
    return accounts.create(admin, new NewUser(username, username + "@example.com", names(username, "Last"),
        AccountType.NORMAL, Set.of(roles), new NewUser.Password.Plain("user-password-1"), false), List.of());
  }

  @Nested
  class ConnectionsService {
    @Test
    void each_change_is_stored_and_its_event_published_after_commit() {
      connections.request(ann, ben.id());
      Connection requested = connectionStore.between(ann.id(), ben.id()).orElseThrow();
      assertThat(requested.status()).isEqualTo(ConnectionStatus.PENDING);
      clock.advance(Duration.ofSeconds(1));
      connections.accept(ben, ann.id());
      Connection accepted = connectionStore.between(ann.id(), ben.id()).orElseThrow();
      clock.advance(Duration.ofSeconds(1));
      connections.remove(ann, ben.id());

      assertThat(connectionStore.between(ann.id(), ben.id())).isEmpty();
      assertThat(published).containsExactly(
          new DomainEvent.ConnectionRequested(requested, requested.updatedAt()),
          new DomainEvent.ConnectionAccepted(accepted, accepted.updatedAt()),
          new DomainEvent.ConnectionRemoved(ann.id(), ben.id(), clock.instant()));
    }

    @Test
    void a_rejection_is_published_and_a_new_request_counts_on() {
      connections.request(ann, ben.id());
      clock.advance(Duration.ofSeconds(1));
      connections.reject(ben, ann.id());
      Connection rejected = connectionStore.between(ann.id(), ben.id()).orElseThrow();
      clock.advance(Duration.ofSeconds(1));

      // the one who rejected asks in turn: the requester changes sides, the count goes on
      var asked = connections.request(ben, ann.id());

      assertThat(published.get(1)).isEqualTo(new DomainEvent.ConnectionRejected(rejected, rejected.updatedAt()));
      assertThat(asked.relation()).isEqualTo(Relation.PENDING_OUTGOING);
      assertThat(asked.requestCounter()).isEqualTo(2);
      assertThat(connectionStore.between(ann.id(), ben.id()).orElseThrow().requesterId()).isEqualTo(ben.id());
      assertThat(connections.info(ann, ben.id()).relation()).isEqualTo(Relation.PENDING_INCOMING);
    }

    @Test
    void every_request_and_acceptance_asks_the_barriers() {
      connections.request(ann, ben.id());
      connections.accept(ben, ann.id());

      assertThat(barrierCalls).containsExactly(List.of(ann.id(), ben.id()), List.of(ben.id(), ann.id()));
    }

    @Test
    void the_barriers_are_asked_inside_the_transaction_and_their_refusal_changes_nothing() {
      // a barrier that writes before refusing: its write is rolled back only if it ran inside the transaction
      barrier = (userId, others) -> {
        presenceStore.put(new PresenceRecord(userId, PresenceCategory.BUSY, clock.instant(), clock.instant(), null));
        throw AtriumException.forbidden("A barrier separates these users");
      };
      var before = snapshot();

      assertThatThrownBy(() -> connections.request(ann, ben.id())).isInstanceOf(AtriumException.Forbidden.class)
          .hasMessage("A barrier separates these users");

      assertThat(snapshot()).isEqualTo(before);
      assertThat(published).isEmpty();
    }

    @Test
    void a_barrier_placed_after_the_request_stops_its_acceptance() {
      connections.request(ann, ben.id());
      published.clear();
      barrier = (userId, others) -> {
        throw AtriumException.forbidden("A barrier separates these users");
      };
      var before = snapshot();

      assertThatThrownBy(() -> connections.accept(ben, ann.id())).isInstanceOf(AtriumException.Forbidden.class);

      assertThat(snapshot()).isEqualTo(before);
      assertThat(published).isEmpty();
    }

    @Test
    void refused_requests_change_nothing() {
      User gone = create("gone");
      accounts.setStatus(admin, gone.id(), UserStatus.DISABLED);
      connections.request(ann, ben.id());
      published.clear();
      var before = snapshot();

      assertThatThrownBy(() -> connections.request(ann, ann.id())).hasMessage("You cannot connect to yourself");
      assertThatThrownBy(() -> connections.request(ann, 42)).isInstanceOf(AtriumException.NotFound.class)
          .hasMessage("User 42 not found");
      assertThatThrownBy(() -> connections.request(ann, gone.id())).hasMessage("User " + gone.id() + " is not active");
      assertThatThrownBy(() -> connections.accept(ann, ben.id())).isInstanceOf(AtriumException.NotFound.class)
          .hasMessage("There is no pending connection request from user " + ben.id());
      assertThatThrownBy(() -> connections.remove(ann, ben.id())).isInstanceOf(AtriumException.NotFound.class)
          .hasMessage("You are not connected to user " + ben.id());
      assertThatThrownBy(() -> connections.list(ann, Set.of(), Set.of()))
          .hasMessage("At least one connection status is required");

      assertThat(snapshot()).isEqualTo(before);
      assertThat(published).isEmpty();
    }
  }

  @Nested
  class PresenceService {
    @Test
    void a_set_is_stored_and_published_and_a_soft_set_while_offline_is_not_published() {
      UserPresence set = presence.set(ann, ann.id(), PresenceCategory.BUSY, false);
      UserPresence soft = presence.set(ben, ben.id(), PresenceCategory.AWAY, true);

      assertThat(set).isEqualTo(new UserPresence(ann.id(), PresenceCategory.BUSY, clock.instant()));
      assertThat(soft.category()).isEqualTo(PresenceCategory.OFFLINE);
      assertThat(presenceStore.get(ben.id()).orElseThrow().pending()).isEqualTo(PresenceCategory.AWAY);
      assertThat(published).containsExactly(new DomainEvent.PresenceChanged(set, set.at()));
    }

    @Test
    void setting_someone_elses_presence_needs_a_user_administrator_and_is_audited() {
      User provisioner = create("prov", Roles.USER_PROVISIONING);

      assertThatThrownBy(() -> presence.set(ben, ann.id(), PresenceCategory.BUSY, false))
          .isInstanceOf(AtriumException.Forbidden.class);
      assertThat(presenceStore.get(ann.id())).isEmpty();

      presence.set(provisioner, ann.id(), PresenceCategory.OUT_OF_OFFICE, false);
      AuditEntry entry = audit.latest(1).getFirst();
      assertThat(entry.actorId()).isEqualTo(provisioner.id());
      assertThat(entry.action()).isEqualTo("user.presence");
      assertThat(entry.target()).isEqualTo("user:" + ann.id());
      assertThat(String.valueOf(entry.after())).contains("OUT_OF_OFFICE");

      presence.set(ann, ann.id(), PresenceCategory.AVAILABLE, false);
      assertThat(audit.latest(1).getFirst()).isEqualTo(entry);
    }

    @Test
    void a_category_the_server_decides_cannot_be_set_and_nothing_is_stored() {
      for (PresenceCategory reserved : List.of(PresenceCategory.UNDEFINED, PresenceCategory.OFFLINE,
          PresenceCategory.DO_NOT_DISTURB)) {
        assertThatThrownBy(() -> presence.set(ann, ann.id(), reserved, false))
            .isInstanceOf(AtriumException.Forbidden.class)
            .hasMessageStartingWith("The presence " + reserved + " cannot be set");
      }
      assertThat(presenceStore.get(ann.id())).isEmpty();
      assertThat(published).isEmpty();
    }

    @Test
    void a_status_that_runs_out_is_offline_from_then_and_the_sweep_publishes_it_once() {
      Instant setAt = clock.instant();
      presence.set(ann, ann.id(), PresenceCategory.BUSY, false);
      published.clear();

      clock.advance(TTL.minusMillis(1));
      assertThat(presence.expireStale()).isZero();
      assertThat(presence.of(ann.id()).category()).isEqualTo(PresenceCategory.BUSY);

      clock.advance(Duration.ofMinutes(5));
      UserPresence ranOut = new UserPresence(ann.id(), PresenceCategory.OFFLINE, setAt.plus(TTL));
      assertThat(presence.of(ann.id())).isEqualTo(ranOut);
      assertThat(presence.expireStale()).isEqualTo(1);
      assertThat(presence.expireStale()).isZero();
      assertThat(published).containsExactly(new DomainEvent.PresenceChanged(ranOut, ranOut.at()));
      assertThat(presence.of(ann.id())).isEqualTo(ranOut);
    }

    @Test
    void online_and_offline_publish_only_a_change_of_category() {
      presence.online(ann.id());
      presence.online(ann.id());
      presence.offline(ann.id());
      presence.offline(ann.id());

      assertThat(published).extracting(e -> ((DomainEvent.PresenceChanged) e).presence().category())
          .containsExactly(PresenceCategory.AVAILABLE, PresenceCategory.OFFLINE);
    }

    @Test
    void a_disabled_user_is_offline_and_left_out_of_the_list() {
      presence.set(ann, ann.id(), PresenceCategory.AVAILABLE, false);
      accounts.setStatus(admin, ann.id(), UserStatus.DISABLED);

      assertThat(presence.of(ann.id()).category()).isEqualTo(PresenceCategory.OFFLINE);
      assertThat(presence.list(0, 10)).extracting(UserPresence::userId).containsExactly(admin.id(), ben.id());
    }

    @Test
    void a_feed_hands_out_a_full_batch_then_the_rest_without_losing_any() {
      List<Long> ids = new ArrayList<>();
      tx.run(() -> {
        for (int i = 0; i < Presence.FEED_BATCH + 20; i++) {
          User u = Fixtures.user(Fixtures.userId(userStore.nextSequence()), "many" + i, null, names(null, null));
          userStore.insert(u);
          // many share one millisecond: the cursor's user id keeps them apart
          presenceStore.put(new PresenceRecord(u.id(), PresenceCategory.AVAILABLE, clock.instant(),
              clock.instant(), null));
          ids.add(u.id());
        }
      });
      String feed = presence.createFeed(ann);

      List<UserPresence> first = presence.readFeed(ann, feed);
      List<UserPresence> second = presence.readFeed(ann, feed);

      assertThat(first).hasSize(Presence.FEED_BATCH);
      assertThat(concat(first, second)).extracting(UserPresence::userId).containsExactlyElementsOf(ids);
      assertThat(presence.readFeed(ann, feed)).isEmpty();
    }

    @Test
    void a_feed_nobody_reads_for_a_week_is_removed() {
      String read = presence.createFeed(ann);
      String idle = presence.createFeed(ben);
      clock.advance(Presence.FEED_IDLE_LIFETIME.minusMinutes(1));
      presence.readFeed(ann, read);
      clock.advance(Duration.ofMinutes(2));

      presence.expireStale();

      assertThat(presence.readFeed(ann, read)).isEmpty();
      assertThatThrownBy(() -> presence.readFeed(ben, idle)).isInstanceOf(AtriumException.NotFound.class)
          .hasMessage("Presence feed " + idle + " not found");
    }
  }

  static <T> List<T> concat(Collection<T> a, Collection<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
