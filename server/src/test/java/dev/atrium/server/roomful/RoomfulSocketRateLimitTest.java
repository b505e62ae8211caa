package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.otherVersion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import dev.atrium.testkit.FakeClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code socket} rate limit ({@code ATRIUM_RATE_LIMITS=socket=2/1h}, a clock only the test moves): every
 * {@code user:*} call counts against its user, whichever socket or session it comes on, or against the socket
 * itself when it has no user; a call over the rate is answered with Roomful's error ack (705) and runs nothing.
 * Opening a socket is no request of a class: with one read an hour, every test still connects several.
 */
class RoomfulSocketRateLimitTest {
  static final FakeClock CLOCK = new FakeClock();
  static final String WAIT = "Too many requests: try again in 1800 seconds";

  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(
      () -> Map.of("ATRIUM_RATE_LIMITS", "socket=2/1h,read=1/1h"), CLOCK);

  int collision(Account account) {
    return f.freshInfo(account.token()).path("userSettings").path("objectCollision").asInt();
  }

  @BothVersions
  void a_call_over_the_users_rate_gets_the_error_ack_and_runs_nothing(int version) {
    Account ann = f.signup("limited");
    String sock = f.connect(ann.token(), version);
    assertOk(f.call(sock, "user:setCollisionSettings", Map.of("objectCollision", 1)));
    assertOk(f.call(sock, "user:listZAddresses"));

    assertError(f.call(sock, "user:setCollisionSettings", Map.of("objectCollision", 2), "retry-" + version), 705,
        WAIT);
    assertThat(collision(ann)).isEqualTo(1);
    // the user's other sockets, on another session too, share the user's rate
    String other = f.connect(f.signin(ann), otherVersion(version));
    assertError(f.call(other, "user:listZAddresses"), 705, WAIT);
    // another user's are untouched
    Account bob = f.signup("unlimited");
    assertOk(f.call(f.connect(bob.token(), version), "user:listZAddresses"));

    // the refusal is not kept as the reply of its event id: once the wait is over, the retry runs
    CLOCK.advance(Duration.ofMinutes(30));
    assertOk(f.call(sock, "user:setCollisionSettings", Map.of("objectCollision", 2), "retry-" + version));
    assertThat(collision(ann)).isEqualTo(2);
  }

  @BothVersions
  void an_anonymous_socket_counts_on_its_own(int version) {
    String sock = f.connectAnonymous(Map.of(), version);
    for (int i = 0; i < 2; i++) {
      assertError(f.call(sock, "user:listZAddresses"), 401, "Unauthorized: this socket has no session");
    }
    assertError(f.call(sock, "user:listZAddresses"), 705, WAIT);
    String another = f.connectAnonymous(Map.of(), version);
    assertError(f.call(another, "user:listZAddresses"), 401, "Unauthorized: this socket has no session");
  }
}
