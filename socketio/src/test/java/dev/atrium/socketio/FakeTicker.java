package dev.atrium.socketio;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that stands still until the test moves it. */
final class FakeTicker implements Ticker {
  /** Any origin will do; a large one shows that nothing takes a reading of 0 to mean "never". */
  private final AtomicLong nanos = new AtomicLong(Duration.ofDays(3).toNanos());

  @Override
  public long read() {
    return nanos.get();
  }

  /** Moves the ticker forward and returns the new reading. */
  long advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a ticker advances by a duration that is not negative, got " + by);
    }
    return nanos.addAndGet(by.toNanos());
  }
}
