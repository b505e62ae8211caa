package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.PasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The hashing pool: a hash runs on one of its platform threads, never on the caller's virtual thread; no more run
 * at once than it has threads; a full queue refuses at once with a one-second wait.
 */
class HashingPoolTest {
  /** A hasher that holds each call until released, and notes how many run at once and on which threads. */
  static final class HeldHasher implements PasswordHasher {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger onVirtualThreads = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();

    @Override
    public String hash(String password) {
      hold();
      return "held$" + password;
    }

    @Override
    public boolean verify(String password, String hash) {
      hold();
      return hash.equals("held$" + password);
    }

    @Override
    public boolean needsRehash(String hash) {
      return false;
    }

    private void hold() {
      if (Thread.currentThread().isVirtual()) {
        onVirtualThreads.incrementAndGet();
      }
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      started.incrementAndGet();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
    }
  }

  @Test
  void hashes_run_on_the_pools_platform_threads_at_most_as_many_at_once_as_it_has() throws Exception {
    HeldHasher held = new HeldHasher();
    HashingPool pool = new HashingPool(held, 2);
    List<Future<Boolean>> calls = new ArrayList<>();
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        String password = "password-" + i;
        calls.add(callers.submit(() -> pool.verify(password, "held$" + password)));
      }
      while (held.started.get() < 2) {
        Thread.onSpinWait();
      }
      // two run, six wait in the queue, none of them on a carrier of the virtual threads
      assertThat(held.running.get()).isEqualTo(2);
      held.release.countDown();
      for (Future<Boolean> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isTrue();
      }
    }
    assertThat(held.started.get()).isEqualTo(8);
    assertThat(held.mostAtOnce.get()).isEqualTo(2);
    assertThat(held.onVirtualThreads.get()).isZero();
    assertThat(pool.hash("x")).isEqualTo("held$x");
  }

  @Test
  void a_full_queue_refuses_at_once_with_a_wait_of_a_second() throws Exception {
    HeldHasher held = new HeldHasher();
    HashingPool pool = new HashingPool(held, 1, 1);
    try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<String> running = callers.submit(() -> pool.hash("first"));
      while (held.started.get() < 1) {
        Thread.onSpinWait();
      }
      Future<String> queued = callers.submit(() -> pool.hash("second"));
      while (pool.queued() < 1) {
        Thread.onSpinWait();
      }
      // the second call sits in the queue: a third finds it full
      assertThatThrownBy(() -> pool.hash("third")).isInstanceOfSatisfying(AtriumException.TooManyRequests.class,
          e -> {
            assertThat(e.getMessage()).isEqualTo("Too many sign-ins at once: try again in 1 second");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
          });
      held.release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo("held$first");
      assertThat(queued.get(30, TimeUnit.SECONDS)).isEqualTo("held$second");
    }
  }

  @Test
  void an_error_of_the_hasher_reaches_the_caller_as_it_was() {
    PasswordHasher failing = new PasswordHasher() {
      @Override
      public String hash(String password) {
        throw new IllegalArgumentException("no hash for you");
      }

      @Override
      public boolean verify(String password, String hash) {
        return false;
      }

      @Override
      public boolean needsRehash(String hash) {
        return true;
      }
    };
    HashingPool pool = new HashingPool(failing, 1);
    assertThatThrownBy(() -> pool.hash("x")).isInstanceOf(IllegalArgumentException.class).hasMessage("no hash for you");
    assertThat(pool.verify("x", "y")).isFalse();
    assertThat(pool.needsRehash("y")).isTrue();
  }
}
