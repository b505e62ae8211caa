package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.http.RateLimits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ATRIUM_RATE_LIMITS} (flag {@code --rate-limits}): the rate of each route class, and
 * {@code ATRIUM_TRUST_FORWARDED} (flag {@code --trust-forwarded}): whose address counts.
 */
class RateLimitsConfigTest {
  private static String limits(String value) {
    return Config.from(Map.of("ATRIUM_RATE_LIMITS", value)).rateLimits().toString();
  }

  @Test
  void the_defaults_limit_every_class_and_trust_no_proxy() {
    Config config = Config.from(Map.of());
    assertThat(config.rateLimits()).isEqualTo(RateLimits.Policy.DEFAULT);
    assertThat(config.rateLimits())
        .hasToString("auth=1200/1m,write=1200/1m,read=6000/1m,socket=1200/1m,route=10/1m");
    assertThat(config.trustForwarded()).isFalse();
  }

  @Test
  void off_switches_every_class_off() {
    assertThat(Config.from(Map.of("ATRIUM_RATE_LIMITS", "off")).rateLimits().off()).isTrue();
    assertThat(limits(" OFF ")).isEqualTo("off");
  }

  @Test
  void each_pair_sets_one_class_and_the_others_keep_their_default() {
    assertThat(limits("auth=30/1m, write=off"))
        .isEqualTo("auth=30/1m,write=off,read=6000/1m,socket=1200/1m,route=10/1m");
    assertThat(limits("READ=10/s,socket=5/90s,auth=100/60m,write=7/2h"))
        .isEqualTo("auth=100/1h,write=7/2h,read=10/1s,socket=5/90s,route=10/1m");
    assertThat(limits("auth=off,write=off,read=off,socket=off,route=off")).isEqualTo("off");
  }

  @Test
  void a_value_that_is_no_policy_stops_the_start_saying_what_is_wrong() {
    String noPair = "must be off, or class=rate pairs separated by commas such as auth=30/1m,write=off; ";
    String rate = "': a rate is requests/period, 1 to 1000000 requests per 1s to 24h (30/1m, 5/10s, 1000/1h), or off";
    Map<String, String> cases = Map.of(
        "auth=30", "gives auth '30" + rate,
        "auth=0/1m", "gives auth '0/1m" + rate,
        "write=1/25h", "gives write '1/25h" + rate,
        "read=2000000/1h", "gives read '2000000/1h" + rate,
        "socket=1/0s", "gives socket '1/0s" + rate,
        "login=3/1m", "names the class 'login'; the classes are auth, write, read, socket, route",
        "auth=1/1m,AUTH=2/1m", "names auth twice",
        "fast", noPair + "'fast' is no pair",
        "auth=1/1m,", noPair + "'' is no pair");
    cases.forEach((bad, message) -> assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_RATE_LIMITS", bad)))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_RATE_LIMITS " + message + ", got '" + bad + "'"));
  }

  @Test
  void trust_forwarded_is_true_or_false() {
    assertThat(Config.from(Map.of("ATRIUM_TRUST_FORWARDED", "true")).trustForwarded()).isTrue();
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_TRUST_FORWARDED", "yes")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_TRUST_FORWARDED must be true or false, got 'yes'");
  }

  @Test
  void the_flags_override_the_environment_and_are_named_in_messages() {
    Main main = new Main(Map.of("ATRIUM_RATE_LIMITS", "off"));
    Main.commandLine(main).parseArgs("--rate-limits", "auth=5/1m", "--trust-forwarded", "true");
    assertThat(main.config().rateLimits())
        .hasToString("auth=5/1m,write=1200/1m,read=6000/1m,socket=1200/1m,route=10/1m");
    assertThat(main.config().trustForwarded()).isTrue();

    assertThatThrownBy(() -> Config.from(Map.of(), null, Map.of(Setting.RATE_LIMITS, "auth=5")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("--rate-limits gives auth '5" + "': a rate is requests/period, 1 to 1000000 requests per 1s to"
            + " 24h (30/1m, 5/10s, 1000/1h), or off, got 'auth=5'");
  }
}
