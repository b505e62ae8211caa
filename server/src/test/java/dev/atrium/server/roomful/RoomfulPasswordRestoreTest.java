package dev.atrium.server.roomful;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.atrium.server.Golden;
import dev.atrium.server.Mails;
import io.restassured.response.Response;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Restoring a password with the six-digit code over the wire: the code is read out of the mail GreenMail
 * received from the real server; the fake clock moves for the limits and the code's lifetime.
 */
class RoomfulPasswordRestoreTest extends RoomfulMailTest {
  /** Asks for a code and returns it, read from the mail that arrived. */
  static String code(String email) {
    return Mails.code(mailFrom("sendRestorePasswordCode", email));
  }

  static String wrong(String code) {
    return code.equals("000000") ? "000001" : "000000";
  }

  @Test
  void the_mailed_code_checks_then_sets_the_password_and_ends_every_session() throws Exception {
    String email = unique("ann");
    String session = signup(email);

    String code = code(email);
    MimeMessage mail = Mails.to(SMTP, email).getLast();
    assertThat(mail.getSubject()).isEqualTo("Your code to set a new password");
    assertThat(code).matches("[0-9]{6}");
    assertThat(Mails.html(mail)).contains(code);

    Response checked = post("checkRestorePasswordCode", Map.of("email", email, "code", code));
    assertThat(checked.statusCode()).isEqualTo(200);
    Golden.assertMatches(checked.asString(), "roomful/ok.json");
    Response restored = post("restorePasswordByCode", Map.of("email", email, "code", code,
        "password", "second-password"));
    assertThat(restored.statusCode()).isEqualTo(200);
    Golden.assertMatches(restored.asString(), "roomful/ok.json");

    http().header("X-Session-Id", session).get("/api/v1/auth/check").then().statusCode(401);
    post("signin", Map.of("email", email, "password", "first-password")).then().statusCode(401);
    post("signin", Map.of("email", email, "password", "second-password")).then().statusCode(200)
        .body("data.need_verification", equalTo(false));
    assertError(post("restorePasswordByCode", Map.of("email", email, "code", code, "password", "third-password")),
        409, "error-1054.json");
    assertError(post("checkRestorePasswordCode", Map.of("email", email, "code", code)), 409, "error-1054.json");
  }

  @Test
  void an_unknown_email_is_1021_at_every_step() {
    String nobody = unique("nobody");

    assertError(post("sendRestorePasswordCode", Map.of("email", nobody)), 404, "error-1021.json");
    assertError(post("checkRestorePasswordCode", Map.of("email", nobody, "code", "123456")), 404,
        "error-1021.json");
    assertError(post("restorePasswordByCode", Map.of("email", nobody, "code", "123456", "password",
        "second-password")), 404, "error-1021.json");
    assertThat(Mails.to(SMTP, nobody)).isEmpty();
  }

  @Test
  void a_wrong_code_is_1051_and_changes_no_password() {
    String email = signedUp("bob");
    String code = code(email);

    assertError(post("checkRestorePasswordCode", Map.of("email", email, "code", wrong(code))), 404,
        "error-1051.json");
    assertError(post("restorePasswordByCode", Map.of("email", email, "code", wrong(code), "password",
        "second-password")), 404, "error-1051.json");

    post("signin", Map.of("email", email, "password", "first-password")).then().statusCode(200);
  }

  @Test
  void five_tries_in_two_minutes_then_705_even_for_the_right_code() {
    String email = signedUp("carol");
    String code = code(email);
    for (int i = 0; i < 5; i++) {
      post("checkRestorePasswordCode", Map.of("email", email, "code", wrong(code))).then().statusCode(404);
    }

    assertError(post("checkRestorePasswordCode", Map.of("email", email, "code", code)), 429, "error-705.json");
    assertError(post("restorePasswordByCode", Map.of("email", email, "code", code, "password", "second-password")),
        429, "error-705.json");
    post("signin", Map.of("email", email, "password", "first-password")).then().statusCode(200);

    CLOCK.advance(Duration.ofMinutes(2));
    post("restorePasswordByCode", Map.of("email", email, "code", code, "password", "second-password"))
        .then().statusCode(200);
    post("signin", Map.of("email", email, "password", "second-password")).then().statusCode(200);
  }

  @Test
  void an_invalid_new_password_is_1006_and_counts_no_try() {
    String email = signedUp("dan");
    String code = code(email);

    for (int i = 0; i < 6; i++) {
      assertError(post("restorePasswordByCode", Map.of("email", email, "code", code, "password", "short")), 400,
          "error-1006.json");
    }

    post("restorePasswordByCode", Map.of("email", email, "code", code, "password", "second-password"))
        .then().statusCode(200);
  }

  @Test
  void a_code_expires_after_20_minutes() {
    String email = signedUp("erin");
    String code = code(email);
    CLOCK.advance(Duration.ofMinutes(20));

    assertError(post("checkRestorePasswordCode", Map.of("email", email, "code", code)), 404, "error-1051.json");
  }

  @Test
  void a_second_code_within_a_minute_is_705_and_sends_no_mail() {
    String email = signedUp("fay");
    code(email);

    assertError(post("sendRestorePasswordCode", Map.of("email", email)), 429, "error-705.json");

    CLOCK.advance(Duration.ofMinutes(1));
    String second = code(email);
    assertThat(Mails.to(SMTP, email)).hasSize(2);
    post("checkRestorePasswordCode", Map.of("email", email, "code", second)).then().statusCode(200);
  }

  @Test
  void missing_or_mistyped_fields_are_a_400_naming_them() {
    String email = signedUp("gus");

    post("checkRestorePasswordCode", Map.of("email", email)).then().statusCode(400)
        .body("error.code", equalTo(400)).body("error.message", equalTo("code is required"));
    post("restorePasswordByCode", Map.of("email", email, "code", "123456")).then().statusCode(400)
        .body("error.message", equalTo("password is required"));
    http().body("{\"email\":\"" + email + "\",\"code\":123456}").post("/api/v1/auth/checkRestorePasswordCode")
        .then().statusCode(400).body("error.message", equalTo("Field 'code' has the wrong type; expected a string"));
    post("sendRestorePasswordCode", Map.of("email", "no-at-sign")).then().statusCode(400)
        .body("error.message", equalTo("The email address is not valid: no-at-sign"));
  }
}
