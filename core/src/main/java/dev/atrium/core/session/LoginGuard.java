package dev.atrium.core.session;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.error.AtriumException.Reason;
import dev.atrium.core.tx.Transactor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Login protection for every way to present a password or a code: failures are counted per account (the login
 * text as given, so that an unknown account counts exactly as a known one) and per client address. From
 * {@link Limits#account} failures of an account, or {@link Limits#address} of an address, every further attempt
 * waits: the first wait is {@link Limits#firstWait}, each failure after a wait doubles it, up to
 * {@link Limits#maxWait}. An attempt during a wait is refused with {@link AtriumException.TooManyRequests} (its
 * {@code Retry-After} the rest of the wait) before the credential is looked at, so a right password is refused too
 * and a wait tells a guesser nothing. Waits end on their own and a counter is forgotten {@link Limits#forget} after
 * its last failure or wait, so no attacker can lock an account for good; a success forgets the account's counter
 * (not the address's: a guesser's own account must not clear its address). Each start of a wait is audited
 * ({@code login.wait}, the counter's key, never the credential).
 *
 * <p>An account's attempts in flight count as failures until they end, so that a burst of parallel guesses gets no
 * more tries than a sequence; an address's do not, so that a backend signing in many users from one address at once
 * is not refused for its parallelism.
 *
 * <p>Counters live in memory, in one map bounded to {@link #MAX_COUNTERS} that drops the least recently used: a
 * counter dropped early only forgives. The counters are this node's own.
 *
 * <p>Use: {@code guard.attempt(login, address, () -> check(login, password))}, or {@link #begin} with
 * {@link Attempt#failed} / {@link Attempt#succeeded} where the proof is no single call.
 */
public final class LoginGuard {
  static final int MAX_COUNTERS = 200_000;
  private static final int MAX_KEY = 200;

  /** When waits begin, how they grow, and when a counter is forgotten. */
  public record Limits(int account, int address, Duration firstWait, Duration maxWait, Duration forget) {
    /** Rocket.Chat's thresholds: 10 failures of an account, 50 of an address; waits from 1 s up to 15 min. */
    public static final Limits DEFAULT = new Limits(10, 50, Duration.ofSeconds(1), Duration.ofMinutes(15),
        Duration.ofHours(1));
    static final int MAX_FAILURES = 1_000_000;
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([smh])");

    public Limits {
      if (account < 1 || account > MAX_FAILURES || address < 1 || address > MAX_FAILURES) {
        throw new IllegalArgumentException("account and address are 1 to " + MAX_FAILURES + " failures");
      }
      if (firstWait.compareTo(Duration.ofSeconds(1)) < 0 || maxWait.compareTo(firstWait) < 0
          || maxWait.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("first-wait is at least 1s, and max-wait from first-wait to 24h");
      }
      if (forget.compareTo(maxWait) < 0 || forget.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("forget is from max-wait to 168h");
      }
    }

    /**
     * {@code name=value} pairs separated by commas, each changing one of {@link #DEFAULT}: {@code account} and
     * {@code address} (failures before waits begin), {@code first-wait}, {@code max-wait}, {@code forget}
     * (durations such as {@code 1s}, {@code 15m}, {@code 1h}).
     *
     * @throws IllegalArgumentException with what is wrong, in words that follow the setting's name
     */
    public static Limits parse(String text) {
      int account = DEFAULT.account;
      int address = DEFAULT.address;
      Duration firstWait = DEFAULT.firstWait;
      Duration maxWait = DEFAULT.maxWait;
      Duration forget = DEFAULT.forget;
      List<String> named = new ArrayList<>();
      for (String pair : text.split(",", -1)) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
          throw new IllegalArgumentException("must be name=value pairs separated by commas such as"
              + " account=10,address=50,max-wait=15m; '" + pair.strip() + "' is no pair");
        }
        String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
        String value = pair.substring(equals + 1).strip().toLowerCase(Locale.ROOT);
        if (named.contains(name)) {
          throw new IllegalArgumentException("names " + name + " twice");
        }
        named.add(name);
        switch (name) {
          case "account" -> account = failures(name, value);
          case "address" -> address = failures(name, value);
          case "first-wait" -> firstWait = duration(name, value);
          case "max-wait" -> maxWait = duration(name, value);
          case "forget" -> forget = duration(name, value);
          default -> throw new IllegalArgumentException("names '" + name + "'; the names are account, address,"
              + " first-wait, max-wait and forget");
        }
      }
      return new Limits(account, address, firstWait, maxWait, forget);
    }

    private static int failures(String name, String value) {
      if (!value.matches("[0-9]{1,7}")) {
        throw new IllegalArgumentException("gives " + name + " '" + value + "': a number of failures, 1 to "
            + MAX_FAILURES);
      }
      return Integer.parseInt(value);
    }

    private static Duration duration(String name, String value) {
      Matcher m = DURATION.matcher(value);
      if (!m.matches()) {
        throw new IllegalArgumentException("gives " + name + " '" + value + "': a duration such as 1s, 15m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }

    /** The wait after {@code failures} failures against {@code threshold}: none below it, then doubling. */
    Duration waitAfter(int failures, int threshold) {
      if (failures < threshold) {
        return Duration.ZERO;
      }
      int doublings = Math.min(failures - threshold, 30);
      Duration wait = firstWait.multipliedBy(1L << doublings);
      return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }

    @Override
    public String toString() {
      return "account=" + account + ",address=" + address + ",first-wait=" + firstWait.toSeconds() + "s,max-wait="
          + maxWait.toSeconds() + "s,forget=" + forget.toSeconds() + "s";
    }
  }

  /** One counter: confirmed failures, attempts in flight, the end of the current wait, the last failure. */
  private record Counter(int failures, int inFlight, Instant waitUntil, Instant lastFailure) {
    static final Counter FRESH = new Counter(0, 0, Instant.MIN, Instant.MIN);

    boolean fresh() {
      return failures == 0 && inFlight == 0;
    }
  }

  /** What the audit entry of a wait records (actor 0, target the counter's key): the failures and the wait. */
  public record WaitStarted(int failures, long waitSeconds) {}

  private final Limits limits;
  private final InstantSource clock;
  private final AuditLog audit;
  private final Transactor tx;
  // Guarded by itself. Logins are few (each costs a password hash), so one lock is no bottleneck.
  private final LinkedHashMap<String, Counter> counters = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
      return size() > MAX_COUNTERS;
    }
  };

  public LoginGuard(Limits limits, InstantSource clock, AuditLog audit, Transactor tx) {
    this.limits = limits;
    this.clock = clock;
    this.audit = audit;
    this.tx = tx;
  }

  public Limits limits() {
    return limits;
  }

  /** One attempt under way: end it with {@link #failed} or {@link #succeeded}; closing it otherwise counts nothing. */
  public final class Attempt implements AutoCloseable {
    private final @Nullable String accountKey;
    private final String addressKey;
    private boolean ended;

    private Attempt(@Nullable String accountKey, String addressKey) {
      this.accountKey = accountKey;
      this.addressKey = addressKey;
    }

    /** The credential was wrong (or the account unknown): counted against the account and the address. */
    public void failed() {
      end(Outcome.FAILED);
    }

    /** The credential was right: the account's counter is forgotten. */
    public void succeeded() {
      end(Outcome.SUCCEEDED);
    }

    /** Ends the attempt without an outcome (the request was refused for another reason) if it has none yet. */
    @Override
    public void close() {
      end(Outcome.NONE);
    }

    private void end(Outcome outcome) {
      if (ended) {
        return;
      }
      ended = true;
      finish(this, outcome);
    }
  }

  private enum Outcome { FAILED, SUCCEEDED, NONE }

  /**
   * Runs {@code proof} as one attempt on the account (the login as the client gave it) from the address (the
   * caller's key, {@code RateLimits.Caller.address(ip).key()}), refused at once while either waits. The proof
   * failing with a wrong credential ({@link #wrongCredential}) is counted; returning is a success; any other
   * exception counts nothing.
   */
  public <T> T attempt(String account, String address, Supplier<T> proof) {
    return run(begin(account, address), proof);
  }

  /** As {@link #attempt}, for a credential that names no account (a link's token): counted by address only. */
  public <T> T attemptFrom(String address, Supplier<T> proof) {
    return run(beginFrom(address), proof);
  }

  /** Starts an attempt on the account from the address; refused while either waits. */
  public Attempt begin(String account, String address) {
    return start(accountKey(account), address);
  }

  /** Starts an attempt that names no account, from the address; refused while the address waits. */
  public Attempt beginFrom(String address) {
    return start(null, address);
  }

  /**
   * Whether an error says the credential was wrong: refused credentials, an unknown account, an unknown or
   * wrong code or token. Validation errors and the like are not guesses.
   */
  public static boolean wrongCredential(AtriumException e) {
    return e instanceof AtriumException.Unauthenticated
        || e instanceof AtriumException.NotFound
            && (e.reason() == Reason.TOKEN_NOT_FOUND || e.reason() == Reason.USER_NOT_FOUND);
  }

  private <T> T run(Attempt attempt, Supplier<T> proof) {
    // Not try-with-resources: it would close the attempt before the catch could count the failure.
    try {
      T result = proof.get();
      attempt.succeeded();
      return result;
    } catch (AtriumException e) {
      if (wrongCredential(e)) {
        attempt.failed();
      }
      throw e;
    } finally {
      attempt.close();
    }
  }

  private Attempt start(@Nullable String accountKey, String address) {
    String addressKey = bounded(address);
    Instant now = clock.instant();
    Duration wait;
    synchronized (counters) {
      Counter byAddress = current(addressKey, now);
      wait = remaining(byAddress, now);
      Counter byAccount = accountKey == null ? Counter.FRESH : current(accountKey, now);
      if (accountKey != null) {
        Duration accountWait = remaining(byAccount, now);
        // Attempts in flight count as failures: a burst of parallel guesses gets no more tries than a sequence.
        Duration pending = limits.waitAfter(byAccount.failures() + byAccount.inFlight(), limits.account());
        if (byAccount.inFlight() > 0 && pending.compareTo(accountWait) > 0) {
          accountWait = pending;
        }
        wait = wait.compareTo(accountWait) >= 0 ? wait : accountWait;
      }
      if (wait.isZero()) {
        put(addressKey, inFlight(byAddress, 1));
        if (accountKey != null) {
          put(accountKey, inFlight(byAccount, 1));
        }
      }
    }
    if (!wait.isZero()) {
      throw refused(wait);
    }
    return new Attempt(accountKey, addressKey);
  }

  private void finish(Attempt attempt, Outcome outcome) {
    Instant now = clock.instant();
    List<AuditEntry> waits = new ArrayList<>(2);
    synchronized (counters) {
      String accountKey = attempt.accountKey;
      if (accountKey != null) {
        Counter counter = inFlight(current(accountKey, now), -1);
        put(accountKey, switch (outcome) {
          case FAILED -> failed(accountKey, counter, limits.account(), now, waits);
          case SUCCEEDED -> new Counter(0, counter.inFlight(), Instant.MIN, Instant.MIN);
          case NONE -> counter;
        });
      }
      Counter counter = inFlight(current(attempt.addressKey, now), -1);
      put(attempt.addressKey, outcome == Outcome.FAILED
          ? failed(attempt.addressKey, counter, limits.address(), now, waits) : counter);
    }
    if (!waits.isEmpty()) {
      tx.run(() -> waits.forEach(audit::append));
    }
  }

  private Counter failed(String key, Counter counter, int threshold, Instant now, List<AuditEntry> waits) {
    int failures = counter.failures() + 1;
    Duration wait = limits.waitAfter(failures, threshold);
    if (wait.isZero()) {
      return new Counter(failures, counter.inFlight(), counter.waitUntil(), now);
    }
    waits.add(new AuditEntry(0, "login.wait", key, null, new WaitStarted(failures, wait.toSeconds()), now));
    return new Counter(failures, counter.inFlight(), now.plus(wait), now);
  }

  /** The key's counter, fresh if it was forgotten: {@code forget} after its last failure and its wait. */
  private Counter current(String key, Instant now) {
    Counter counter = counters.get(key);
    if (counter == null) {
      return Counter.FRESH;
    }
    Instant last = counter.waitUntil().isAfter(counter.lastFailure()) ? counter.waitUntil() : counter.lastFailure();
    if (counter.failures() > 0 && !now.isBefore(last.plus(limits.forget()))) {
      return new Counter(0, counter.inFlight(), Instant.MIN, Instant.MIN);
    }
    return counter;
  }

  private void put(String key, Counter counter) {
    if (counter.fresh()) {
      counters.remove(key);
    } else {
      counters.put(key, counter);
    }
  }

  private static Counter inFlight(Counter counter, int change) {
    return new Counter(counter.failures(), Math.max(0, counter.inFlight() + change), counter.waitUntil(),
        counter.lastFailure());
  }

  private static Duration remaining(Counter counter, Instant now) {
    return counter.waitUntil().isAfter(now) ? Duration.between(now, counter.waitUntil()) : Duration.ZERO;
  }

  private static AtriumException.TooManyRequests refused(Duration wait) {
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    return new AtriumException.TooManyRequests("Too many failed attempts: try again in " + seconds
        + (seconds == 1 ? " second" : " seconds"), wait);
  }

  /** The account's key: its login ignoring case and surrounding blanks, so every spelling counts as one. */
  private static String accountKey(String account) {
    return bounded("account " + account.strip().toLowerCase(Locale.ROOT));
  }

  /** A key short enough for the audit log's target; a longer one is known by its hash. */
  private static String bounded(String key) {
    return key.length() <= MAX_KEY ? key : "sha256 " + Sessions.hash(key);
  }
}
