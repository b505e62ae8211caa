package dev.atrium.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it. It keeps whole milliseconds, as the stores do, so an
 * instant read back from a database equals the one the clock gave.
 */
public final class FakeClock implements InstantSource {
  /** Where a clock made without an instant starts. */
  public static final Instant START = Instant.parse("2025-01-15T09:30:00Z");

  private final AtomicReference<Instant> now;

  public FakeClock() {
    this(START);
  }

  public FakeClock(Instant start) {
    this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MILLIS));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Moves the clock forward and returns the new instant. */
  public Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock advances by a duration that is not negative, got " + by);
    }
    return now.updateAndGet(t -> t.plus(by).truncatedTo(ChronoUnit.MILLIS));
  }

  /** Sets the clock to the instant, earlier or later. */
  public void set(Instant instant) {
    now.set(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
