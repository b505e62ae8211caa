package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
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
 * Email verification over the wire: the real server on port 0 sends its mail through SMTP to GreenMail, and
 * each test reads the link out of the mail it received. The fake clock moves for the limits and expiry.
 */
class RoomfulEmailVerificationTest extends RoomfulMailTest {
  /** Asks for a link and returns it, read from the mail that arrived. */
  static String link(String email) {
    return Mails.link(mailFrom("requestEmailVerification", email));
  }

  static Response open(String link) {
    return given().get(link);
  }

  @Test
  void isEmailTaken_isEmailAvailable_and_isEmailVerified_answer_for_any_address_ignoring_case() {
    String email = signedUp("taken");
    String upper = email.toUpperCase(java.util.Locale.ROOT);

    Response taken = post("isEmailTaken", Map.of("email", upper));
    Golden.assertMatches(taken.asString(), "roomful/is-email-taken.json");
    assertThat((Boolean) taken.path("data.isTaken")).isTrue();
    assertThat((Boolean) post("isEmailAvailable", Map.of("email", upper)).path("data.isAvailable")).isFalse();
    Response verified = post("isEmailVerified", Map.of("email", upper));
    Golden.assertMatches(verified.asString(), "roomful/is-email-verified.json");
    assertThat((Boolean) verified.path("data.isVerified")).isFalse();

    String free = unique("free");
    Response available = post("isEmailAvailable", Map.of("email", free));
    Golden.assertMatches(available.asString(), "roomful/is-email-available.json");
    assertThat((Boolean) available.path("data.isAvailable")).isTrue();
    assertThat((Boolean) post("isEmailTaken", Map.of("email", free)).path("data.isTaken")).isFalse();
    assertThat((Boolean) post("isEmailVerified", Map.of("email", free)).path("data.isVerified")).isFalse();
  }

  @Test
  void a_missing_or_invalid_email_is_a_400_naming_it() {
    for (String path : new String[] {"isEmailTaken", "isEmailAvailable", "requestEmailVerification"}) {
      post(path, Map.of("email", "no-at-sign")).then().statusCode(400)
          .body("error.status", equalTo(true)).body("error.code", equalTo(400))
          .body("error.message", equalTo("The email address is not valid: no-at-sign"));
      post(path, Map.of()).then().statusCode(400).body("error.message", equalTo("email is required"));
      http().body("").post("/api/v1/auth/" + path).then().statusCode(400)
          .body("error.message", equalTo("The request body is empty; a JSON document is required"));
      http().body("{\"email\":7}").post("/api/v1/auth/" + path).then().statusCode(400)
          .body("error.message", equalTo("Field 'email' has the wrong type; expected a string"));
    }
  }

  @Test
  void isEmailVerified_without_an_email_answers_for_the_caller_and_needs_a_session() {
    String email = unique("self");
    String token = signup(email);

    http().header("X-Session-Id", token).post("/api/v1/auth/isEmailVerified").then().statusCode(200)
        .body("data.isVerified", equalTo(false));
    open(link(email)).then().statusCode(200);
    http().header("X-Session-Id", token).body("{}").post("/api/v1/auth/isEmailVerified").then().statusCode(200)
        .body("data.isVerified", equalTo(true));
    http().post("/api/v1/auth/isEmailVerified").then().statusCode(401)
        .body("error.code", equalTo(401)).body("error.message", equalTo("Unauthorized"));
  }

  @Test
  void requestEmailVerification_mails_a_link_that_verifies_the_account_once() throws Exception {
    String email = signedUp("ann");
    assertThat((Boolean) post("signin", Map.of("email", email, "password", "first-password"))
        .path("data.need_verification")).isTrue();

    String link = link(email);
    MimeMessage mail = Mails.to(SMTP, email).getLast();
    assertThat(mail.getSubject()).isEqualTo("Verify your email address");
    assertThat(mail.getFrom()[0].toString()).isEqualTo(Mails.FROM);
    assertThat(link).startsWith("http://localhost:" + server.port() + "/api/v1/auth/verifyEmail?token=");
    assertThat(Mails.html(mail)).contains("<a href=\"" + link + "\">");

    Response verified = open(link);
    assertThat(verified.statusCode()).isEqualTo(200);
    Golden.assertMatches(verified.asString(), "roomful/verify-email.json");
    assertThat((String) verified.path("data.email")).isEqualTo(email);
    assertThat((Boolean) post("isEmailVerified", Map.of("email", email)).path("data.isVerified")).isTrue();
    assertThat((Boolean) post("signin", Map.of("email", email, "password", "first-password"))
        .path("data.need_verification")).isFalse();

    assertError(open(link), 409, "error-1054.json");
    assertError(post("requestEmailVerification", Map.of("email", email)), 409, "error-already-verified.json");
  }

  @Test
  void a_second_request_within_a_minute_is_705_and_a_new_link_replaces_the_old_one() {
    String email = signedUp("bob");
    String first = link(email);
    CLOCK.advance(Duration.ofSeconds(59));

    assertError(post("requestEmailVerification", Map.of("email", email)), 429, "error-705.json");

    CLOCK.advance(Duration.ofSeconds(1));
    String second = link(email);
    assertThat(Mails.to(SMTP, email)).hasSize(2);
    assertError(open(first), 404, "error-1051.json");
    open(second).then().statusCode(200).body("data.isVerified", equalTo(true));
  }

  @Test
  void an_unknown_token_is_1051_and_a_missing_one_a_400() {
    assertError(given().get(server.baseUrl() + "/api/v1/auth/verifyEmail?token=not-a-token"), 404,
        "error-1051.json");
    given().get(server.baseUrl() + "/api/v1/auth/verifyEmail").then().statusCode(400)
        .body("error.code", equalTo(400)).body("error.message", equalTo("token is required"));
  }

  @Test
  void a_link_expires_after_24_hours() {
    String email = signedUp("late");
    String link = link(email);
    CLOCK.advance(Duration.ofHours(24));

    assertError(open(link), 404, "error-1051.json");
    assertThat((Boolean) post("isEmailVerified", Map.of("email", email)).path("data.isVerified")).isFalse();
  }

  @Test
  void a_link_asked_for_before_signup_finds_no_account_and_makes_the_signup_verified() {
    String email = unique("early");
    String link = link(email);

    assertError(open(link), 404, "error-1021.json");
    Response signup = post("signup", Map.of("email", email, "password", "first-password", "firstName", "Eve",
        "verificationToken", Mails.token(link)));

    assertThat(signup.statusCode()).isEqualTo(200);
    Golden.assertMatches(signup.asString(), "roomful/signup-verified.json");
    assertThat((Boolean) post("isEmailVerified", Map.of("email", email)).path("data.isVerified")).isTrue();
    assertError(open(link), 409, "error-1054.json");
  }

  @Test
  void signup_with_a_token_of_another_address_is_1051_and_creates_nobody() {
    String owner = unique("owner");
    String token = Mails.token(link(owner));
    String other = unique("other");

    assertError(post("signup", Map.of("email", other, "password", "first-password", "verificationToken", token)),
        404, "error-1051.json");
    assertError(post("signup", Map.of("email", other, "password", "first-password", "verificationToken", "forged")),
        404, "error-1051.json");

    assertThat((Boolean) post("isEmailTaken", Map.of("email", other)).path("data.isTaken")).isFalse();
    post("signin", Map.of("email", other, "password", "first-password")).then().statusCode(401);
    post("signup", Map.of("email", owner, "password", "first-password", "verificationToken", token))
        .then().statusCode(200).body("data.need_verification", equalTo(false));
  }
}
