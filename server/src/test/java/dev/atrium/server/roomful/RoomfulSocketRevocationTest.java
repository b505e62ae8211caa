package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.atrium.server.Mails;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What ends a session ends its sockets, whichever dialect ended it: a Symphony administrator disabling the user,
 * a password changed over a socket (the other sessions end) or restored with a mailed code (all of them), a
 * Symphony logout or a Roomful signout (that session only). Real socket.io-client 2.5.0 and 4.x sockets; the
 * sockets of sessions that live on, and of other users, stay open and keep working.
 */
class RoomfulSocketRevocationTest {
  @RegisterExtension
  @Order(1)
  static final GreenMailExtension SMTP = new GreenMailExtension(Mails.loopback()).withPerMethodLifecycle(false);
  @RegisterExtension
  @Order(2)
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(() -> Mails.settings(SMTP), InstantSource.system());

  /** A person's sockets on two sessions: {@code first} (v2 and v4) and {@code second} (v4 and v2). */
  record Devices(Account person, String secondToken, List<String> first, List<String> second) {
    List<String> all() {
      return Stream.concat(first.stream(), second.stream()).toList();
    }
  }

  static Devices devices(String name) {
    Account p = f.person(name);
    String second = f.signin(p);
    List<String> first = List.of(f.connect(p.token(), 2), f.connect(p.token(), 4));
    return new Devices(p, second, first, List.of(f.connect(second, 4), f.connect(second, 2)));
  }

  /** The sockets are open and answer: a method call on each succeeds. */
  static void stillServed(List<String> socks) {
    socks.forEach(f::assertAlive);
  }

  static void unauthorized(String token) {
    f.rpc(token).post("/api/v0/rpc/user.info").then().statusCode(401);
  }

  @Test
  void a_user_disabled_through_symphony_loses_every_socket_and_reconnects_only_as_anonymous() {
    Devices ann = devices("Ann");
    Devices bob = devices("Bob");

    f.admin().body(Map.of("status", "DISABLED")).post("/pod/v1/admin/user/" + ann.person().id() + "/status/update")
        .then().statusCode(200);
    f.assertClosedByServer(ann.all());
    stillServed(bob.all());
    unauthorized(ann.person().token());
    unauthorized(ann.secondToken());

    // The old session opens no door: the socket connects as anonymous and is never told user_info.
    for (int version : RoomfulSocketFixture.VERSIONS) {
      String sock = f.connectAnonymous(Map.of("sessionId", ann.person().token()), version);
      JsonNode anonymous = f.anonymousConnection(sock);
      assertThat(anonymous.path("data").path("isAnonymous").asBoolean()).isTrue();
      assertThat(f.call(sock, "user:getUserParams", Map.of()).path("error").path("code").asInt()).isEqualTo(401);
      assertThat(f.names(sock)).containsExactly("anonymousConnection");
    }
    // Enabling the user again does not bring the revoked sessions back.
    f.admin().body(Map.of("status", "ENABLED")).post("/pod/v1/admin/user/" + ann.person().id() + "/status/update")
        .then().statusCode(200);
    unauthorized(ann.person().token());
  }

  @Test
  void a_password_changed_over_a_socket_closes_the_sockets_of_the_other_sessions_only() {
    Devices ann = devices("Ann");
    Devices bob = devices("Bob");

    assertOk(f.call(ann.first().getFirst(), "user:changePassword", Map.of("password", ann.person().password(),
        "newPassword", "a-new-password-2")));
    f.assertClosedByServer(ann.second());
    unauthorized(ann.secondToken());
    // The session that changed it lives on, and its sockets hear the user changed.
    for (String sock : ann.first()) {
      f.await(sock, "user:update", 1);
    }
    stillServed(ann.first());
    f.rpc(ann.person().token()).post("/api/v0/rpc/user.info").then().statusCode(200);
    stillServed(bob.all());
    f.signin(ann.person().email(), "a-new-password-2");
  }

  @Test
  void a_password_restored_with_the_mailed_code_closes_every_socket_of_the_user() {
    Devices ann = devices("Ann");
    Devices bob = devices("Bob");
    String email = ann.person().email();

    f.http().body(Map.of("email", email)).post("/api/v1/auth/sendRestorePasswordCode").then().statusCode(200);
    String code = Mails.code(Mails.awaitNth(SMTP, email, 1));
    f.http().body(Map.of("email", email, "code", code, "password", "restored-password-3"))
        .post("/api/v1/auth/restorePasswordByCode").then().statusCode(200);

    f.assertClosedByServer(ann.all());
    unauthorized(ann.person().token());
    unauthorized(ann.secondToken());
    stillServed(bob.all());
    f.signin(email, "restored-password-3");
  }

  @Test
  void a_symphony_logout_and_a_roomful_signout_close_the_sockets_of_that_session_only() {
    Devices ann = devices("Ann");

    f.pod(ann.person().token()).post("/sessionauth/v1/logout").then().statusCode(200);
    f.assertClosedByServer(ann.first());
    stillServed(ann.second());

    f.rpc(ann.secondToken()).post("/api/v1/auth/signout").then().statusCode(200);
    f.assertClosedByServer(ann.second());
  }
}
