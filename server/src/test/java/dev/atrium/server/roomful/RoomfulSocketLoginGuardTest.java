package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.assertEmptyOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import dev.atrium.testkit.FakeClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Login protection on the socket ({@code ATRIUM_LOGIN_LIMITS=account=2}, rate limits off, a clock only the test
 * moves): the password guesses of {@code user:mergeByEmail} and {@code user:changePassword} count as logins do,
 * and a call during a wait is answered with Roomful's error ack (705) and runs nothing, a right password included.
 */
class RoomfulSocketLoginGuardTest {
  static final FakeClock CLOCK = new FakeClock();
  static final String WAIT = "Too many failed attempts: try again in 1 second";

  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(
      () -> Map.of("ATRIUM_LOGIN_LIMITS", "account=2,address=1000", "ATRIUM_RATE_LIMITS", "off"), CLOCK);

  @BothVersions
  void mergeByEmail_guesses_wait_after_the_accounts_limit_and_the_wait_ends(int version) {
    Account ann = f.signup("guard-into");
    Account old = f.signup("guard-from");
    String sock = f.connect(ann.token(), version);
    for (int i = 0; i < 2; i++) {
      assertError(f.call(sock, "user:mergeByEmail", map("email", old.email(), "password", "guess-" + i)), 403,
          "Invalid email or password");
    }
    assertError(f.call(sock, "user:mergeByEmail", map("email", old.email(), "password", old.password())), 705, WAIT);
    assertThat(f.user(old.id()).enabled()).isTrue();
    // the account's sign-in waits too: one account, however its password is presented
    assertThat(f.signinResponse(old.email(), old.password()).statusCode()).isEqualTo(429);

    CLOCK.advance(Duration.ofSeconds(1));
    assertEmptyOk(f.call(sock, "user:mergeByEmail", map("email", old.email(), "password", old.password())));
    assertThat(f.user(old.id()).enabled()).isFalse();
  }

  @BothVersions
  void changePassword_guesses_at_the_current_password_wait_too(int version) {
    Account ann = f.signup("guard-change");
    String sock = f.connect(ann.token(), version);
    for (int i = 0; i < 2; i++) {
      assertError(f.call(sock, "user:changePassword", map("password", "guess-" + i, "newPassword",
          "brand-new-password")), 403, "The current password is not correct");
    }
    assertError(f.call(sock, "user:changePassword", map("password", ann.password(), "newPassword",
        "brand-new-password")), 705, WAIT);
    f.signin(ann);

    CLOCK.advance(Duration.ofSeconds(1));
    assertEmptyOk(f.call(sock, "user:changePassword", map("password", ann.password(), "newPassword",
        "brand-new-password")));
  }
}
