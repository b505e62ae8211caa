package dev.atrium.server.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FakeReadyPlayerMe;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Ready Player Me adapter against a local API that checks the key, the partner and the user. */
class ReadyPlayerMeTest {
  private final FakeClock clock = new FakeClock();
  private final FakeReadyPlayerMe rpm = FakeReadyPlayerMe.start("atrium-test", clock);
  private final ReadyPlayerMe adapter = adapter(rpm.apiKey(), rpm.partner());

  private ReadyPlayerMe adapter(String apiKey, String partner) {
    return adapter(apiKey, partner, Duration.ofSeconds(5));
  }

  private ReadyPlayerMe adapter(String apiKey, String partner, Duration requestTimeout) {
    return new ReadyPlayerMe(URI.create(rpm.apiUrl()), apiKey, partner, Duration.ofSeconds(2), requestTimeout);
  }

  @AfterEach
  void close() {
    adapter.close();
    rpm.close();
  }

  @Test
  void a_user_who_authorized_the_application_gets_a_session_token() {
    String user = rpm.addUser();

    String token = adapter.tokenFor(user);

    assertThat(rpm.userOf(token)).contains(user);
    assertThat(rpm.paths()).containsExactly("/v1/auth/token");
  }

  @Test
  void each_call_gets_a_token_of_its_own_user() {
    String ann = rpm.addUser();
    String bo = rpm.addUser();

    assertThat(rpm.userOf(adapter.tokenFor(ann))).contains(ann);
    assertThat(rpm.userOf(adapter.tokenFor(bo))).contains(bo);
  }

  @Test
  void an_unknown_user_is_not_found() {
    assertThatThrownBy(() -> adapter.tokenFor("64943d471dc01e086ac887ee"))
        .isInstanceOf(AtriumException.NotFound.class)
        .hasMessage("Ready Player Me has no user 64943d471dc01e086ac887ee");
  }

  @Test
  void a_user_who_did_not_authorize_the_application_is_forbidden() {
    String user = rpm.addUserWithoutAuthorization();

    assertThatThrownBy(() -> adapter.tokenFor(user))
        .isInstanceOf(AtriumException.Forbidden.class)
        .hasMessage("Ready Player Me user " + user + " has not authorized this application");
  }

  @Test
  void a_wrong_api_key_is_this_servers_problem_and_the_key_is_not_shown() {
    String user = rpm.addUser();
    String wrongKey = "sk_test_wrong-key-0123456789";

    try (LogCapture logs = new LogCapture(); ReadyPlayerMe misconfigured = adapter(wrongKey, rpm.partner())) {
      assertThatThrownBy(() -> misconfigured.tokenFor(user))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Ready Player Me refused this server's API key (HTTP 401)");
      assertThat(logs.lines()).singleElement().asString().doesNotContain(wrongKey).doesNotContain(rpm.apiKey());
    }
  }

  @Test
  void a_partner_the_key_is_not_for_is_refused_like_a_wrong_key() {
    String user = rpm.addUser();

    try (ReadyPlayerMe otherPartner = adapter(rpm.apiKey(), "someone-else")) {
      assertThatThrownBy(() -> otherPartner.tokenFor(user))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Ready Player Me refused this server's API key (HTTP 401)");
    }
  }

  @Test
  void ids_that_are_not_plain_ids_are_refused_without_asking() {
    for (String id : new String[] {"", "a/b", "../v1", "id with space", "x".repeat(65), "64943d47?x=1"}) {
      assertThatThrownBy(() -> adapter.tokenFor(id)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("A Ready Player Me user id is 1 to 64 letters, digits, '-' or '_'");
    }
    assertThat(rpm.requests()).isZero();
  }

  @Test
  void a_server_error_is_unavailable() {
    String user = rpm.addUser();
    rpm.failNext(500, "application/json", "{\"status\":500,\"message\":\"Internal Server Error\"}");

    assertThatThrownBy(() -> adapter.tokenFor(user))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Ready Player Me answered HTTP 500");
    assertThat(rpm.userOf(adapter.tokenFor(user))).contains(user);
  }

  @Test
  void rate_limiting_is_unavailable_for_now() {
    String user = rpm.addUser();
    rpm.failNext(429, "application/json", "{\"status\":429,\"message\":\"Too Many Requests\"}");

    assertThatThrownBy(() -> adapter.tokenFor(user))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Ready Player Me is limiting requests (HTTP 429); try again later");
  }

  @Test
  void malformed_json_is_unavailable() {
    String user = rpm.addUser();
    rpm.failNext(200, "application/json", "{\"data\": {\"token\": ");

    assertThatThrownBy(() -> adapter.tokenFor(user))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Ready Player Me answered with malformed JSON");
  }

  @Test
  void an_answer_without_a_token_is_unavailable() {
    String user = rpm.addUser();
    rpm.failNext(200, "application/json", "{\"data\": {\"token\": \"\"}}");

    assertThatThrownBy(() -> adapter.tokenFor(user))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Ready Player Me answered without data.token");
  }

  @Test
  void a_stopped_api_cannot_be_reached() {
    String user = rpm.addUser();
    rpm.close();

    assertThatThrownBy(() -> adapter.tokenFor(user))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Ready Player Me cannot be reached: connection refused or no route to host");
  }

  @Test
  void an_api_that_hangs_times_out() {
    String user = rpm.addUser();
    rpm.delayAnswers(Duration.ofSeconds(30));

    try (ReadyPlayerMe impatient = adapter(rpm.apiKey(), rpm.partner(), Duration.ofMillis(300))) {
      assertThatThrownBy(() -> impatient.tokenFor(user))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Ready Player Me did not answer within 300 ms");
    }
  }
}
