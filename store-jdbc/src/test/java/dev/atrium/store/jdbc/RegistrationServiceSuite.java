package dev.atrium.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.account.EmailVerification;
import dev.atrium.core.account.Registration;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Personas;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FastPasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Registration} over the real JDBC stores, once per {@link Backend}: the username it derives, one
 * transaction for the account and its session, and free usernames allocated race-free when many sign up with the
 * same name at once (and persona names the same way).
 */
abstract class RegistrationServiceSuite extends DatabaseTest {
  static final int SIGNUPS = 50;

  FakeClock clock;
  List<DomainEvent> published;
  JdbcUserStore userStore;
  Users users;
  Accounts accounts;
  Sessions sessions;
  Registration registration;
  Personas personas;

  RegistrationServiceSuite(Backend backend) {
    super(backend);
  }

  @BeforeEach
  void wire() {
    clock = new FakeClock();
    Events events = new Events(tx, new InProcessEventBus());
    published = new CopyOnWriteArrayList<>();
    events.subscribe(published::add);
    userStore = new JdbcUserStore(tx);
    JdbcAuditLog audit = new JdbcAuditLog(tx);
    Passwords passwords = new Passwords(new FastPasswordHasher());
    sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock,
        new SplittableRandom(7), Duration.ofHours(8));
    users = new Users(userStore);
    accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, Fixtures.POD);
    EmailVerification verification = new EmailVerification(new JdbcEmailTokenStore(tx), userStore, users,
        Outbox.local(new JdbcOutboxStore(tx), audit, tx, clock), audit, tx, events, clock, new SplittableRandom(17),
        Duration.ofHours(24), token -> "https://atrium.test/verify?token=" + token);
    registration = new Registration(accounts, verification, sessions, tx);
    Spaces spaces = new Spaces(new JdbcSpaceStore(tx), users, audit, tx, events, clock, new SplittableRandom(19));
    personas = new Personas(users, accounts, userStore, spaces, sessions, audit, tx, events, clock);
  }

  static Registration.SignUp signUp(String email) {
    return new Registration.SignUp(email, "a-good-password", Fixtures.names("Sam", "Lee"), null, "roomful", null);
  }

  @Test
  void theUsername_isTheLocalPart_cleanedAndLowerCased_numberedOnceTaken() {
    assertThat(registration.signUp(signUp("Sam.Lee+news@a.test")).user().username()).isEqualTo("sam.leenews");
    assertThat(registration.signUp(signUp("SAM.LEENEWS@b.test")).user().username()).isEqualTo("sam.leenews2");
    assertThat(registration.signUp(signUp("sam.leenews@c.test")).user().username()).isEqualTo("sam.leenews3");
    assertThat(registration.signUp(signUp("+++@d.test")).user().username()).isEqualTo("user");
    String longLocal = "x".repeat(120);
    assertThat(registration.signUp(signUp(longLocal + "@e.test")).user().username()).isEqualTo("x".repeat(100));
    assertThat(registration.signUp(signUp(longLocal + "@f.test")).user().username()).isEqualTo("x".repeat(100) + "2");
  }

  @Test
  void aSignup_opensASessionForTheNewUser_andPublishesUserCreatedOnce() {
    Registration.Registered registered = registration.signUp(signUp("ann@a.test"));

    assertThat(sessions.authenticate(registered.session().token())).hasValueSatisfying(p ->
        assertThat(p.userId()).isEqualTo(registered.user().id()));
    assertThat(registered.session().session().network()).isEqualTo("roomful");
    assertThat(published).containsExactly(new DomainEvent.UserCreated(registered.user(),
        registered.user().createdAt()));
  }

  @Test
  void aSignup_inATransactionThatRollsBack_leavesNoUser_noSession_andPublishesNothing() {
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> tx.run(() -> {
      registration.signUp(signUp("ann@a.test"));
      throw new IllegalStateException("a later step fails");
    })).hasMessage("a later step fails");

    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
  }

  @Test
  void aSignup_whoseEmailIsTaken_isAConflict_andLeavesNothing() {
    registration.signUp(signUp("ann@a.test"));
    published.clear();
    Map<String, String> before = snapshot();

    assertThatThrownBy(() -> registration.signUp(signUp("ANN@a.test"))).isInstanceOf(AtriumException.Conflict.class)
        .hasMessage("Email address ANN@a.test is already taken");
    assertThatThrownBy(() -> registration.signUp(signUp("no-at-sign"))).isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("The email address is not valid: no-at-sign");

    assertThat(snapshot()).isEqualTo(before);
    assertThat(published).isEmpty();
  }

  /**
   * The race the old handler lost: it looked for a free name, then inserted in another transaction, so two
   * signups could pick the same name and one of them failed on the unique index with a 500.
   */
  @Test
  void fiftyConcurrentSignupsOfOneName_allSucceed_withDistinctUsernames() throws Exception {
    List<Registration.Registered> done = concurrently(IntStream.range(0, SIGNUPS)
        .mapToObj(i -> (Callable<Registration.Registered>) () -> registration.signUp(signUp("sam@a" + i + ".test")))
        .toList());

    List<String> expected = new ArrayList<>(List.of("sam"));
    IntStream.rangeClosed(2, SIGNUPS).forEach(n -> expected.add("sam" + n));
    assertThat(done).extracting(r -> r.user().username()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(userStore.usernamesStartingWith("sam")).containsExactlyInAnyOrderElementsOf(expected);
    for (Registration.Registered r : done) {
      assertThat(users.byEmail(Objects.requireNonNull(r.user().email())).map(User::username)).contains(r.user().username());
      assertThat(sessions.authenticate(r.session().token())).hasValueSatisfying(p ->
          assertThat(p.userId()).isEqualTo(r.user().id()));
    }
    assertThat(published).hasSize(SIGNUPS).allMatch(e -> e instanceof DomainEvent.UserCreated);
  }

  @Test
  void concurrentSignupsOfOneAddress_createOneAccount_andRefuseTheOthersWithAConflict() throws Exception {
    int tries = 10;
    List<Object> outcomes = concurrently(IntStream.range(0, tries).mapToObj(i -> (Callable<Object>) () -> {
      try {
        return registration.signUp(signUp("same@a.test"));
      } catch (AtriumException.Conflict e) {
        return e;
      }
    }).toList());

    assertThat(outcomes).filteredOn(o -> o instanceof Registration.Registered).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o instanceof AtriumException.Conflict).hasSize(tries - 1);
    assertThat(userStore.usernamesStartingWith("same")).containsExactly("same");
    assertThat(published).hasSize(1);
  }

  @Test
  void concurrentPersonasOfOneOwner_getDistinctNames() throws Exception {
    User owner = registration.signUp(signUp("ann@a.test")).user();
    List<User> created = concurrently(IntStream.range(0, Personas.MAX_PERSONAS)
        .mapToObj(i -> (Callable<User>) () -> personas.create(owner.id(), Fixtures.names("P" + i, null))).toList());

    assertThat(created).extracting(User::username).containsExactlyInAnyOrderElementsOf(IntStream
        .rangeClosed(1, Personas.MAX_PERSONAS).mapToObj(n -> "ann.persona" + n).toList());
  }

  /** Runs the calls on as many threads at once, released together; their results in order, or their failure. */
  static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    }
  }
}
