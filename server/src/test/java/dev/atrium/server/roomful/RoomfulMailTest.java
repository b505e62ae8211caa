package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.atrium.server.Golden;
import dev.atrium.server.Mails;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.FakeClock;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The setup of the Roomful mail flows' tests: the real server on port 0 sends its mail through SMTP to GreenMail,
 * and a test reads the link or code out of the mail it received. The fake clock moves for limits and expiry.
 */
abstract class RoomfulMailTest {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(Mails.loopback()).withPerMethodLifecycle(false);
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static final FakeClock CLOCK = new FakeClock();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(Mails.settings(SMTP), CLOCK);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static RequestSpecification http() {
    return given().baseUri(server.baseUrl()).contentType("application/json");
  }

  static String unique(String prefix) {
    return prefix + "." + SEQUENCE.incrementAndGet() + "@mail.test";
  }

  static Response post(String path, Map<String, ?> body) {
    return http().body(body).post("/api/v1/auth/" + path);
  }

  static String signup(String email) {
    return post("signup", Map.of("email", email, "password", "first-password")).then().statusCode(200)
        .extract().path("data.session_token");
  }

  /** Signs up a new unique address and returns it. */
  static String signedUp(String prefix) {
    String email = unique(prefix);
    signup(email);
    return email;
  }

  /** The response has this status and is exactly {@code golden/roomful/<golden>}. */
  static void assertError(Response response, int status, String golden) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    Golden.assertMatches(response.asString(), "roomful/" + golden);
  }

  /** Posts {@code {email}} to the auth call, which must answer ok, and returns the mail it sent. */
  static MimeMessage mailFrom(String path, String email) {
    int before = Mails.to(SMTP, email).size();
    Response response = post(path, Map.of("email", email));
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "roomful/ok.json");
    return Mails.awaitNth(SMTP, email, before + 1);
  }
}
