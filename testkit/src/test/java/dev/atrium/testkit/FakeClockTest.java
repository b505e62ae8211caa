package dev.atrium.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FakeClockTest {

  @Test
  void standsStillUntilAdvanced() {
    FakeClock clock = new FakeClock();
    assertThat(clock.instant()).isEqualTo(FakeClock.START).isEqualTo(clock.instant());
    assertThat(clock.advance(Duration.ofMinutes(3))).isEqualTo(FakeClock.START.plusSeconds(180));
    assertThat(clock.instant()).isEqualTo(FakeClock.START.plusSeconds(180));
  }

  @Test
  void keepsWholeMilliseconds_asTheStoresDo() {
    FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00.123456789Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
    assertThat(clock.advance(Duration.ofNanos(1_999_999))).isEqualTo(Instant.parse("2030-01-01T00:00:00.124Z"));
  }

  @Test
  void set_movesEitherWay() {
    FakeClock clock = new FakeClock();
    clock.set(Instant.EPOCH);
    assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void advance_negative_isRefused() {
    assertThatThrownBy(() -> new FakeClock().advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a clock advances by a duration that is not negative, got PT-1S");
  }
}
