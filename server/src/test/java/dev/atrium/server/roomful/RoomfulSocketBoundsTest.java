package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sockets per session ({@code ATRIUM_SOCKETS_PER_SESSION=2}) and per user ({@code ATRIUM_SOCKETS_PER_USER=3}): the
 * socket that would pass a bound is refused at connect with a connect error that says which, the sockets already
 * open are untouched, and a socket closed makes room for another. Before the bounds, one session opened 2,000.
 */
class RoomfulSocketBoundsTest {
  static final String SESSION_FULL = "Too many sockets: a session may hold 2 at once";
  static final String USER_FULL = "Too many sockets: a user may hold 3 at once";

  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(
      () -> Map.of("ATRIUM_SOCKETS_PER_SESSION", "2", "ATRIUM_SOCKETS_PER_USER", "3"), InstantSource.system());

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** Tries to connect a socket with the session; the first report about it (connect, connect_error or error). */
  JsonNode tryConnect(String token, int version) {
    return f.client.tryConnect("bounds-" + version + "-" + SEQUENCE.incrementAndGet(), version, f.url(), Map.of("sessionId", token),
        Map.of());
  }

  /** socket.io-client 4.x reports a refusal as {@code connect_error} with its message, 2.x as an {@code error}. */
  static void assertRefused(JsonNode outcome, int version, String message) {
    if (version == 4) {
      assertThat(outcome.path("type").asText()).as("%s", outcome).isEqualTo("connect_error");
      assertThat(outcome.path("message").asText()).isEqualTo(message);
    } else {
      assertThat(outcome.path("type").asText()).as("%s", outcome).isEqualTo("error");
      assertThat(outcome.path("data").asText()).isEqualTo(message);
    }
  }

  @BothVersions
  void the_socket_over_the_sessions_bound_is_refused_and_a_closed_one_makes_room(int version) {
    Account ann = f.signup("bounded");
    String first = f.connect(ann.token(), version);
    String second = f.connect(ann.token(), RoomfulSocketFixture.otherVersion(version));

    assertRefused(tryConnect(ann.token(), version), version, SESSION_FULL);
    f.assertAlive(first);
    f.assertAlive(second);

    f.client.close(first);
    String third = f.connect(ann.token(), version);
    f.assertAlive(third);
    f.assertAlive(second);
  }

  @BothVersions
  void the_socket_over_the_users_bound_is_refused_whatever_its_session(int version) {
    Account bob = f.signup("bounded-user");
    List<String> open = List.of(f.connect(bob.token(), version), f.connect(bob.token(), version),
        f.connect(f.signin(bob), version));

    assertRefused(tryConnect(f.signin(bob), version), version, USER_FULL);
    assertRefused(tryConnect(bob.token(), version), version, USER_FULL);
    open.forEach(f::assertAlive);
    // another user is not held by Bob's bound
    Account cat = f.signup("unbounded");
    f.assertAlive(f.connect(cat.token(), version));
  }

  @Test
  void concurrent_connects_of_one_session_never_pass_its_bound() {
    Account dan = f.signup("burst");
    String prefix = "burst" + dan.id() + "-";
    // 40 handshakes in flight at once: each is counted while the user's entry is locked, so exactly 2 get in.
    assertThatThrownBy(() -> f.client.connectMany(prefix, 40, 4, f.url(), Map.of("sessionId", dan.token()), WAIT))
        .hasMessageStartingWith("38 of 40 sockets failed to connect");
    List<String> refusals = IntStream.range(0, 40).mapToObj(i -> f.client.reports(prefix + i).getFirst())
        .filter(r -> "connect_error".equals(r.path("type").asText())).map(r -> r.path("message").asText()).toList();
    assertThat(refusals).hasSize(38).containsOnly(SESSION_FULL);
    // the session's sockets are the two that got in: one more is still refused
    assertRefused(tryConnect(dan.token(), 4), 4, SESSION_FULL);
  }
}
