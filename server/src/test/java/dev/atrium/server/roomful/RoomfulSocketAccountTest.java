package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.WAIT;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertEmptyOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.map;
import static dev.atrium.server.roomful.RoomfulSocketFixture.otherVersion;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.atrium.core.account.EmailVerification;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.server.Mails;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import dev.atrium.testkit.FakeClock;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The account methods of the socket: {@code changePassword} (other sessions revoked and their sockets closed),
 * {@code changeEmail} and {@code sendUserEmailVerificationToken} (real mail through GreenMail, the link verifies),
 * and {@code disable} (the reply, then every socket of the user closes). The clock is a fake one the test moves.
 */
class RoomfulSocketAccountTest {
  @RegisterExtension
  @Order(1)
  static final GreenMailExtension SMTP = new GreenMailExtension(Mails.loopback()).withPerMethodLifecycle(false);
  static final FakeClock CLOCK = new FakeClock();
  @RegisterExtension
  @Order(2)
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(() -> Mails.settings(SMTP), CLOCK);

  // ---- changePassword

  @Test
  void changePassword_refuses_a_wrong_current_password_or_a_bad_new_one_and_changes_nothing() {
    Account ann = f.signup("pwbad");
    String other = f.signin(ann);
    String sock = f.connect(ann.token(), 2);
    String otherSock = f.connect(other, 4);

    assertError(f.call(sock, "user:changePassword", map("password", "not-the-password", "newPassword",
        "brand-new-password")), 403, "The current password is not correct");
    assertError(f.call(sock, "user:changePassword", map("newPassword", "brand-new-password")), 400,
        "password is required");
    assertError(f.call(sock, "user:changePassword", map("password", ann.password())), 400,
        "newPassword is required");
    assertError(f.call(sock, "user:changePassword", map("password", ann.password(), "newPassword", "short")), 400,
        "Password must be at least 8 characters long");
    assertError(f.call(sock, "user:changePassword", map("password", ann.password(), "newPassword",
        "x".repeat(257))), 400, "Password must be at most 256 characters long");
    assertError(f.call(sock, "user:changePassword", map("password", ann.password(), "newPassword",
        ann.password())), 400, "The new password must differ from the current one");
    assertError(f.call(sock, "user:changePassword", map("password", ann.password(), "newPassword", 12345678)),
        400, "Field 'newPassword' has the wrong type; expected a string");

    // nothing changed: the old password signs in, the new ones do not, every session and socket lives
    f.signin(ann);
    f.assertSigninRefused(ann.email(), "brand-new-password");
    assertThat(f.sessionLive(other)).isTrue();
    f.assertAlive(sock);
    f.assertAlive(otherSock);
  }

  @BothVersions
  void changePassword_revokes_the_user_s_other_sessions_and_closes_their_sockets_only(int version) {
    Account ann = f.signup("pw");
    Account bob = f.signup("pwbob");
    String second = f.signin(ann);
    String third = f.signin(ann);
    String caller = f.connect(ann.token(), version);
    String sameSession = f.connect(ann.token(), otherVersion(version));
    String secondSock = f.connect(second, version);
    String thirdSock = f.connect(third, otherVersion(version));
    String bobSock = f.connect(bob.token(), version);

    assertEmptyOk(f.call(caller, "user:changePassword", map("password", ann.password(), "newPassword",
        "the-new-password-1")));
    f.assertClosedByServer(secondSock, thirdSock);
    assertThat(f.sessionLive(second)).isFalse();
    assertThat(f.sessionLive(third)).isFalse();

    // the caller's session stays, with every socket it has
    assertThat(f.sessionLive(ann.token())).isTrue();
    f.assertAlive(caller);
    f.assertAlive(sameSession);
    f.assertAlive(bobSock);
    assertThat(f.sessionLive(bob.token())).isTrue();

    // a revoked session reconnects as anonymous
    String again = f.connectAnonymous(Map.of("sessionId", second), version);
    assertError(f.call(again, "user:listZAddresses"), 401, RoomfulSocketConnectTest.UNAUTHORIZED);

    // the new password signs in, the old one no longer does
    String fresh = f.signin(ann.email(), "the-new-password-1");
    assertThat(f.info(fresh).path("id").asText()).isEqualTo(ann.idText());
    f.assertSigninRefused(ann.email(), ann.password());
  }

  // ---- email

  @Test
  void changeEmail_mails_a_link_to_the_new_address_that_verifies_it() {
    Account ann = f.signup("mail");
    String sock = f.connect(ann.token(), 2);
    String watcher = f.connect(ann.token(), 4);
    String address = RoomfulSocketFixture.uniqueEmail("newmail");

    assertEmptyOk(f.call(sock, "user:changeEmail", map("email", address)));
    assertThat(f.info(ann.token()).path("email").asText()).isEqualTo(address);
    assertThat(f.services().users().byEmail(ann.email())).isEmpty();
    JsonNode unverified = f.freshInfo(ann.token()).path("user");
    assertThat(unverified.path("email").asText()).isEqualTo(address);
    assertThat(unverified.path("emailVerified").asBoolean()).isFalse();
    // the new address signs in with the same password
    f.signin(address, ann.password());

    MimeMessage mail = Mails.awaitNth(SMTP, address, 1);
    assertThat(Mails.to(SMTP, ann.email())).isEmpty();
    given().get(Mails.link(mail)).then().statusCode(200);
    assertThat(f.freshInfo(ann.token()).path("user").path("emailVerified").asBoolean()).isTrue();
    // the open socket heard it too
    await().atMost(WAIT).until(() -> f.events(watcher, "user:update").stream()
        .anyMatch(u -> u.path("data").path("user").path("emailVerified").asBoolean()));
    assertThat(f.http().body(Map.of("email", address)).post("/api/v1/auth/isEmailVerified")
        .<Boolean>path("data.isVerified")).isTrue();

    // the same address in other case: changed, still verified, no mail
    String upper = address.toUpperCase(Locale.ROOT);
    assertEmptyOk(f.call(sock, "user:changeEmail", map("email", upper)));
    JsonNode cased = f.freshInfo(ann.token()).path("user");
    assertThat(cased.path("email").asText()).isEqualTo(upper);
    assertThat(cased.path("emailVerified").asBoolean()).isTrue();
    f.client.sync();
    assertThat(Mails.to(SMTP, address)).hasSize(1);
  }

  @Test
  void changeEmail_refuses_a_missing_invalid_or_taken_address_and_changes_nothing() {
    Account ann = f.signup("mailbad");
    Account bob = f.signup("mailbob");
    String sock = f.connect(ann.token(), 2);
    JsonNode before = f.info(ann.token());

    assertError(f.call(sock, "user:changeEmail", map()), 400, "email is required");
    assertError(f.call(sock, "user:changeEmail", map("email", "no-at-sign")), 400,
        "The email address is not valid: no-at-sign");
    assertError(f.call(sock, "user:changeEmail", map("email", 7)), 400,
        "Field 'email' has the wrong type; expected a string");
    assertError(f.call(sock, "user:changeEmail", map("email", "a".repeat(250) + "@x.io")), 400,
        "The email address must be at most 254 characters long");
    assertError(f.call(sock, "user:changeEmail", map("email", bob.email().toUpperCase(Locale.ROOT))), 409,
        "Email address " + bob.email().toUpperCase(Locale.ROOT) + " is already taken");
    assertThat(f.info(ann.token())).isEqualTo(before);
    assertThat(Mails.to(SMTP, bob.email())).isEmpty();

    // the address the user has: no change, no mail
    assertEmptyOk(f.call(sock, "user:changeEmail", map("email", ann.email())));
    assertThat(f.info(ann.token())).isEqualTo(before);
    assertThat(Mails.to(SMTP, ann.email())).isEmpty();
  }

  @Test
  void sendUserEmailVerificationToken_mails_the_user_s_own_address_at_most_once_a_minute() throws Exception {
    Account ann = f.signup("sendtoken");
    String sock = f.connect(ann.token(), 2);

    assertEmptyOk(f.call(sock, "user:sendUserEmailVerificationToken"));
    MimeMessage first = Mails.awaitNth(SMTP, ann.email(), 1);
    assertThat(first.getSubject()).isEqualTo("Verify your email address");
    assertError(f.call(sock, "user:sendUserEmailVerificationToken"), 705, EmailVerification.TOO_FREQUENT);

    CLOCK.advance(EmailVerification.REQUEST_INTERVAL);
    assertEmptyOk(f.call(sock, "user:sendUserEmailVerificationToken", map()));
    MimeMessage second = Mails.awaitNth(SMTP, ann.email(), 2);
    // the newer link replaces the older one
    given().get(Mails.link(first)).then().statusCode(404).body("error.code", equalTo(1051));
    assertThat(f.freshInfo(ann.token()).path("user").path("emailVerified").asBoolean()).isFalse();
    given().get(Mails.link(second)).then().statusCode(200);
    assertThat(f.freshInfo(ann.token()).path("user").path("emailVerified").asBoolean()).isTrue();

    CLOCK.advance(EmailVerification.REQUEST_INTERVAL);
    assertError(f.call(sock, "user:sendUserEmailVerificationToken"), 409,
        "Email address " + ann.email() + " is already verified");
    f.client.sync();
    assertThat(Mails.to(SMTP, ann.email())).hasSize(2);
  }

  @Test
  void sendUserEmailVerificationToken_refuses_a_user_without_an_address() {
    Account ann = f.signup("sendnone");
    User persona = f.services().personas().create(ann.id(),
        Profile.EMPTY.withNames("No", "Mail"));
    String sock = f.connect(f.sessionOf(persona), 4);
    assertError(f.call(sock, "user:sendUserEmailVerificationToken"), 400, "The user has no email address to verify");
    f.assertAlive(sock);
  }

  // ---- session expiry

  @Test
  void a_socket_whose_session_expired_may_call_nothing_and_is_closed() {
    Account ann = f.signup("expiry");
    String sock = f.connect(ann.token(), 2);
    String other = f.connect(ann.token(), 4);
    f.assertAlive(sock);

    CLOCK.advance(Duration.ofHours(336));
    assertThat(f.sessionLive(ann.token())).isFalse();
    assertError(f.call(sock, "user:setZAddress", map("zAddress", "zs1expired" + ann.id())), 401,
        "Unauthorized: the session has ended");
    f.assertClosedByServer(sock);
    assertThat(f.services().profiles().zAddresses(ann.id())).isEmpty();
    assertError(f.call(other, "user:listZAddresses"), 401, "Unauthorized: the session has ended");
    f.assertClosedByServer(other);
  }

  // ---- disable

  /** How many users the Symphony user search finds for the query. */
  private int searchCount(String query) {
    return f.admin().body(Map.of("query", query)).post("/pod/v1/user/search").then().statusCode(200)
        .extract().path("count");
  }

  @Test
  void disable_replies_then_closes_every_socket_of_the_user_and_sign_in_is_refused() {
    Account ann = f.signup("disable");
    Account bob = f.signup("disablebob");
    String second = f.signin(ann);
    String caller = f.connect(ann.token(), 2);
    String sameSession = f.connect(ann.token(), 4);
    String secondSock = f.connect(second, 2);
    String bobSock = f.connect(bob.token(), 4);
    assertThat(searchCount(ann.email())).isEqualTo(1);

    assertEmptyOk(f.call(caller, "user:disable"));
    f.assertClosedByServer(caller, sameSession, secondSock);
    // disabled users are left out of the search
    assertThat(searchCount(ann.email())).isZero();
    f.assertSigninRefused(ann.email(), ann.password());
    assertThat(f.sessionLive(ann.token())).isFalse();
    assertThat(f.sessionLive(second)).isFalse();
    assertThat(f.symphonyStatus(ann.id())).isEqualTo("DISABLED");
    String again = f.connectAnonymous(Map.of("sessionId", ann.token()), 2);
    assertError(f.call(again, "user:disable"), 401, RoomfulSocketConnectTest.UNAUTHORIZED);

    // another user's params no longer show the disabled one
    assertError(f.call(bobSock, "user:getUserParams", map("targetUser", ann.idText())), 404,
        "User " + ann.id() + " not found");
    f.assertAlive(bobSock);
  }

  @Test
  void the_reply_to_disable_arrives_even_with_many_sockets_of_the_user_open() {
    Account ann = f.signup("disablemany");
    List<String> socks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      socks.add(f.connect(ann.token(), i % 2 == 0 ? 2 : 4));
    }
    assertEmptyOk(f.call(socks.get(3), "user:disable", map(), "disable-1"));
    f.assertClosedByServer(socks);
    assertThat(f.symphonyStatus(ann.id())).isEqualTo("DISABLED");
  }
}
