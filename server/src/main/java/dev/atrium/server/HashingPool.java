package dev.atrium.server;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.PasswordHasher;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a password hasher's work on a fixed pool of platform threads, as many as there are cores by default, with a
 * bounded queue. Requests run on virtual threads, which share a few carrier threads: an Argon2 hash computed on one
 * holds its carrier for its whole time, so a flood of logins would hold every carrier and stall every other request
 * (a health probe included). Handed to this pool, a hash holds a pool thread instead, and the waiting virtual thread
 * gives its carrier back; a flood of logins then slows logins, not everything else.
 *
 * <p>When the queue is full an attempt is refused at once with {@code TooManyRequests} (retry after a second)
 * rather than queued without end. Idle threads end after a while, so a pool no one closes holds no thread.
 */
public final class HashingPool implements PasswordHasher {
  /** Hashes waiting per thread at most; each waits for at most this many hashes ahead of it on its thread. */
  static final int QUEUE_PER_THREAD = 256;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final PasswordHasher hasher;
  private final ThreadPoolExecutor pool;

  public HashingPool(PasswordHasher hasher, int threads) {
    this(hasher, threads, threads * QUEUE_PER_THREAD);
  }

  HashingPool(PasswordHasher hasher, int threads, int queue) {
    if (threads < 1 || queue < 1) {
      throw new IllegalArgumentException("a hashing pool needs at least one thread and one place in its queue");
    }
    this.hasher = hasher;
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
        r -> Thread.ofPlatform().daemon().name("password-hash-" + pool + "-" + thread.incrementAndGet())
            .unstarted(r));
    this.pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public String hash(String password) {
    return run(() -> hasher.hash(password));
  }

  @Override
  public boolean verify(String password, String hash) {
    return run(() -> hasher.verify(password, hash));
  }

  /** Cheap (it reads the parameters in the hash): runs on the caller's thread. */
  @Override
  public boolean needsRehash(String hash) {
    return hasher.needsRehash(hash);
  }

  /** Hashes waiting for a thread. */
  int queued() {
    return pool.getQueue().size();
  }

  private <T> T run(Callable<T> work) {
    Future<T> result;
    try {
      result = pool.submit(work);
    } catch (RejectedExecutionException e) {
      throw new AtriumException.TooManyRequests("Too many sign-ins at once: try again in 1 second",
          Duration.ofSeconds(1));
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          // The hash is under way and cheap to wait for; the interrupt is kept for the caller to see.
          interrupted = true;
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("password hashing failed", e.getCause());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
