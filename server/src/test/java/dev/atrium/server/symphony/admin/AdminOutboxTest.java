package dev.atrium.server.symphony.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.atrium.server.Golden;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /pod/v1/admin/atrium/outbox} on a server with no SMTP server: the mail is kept as LOCAL and a super
 * administrator reads its link there; nobody else may.
 */
class AdminOutboxTest {
  static AdminFixture fx;

  @BeforeAll
  static void start() {
    fx = new AdminFixture();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static void requestVerification(String email) {
    fx.anonymous().body(Map.of("email", email)).post("/api/v1/auth/requestEmailVerification").then().statusCode(200);
  }

  @Test
  void without_smtp_the_mail_is_kept_and_its_link_read_by_the_super_administrator() {
    String email = AdminFixture.unique("local") + "@example.test";
    requestVerification(email);

    Response list = fx.admin().get("/pod/v1/admin/atrium/outbox?limit=1");

    assertThat(list.statusCode()).isEqualTo(200);
    Golden.assertMatches(list.asString(), "symphony/admin/outbox.json");
    JsonPath mail = list.jsonPath();
    assertThat(mail.getString("[0].to")).isEqualTo(email);
    String link = mail.getString("[0].text").lines().filter(l -> l.contains("/api/v1/auth/verifyEmail?token="))
        .findFirst().orElseThrow();
    assertThat(link.strip()).startsWith("http://localhost:" + fx.server.port() + "/api/v1/auth/verifyEmail?token=");
    fx.anonymous().body(Map.of("email", email, "password", "first-password")).post("/api/v1/auth/signup")
        .then().statusCode(200);
    fx.anonymous().get(link.strip()).then().statusCode(200).body("data.isVerified", equalTo(true));
  }

  @Test
  void the_newest_mail_comes_first_and_limit_bounds_the_list() {
    String first = AdminFixture.unique("first") + "@example.test";
    String second = AdminFixture.unique("second") + "@example.test";
    requestVerification(first);
    requestVerification(second);

    JsonPath two = fx.admin().get("/pod/v1/admin/atrium/outbox?limit=2").then().statusCode(200).extract().jsonPath();

    assertThat(two.getList("to")).containsExactly(second, first);
    assertThat(fx.admin().get("/pod/v1/admin/atrium/outbox").then().statusCode(200).extract().jsonPath()
        .getList("id").size()).isGreaterThanOrEqualTo(2);
    fx.admin().get("/pod/v1/admin/atrium/outbox?limit=0").then().statusCode(400)
        .body("message", equalTo("limit must be an integer from 1 to 1000, got '0'"));
    fx.admin().get("/pod/v1/admin/atrium/outbox?limit=many").then().statusCode(400)
        .body("message", equalTo("limit must be an integer from 1 to 1000, got 'many'"));
  }

  @Test
  void an_administrator_who_is_not_super_a_plain_user_and_no_session_are_refused() {
    String administrator = fx.signin(fx.createUser("admin", "ADMINISTRATOR").email(), AdminFixture.PASSWORD);

    fx.as(administrator).get("/pod/v1/admin/atrium/outbox").then().statusCode(403)
        .body("message", equalTo("Only a SUPER_ADMINISTRATOR can read the mail outbox"));
    Response plain = fx.as(fx.plainUserToken()).get("/pod/v1/admin/atrium/outbox");
    assertThat(plain.statusCode()).isEqualTo(403);
    Golden.assertMatches(plain.asString(), "symphony/admin/error-entitlement.json");
    fx.anonymous().get("/pod/v1/admin/atrium/outbox").then().statusCode(401);
  }
}
