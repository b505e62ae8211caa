package dev.atrium.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.tx.Transactor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What the wire tests cannot show: attempts in flight. An account's count includes them, so a burst of parallel
 * guesses gets no more tries than a sequence; an address's does not, so that parallel sign-ins of many users from
 * one address are never refused for their number. (Thresholds, waits and their formats: LoginProtectionTest.)
 */
class LoginGuardTest {
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-15T09:30:00Z"));
  final List<AuditEntry> audited = new ArrayList<>();
  final AuditLog audit = new AuditLog() {
    @Override
    public void append(AuditEntry entry) {
      audited.add(entry);
    }

    @Override
    public List<AuditEntry> latest(int limit) {
      return List.copyOf(audited);
    }
  };
  final Transactor tx = new Transactor() {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return work.get();
    }

    @Override
    public <T> T inSavepoint(Supplier<T> work) {
      return work.get();
    }

    @Override
    public void afterCommit(Runnable action) {
      action.run();
    }
  };
  final LoginGuard guard = new LoginGuard(LoginGuard.Limits.parse("account=3,address=5"), now::get, audit, tx);

  @Test
  void an_accounts_attempts_in_flight_count_until_they_end() {
    LoginGuard.Attempt first = guard.begin("ann@example.com", "address 10.0.0.1");
    LoginGuard.Attempt second = guard.begin("ANN@example.com", "address 10.0.0.2");
    LoginGuard.Attempt third = guard.begin("ann@example.com ", "address 10.0.0.3");
    assertThatThrownBy(() -> guard.begin("ann@example.com", "address 10.0.0.4"))
        .isInstanceOfSatisfying(AtriumException.TooManyRequests.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
    // one ends without an outcome (a malformed request): its place is free again
    third.close();
    LoginGuard.Attempt fourth = guard.begin("ann@example.com", "address 10.0.0.4");
    // a success forgets the failures, not the attempts still in flight
    first.failed();
    second.succeeded();
    fourth.close();
    for (int i = 0; i < 3; i++) {
      guard.begin("ann@example.com", "address 10.0.0.5").failed();
    }
    assertThatThrownBy(() -> guard.begin("ann@example.com", "address 10.0.0.6"))
        .isInstanceOf(AtriumException.TooManyRequests.class);
    assertThat(audited).extracting(AuditEntry::target, AuditEntry::after)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("account ann@example.com",
            new LoginGuard.WaitStarted(3, 1)));
    assertThat(guard.begin("bob@example.com", "address 10.0.0.6")).isNotNull();
  }

  @Test
  void an_addresss_attempts_in_flight_never_refuse_it() {
    List<LoginGuard.Attempt> inFlight = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      inFlight.add(guard.begin("user" + i + "@example.com", "address 10.0.0.1"));
    }
    inFlight.forEach(LoginGuard.Attempt::succeeded);
    for (int i = 0; i < 5; i++) {
      guard.begin("guess" + i + "@example.com", "address 10.0.0.1").failed();
    }
    assertThatThrownBy(() -> guard.begin("user0@example.com", "address 10.0.0.1"))
        .isInstanceOf(AtriumException.TooManyRequests.class);
    now.set(now.get().plusSeconds(1));
    guard.begin("user0@example.com", "address 10.0.0.1").succeeded();
  }

  @Test
  void an_attempt_ends_once_whatever_is_called_after() {
    LoginGuard.Attempt attempt = guard.begin("ann@example.com", "address 10.0.0.1");
    attempt.succeeded();
    attempt.failed();
    attempt.close();
    for (int i = 0; i < 2; i++) {
      guard.begin("ann@example.com", "address 10.0.0.1").failed();
    }
    // two failures, not three: the late failed() of the ended attempt counted nothing
    guard.begin("ann@example.com", "address 10.0.0.1").close();
  }

  @Test
  void attempt_counts_a_wrong_credential_and_nothing_else() {
    Supplier<String> wrong = () -> {
      throw new AtriumException.Unauthenticated("Invalid email or password");
    };
    Supplier<String> invalid = () -> {
      throw AtriumException.invalid("password is required");
    };
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> guard.attempt("ann@example.com", "address 10.0.0.1", invalid))
          .isInstanceOf(AtriumException.Invalid.class);
    }
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> guard.attempt("ann@example.com", "address 10.0.0.1", wrong))
          .isInstanceOf(AtriumException.Unauthenticated.class);
    }
    assertThatThrownBy(() -> guard.attempt("ann@example.com", "address 10.0.0.1", () -> "right"))
        .isInstanceOf(AtriumException.TooManyRequests.class)
        .hasMessage("Too many failed attempts: try again in 1 second");
    now.set(now.get().plusSeconds(1));
    assertThat(guard.attempt("ann@example.com", "address 10.0.0.1", () -> "right")).isEqualTo("right");
  }
}
