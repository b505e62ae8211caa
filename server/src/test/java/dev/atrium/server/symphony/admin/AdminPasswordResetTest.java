package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.mail.Outbox;
import dev.atrium.server.Golden;
import dev.atrium.server.Mails;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /pod/v1/admin/user/{uid}/action/password_reset}: the user gets a mail (through the outbox, to GreenMail)
 * with a code that sets a new password at Atrium's restore-by-code step; refusals send nothing and audit nothing.
 */
class AdminPasswordResetTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(Mails.loopback()).withPerMethodLifecycle(false);
  static final Map<String, String> EMAIL = Map.of("type", "EMAIL");

  static AdminFixture pod;

  @BeforeAll
  static void start() {
    pod = new AdminFixture(Mails.settings(SMTP));
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static Response reset(String token, long uid, Object body) {
    return pod.as(token).body(body).post("/pod/v1/admin/user/" + uid + "/action/password_reset");
  }

  static Response restore(String email, String code, String password) {
    return pod.anonymous().body(Map.of("email", email, "code", code, "password", password))
        .post("/api/v1/auth/restorePasswordByCode");
  }

  static Response signin(String email, String password) {
    return pod.anonymous().body(Map.of("email", email, "password", password)).post("/api/v1/auth/signin");
  }

  static List<AuditEntry> resetsAudited() {
    return pod.server.atrium().services().audit().latest(1000).stream()
        .filter(e -> e.action().equals("user.password.reset")).toList();
  }

  /** Every mail in the outbox, sent or not (a reading the audit log records, as any other). */
  static int mailsQueued() {
    var atrium = pod.server.atrium();
    return atrium.services().outbox().latest(atrium.users().get(pod.adminId), Outbox.MAX_LIST).size();
  }

  /** The request is refused with this status and message, and nobody was mailed or audited. */
  static void refused(Supplier<Response> request, int status, String message) {
    int audited = resetsAudited().size();
    int mails = mailsQueued();
    request.get().then().statusCode(status).contentType("application/json")
        .body("code", equalTo(status)).body("message", equalTo(message));
    assertThat(resetsAudited()).hasSize(audited);
    assertThat(mailsQueued()).isEqualTo(mails);
  }

  @Test
  void the_mailed_code_sets_a_new_password_and_until_then_the_old_one_works() throws Exception {
    AdminFixture.Created user = pod.createUser("reset");
    String session = pod.signin(user.email(), PASSWORD);

    Response answer = reset(pod.adminToken, user.id(), EMAIL);

    assertThat(answer.statusCode()).isEqualTo(200);
    Golden.assertMatches(answer.asString(), "symphony/admin/success-response.json");
    MimeMessage mail = Mails.awaitNth(SMTP, user.email(), 1);
    String code = Mails.code(mail);
    assertThat(mail.getSubject()).isEqualTo("Set a new password");
    assertThat(Mails.text(mail)).contains("an administrator has started a password reset for your account",
        "It works for 20 minutes");
    assertThat(Mails.html(mail)).contains(code);
    assertThat(answer.asString()).doesNotContain(code);
    AuditEntry audited = resetsAudited().getFirst();
    assertThat(audited.actorId()).isEqualTo(pod.adminId);
    assertThat(audited.target()).isEqualTo("user:" + user.id());
    signin(user.email(), PASSWORD).then().statusCode(200);
    pod.as(session).get("/pod/v1/sessioninfo").then().statusCode(200);

    restore(user.email(), code, "second-password").then().statusCode(200);

    signin(user.email(), PASSWORD).then().statusCode(401);
    signin(user.email(), "second-password").then().statusCode(200);
    pod.as(session).get("/pod/v1/sessioninfo").then().statusCode(401);
  }

  @Test
  void a_user_created_without_a_password_gets_one_through_the_reset() {
    String username = AdminFixture.unique("nopassword");
    String email = username + "@example.test";
    long id = pod.admin().body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", email)))
        .post("/pod/v1/admin/user/create").then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");

    reset(pod.adminToken, id, EMAIL).then().statusCode(200);
    restore(email, Mails.code(Mails.awaitNth(SMTP, email, 1)), "first-password").then().statusCode(200);

    signin(email, "first-password").then().statusCode(200);
  }

  @Test
  void a_second_reset_is_not_held_to_a_minute_and_its_code_replaces_the_first() {
    AdminFixture.Created user = pod.createUser("twice");
    reset(pod.adminToken, user.id(), Map.of("type", "email")).then().statusCode(200);
    String first = Mails.code(Mails.awaitNth(SMTP, user.email(), 1));

    reset(pod.adminToken, user.id(), EMAIL).then().statusCode(200);
    String second = Mails.code(Mails.awaitNth(SMTP, user.email(), 2));

    if (!first.equals(second)) {
      restore(user.email(), first, "second-password").then().statusCode(404);
    }
    restore(user.email(), second, "second-password").then().statusCode(200);
    signin(user.email(), "second-password").then().statusCode(200);
  }

  @Test
  void an_unknown_disabled_system_or_mail_less_user_is_refused() {
    refused(() -> reset(pod.adminToken, 999_999_999L, EMAIL), 400, "User 999999999 not found");

    AdminFixture.Created disabled = pod.createUser("disabled");
    pod.admin().body(Map.of("status", "DISABLED")).post("/pod/v1/admin/user/" + disabled.id() + "/status/update")
        .then().statusCode(200);
    refused(() -> reset(pod.adminToken, disabled.id(), EMAIL), 400, "User " + disabled.id() + " is disabled");

    String bot = AdminFixture.unique("bot");
    long system = pod.admin().body(Map.of("userAttributes", Map.of("userName", bot, "emailAddress",
        bot + "@example.test", "accountType", "SYSTEM"))).post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    refused(() -> reset(pod.adminToken, system, EMAIL), 400,
        "User " + system + " is a SYSTEM account: it logs in with an RSA key and has no password");

    long mailLess = pod.admin().body(Map.of("userAttributes", Map.of("userName", AdminFixture.unique("nomail")),
        "password", PASSWORD)).post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    refused(() -> reset(pod.adminToken, mailLess, EMAIL), 400,
        "User " + mailLess + " has no email address to send the reset to");
  }

  @Test
  void a_missing_or_unknown_type_or_a_bad_user_id_is_a_400() {
    AdminFixture.Created user = pod.createUser("badinput");

    refused(() -> reset(pod.adminToken, user.id(), Map.of()), 400, "type is required");
    refused(() -> reset(pod.adminToken, user.id(), Map.of("type", "SMS")), 400,
        "type must be one of [EMAIL], got 'SMS'");
    refused(() -> pod.admin().post("/pod/v1/admin/user/" + user.id() + "/action/password_reset"), 400,
        "The request body is empty; a JSON document is required");
    refused(() -> pod.admin().body(EMAIL).post("/pod/v1/admin/user/abc/action/password_reset"), 400,
        "uid must be a user id (a positive decimal integer), got 'abc'");
  }

  @Test
  void a_user_provisioner_resets_users_but_not_administrators() {
    String provisioner = pod.signin(pod.createUser("provisioner", "USER_PROVISIONING").email(), PASSWORD);
    String administrator = pod.signin(pod.createUser("administrator", "ADMINISTRATOR").email(), PASSWORD);
    AdminFixture.Created user = pod.createUser("provisioned");
    AdminFixture.Created admin = pod.createUser("admin", "ADMINISTRATOR");

    reset(provisioner, user.id(), EMAIL).then().statusCode(200);
    Mails.awaitNth(SMTP, user.email(), 1);

    refused(() -> reset(provisioner, admin.id(), EMAIL), 403,
        "Only an administrator can change an administrator");
    refused(() -> reset(administrator, pod.adminId, EMAIL), 403,
        "Only a SUPER_ADMINISTRATOR can change a SUPER_ADMINISTRATOR");
  }
}
