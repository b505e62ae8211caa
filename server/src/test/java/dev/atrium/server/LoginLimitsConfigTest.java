package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.session.LoginGuard;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ATRIUM_LOGIN_LIMITS} (flag {@code --login-limits}): when failed logins start to wait and how the waits
 * grow; {@code ATRIUM_HASH_THREADS} (flag {@code --hash-threads}): the threads that hash passwords.
 */
class LoginLimitsConfigTest {
  private static LoginGuard.Limits limits(String value) {
    return Config.from(Map.of("ATRIUM_LOGIN_LIMITS", value)).loginLimits();
  }

  @Test
  void the_defaults_are_rocket_chats_thresholds_and_a_thread_per_core() {
    Config config = Config.from(Map.of());
    assertThat(config.loginLimits()).isEqualTo(LoginGuard.Limits.DEFAULT)
        .isEqualTo(new LoginGuard.Limits(10, 50, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1)));
    assertThat(config.loginLimits()).hasToString("account=10,address=50,first-wait=1s,max-wait=900s,forget=3600s");
    assertThat(config.hashThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void each_pair_sets_one_value_and_the_others_keep_their_default() {
    assertThat(limits("account=5, ADDRESS=200")).isEqualTo(new LoginGuard.Limits(5, 200, Duration.ofSeconds(1),
        Duration.ofMinutes(15), Duration.ofHours(1)));
    assertThat(limits("first-wait=2s,max-wait=1h,forget=24h")).isEqualTo(new LoginGuard.Limits(10, 50,
        Duration.ofSeconds(2), Duration.ofHours(1), Duration.ofHours(24)));
    assertThat(limits("max-wait=90S")).extracting(LoginGuard.Limits::maxWait).isEqualTo(Duration.ofSeconds(90));
    assertThat(Config.from(Map.of("ATRIUM_HASH_THREADS", "3")).hashThreads()).isEqualTo(3);
  }

  @Test
  void a_value_that_is_no_limits_stops_the_start_saying_what_is_wrong() {
    String noPair = "must be name=value pairs separated by commas such as account=10,address=50,max-wait=15m; ";
    Map<String, String> cases = Map.ofEntries(
        Map.entry("off", noPair + "'off' is no pair"),
        Map.entry("account=10,", noPair + "'' is no pair"),
        Map.entry("account=0", "account and address are 1 to 1000000 failures"),
        Map.entry("address=ten", "gives address 'ten': a number of failures, 1 to 1000000"),
        Map.entry("account=2000000", "account and address are 1 to 1000000 failures"),
        Map.entry("max-wait=15", "gives max-wait '15': a duration such as 1s, 15m or 1h"),
        Map.entry("first-wait=0s", "first-wait is at least 1s, and max-wait from first-wait to 24h"),
        Map.entry("first-wait=1m,max-wait=30s", "first-wait is at least 1s, and max-wait from first-wait to 24h"),
        Map.entry("max-wait=25h", "first-wait is at least 1s, and max-wait from first-wait to 24h"),
        Map.entry("forget=1m", "forget is from max-wait to 168h"),
        Map.entry("account=1,account=2", "names account twice"),
        Map.entry("user=3", "names 'user'; the names are account, address, first-wait, max-wait and forget"));
    cases.forEach((bad, message) -> assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_LOGIN_LIMITS", bad)))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_LOGIN_LIMITS " + message + ", got '" + bad + "'"));
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_HASH_THREADS", "0")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_HASH_THREADS must be an integer from 1 to 256, got '0'");
  }

  @Test
  void the_rate_limits_switched_off_leave_the_login_limits_as_they_are() {
    Config config = Config.from(Map.of("ATRIUM_RATE_LIMITS", "off", "ATRIUM_LOGIN_LIMITS", "account=3"));
    assertThat(config.rateLimits().off()).isTrue();
    assertThat(config.loginLimits().account()).isEqualTo(3);
  }
}
