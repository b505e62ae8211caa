package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.map;

import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import dev.atrium.testkit.FakeClock;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Behind a trusted proxy ({@code ATRIUM_TRUST_FORWARDED=true}) a socket's password guesses count against the
 * client address the proxy forwarded when the socket opened, as an HTTP request's do ({@code address=2}).
 */
class RoomfulSocketForwardedGuardTest {
  static final FakeClock CLOCK = new FakeClock();

  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(() -> Map.of("ATRIUM_LOGIN_LIMITS",
      "account=1000,address=2", "ATRIUM_RATE_LIMITS", "off", "ATRIUM_TRUST_FORWARDED", "true"), CLOCK);

  @BothVersions
  void a_sockets_guesses_count_against_its_forwarded_address(int version) {
    Account ann = f.signup("forwarded");
    String client = "203.0.113." + version;
    String sock = f.connect(ann.token(), version, Map.of("X-Forwarded-For", client));
    for (int i = 0; i < 2; i++) {
      assertError(f.call(sock, "user:mergeByEmail", map("email", "guess" + i + "@guard.test", "password",
          "guess-password")), 403, "Invalid email or password");
    }
    assertError(f.call(sock, "user:mergeByEmail", map("email", "guess@guard.test", "password", "guess-password")),
        705, "Too many failed attempts: try again in 1 second");
    // the same user from another forwarded address is not held
    String elsewhere = f.connect(ann.token(), version, Map.of("X-Forwarded-For", "198.51.100." + version));
    assertError(f.call(elsewhere, "user:mergeByEmail", map("email", "guess@guard.test", "password",
        "guess-password")), 403, "Invalid email or password");
  }
}
