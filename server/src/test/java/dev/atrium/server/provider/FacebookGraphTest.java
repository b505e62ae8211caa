package dev.atrium.server.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.provider.FacebookIdentity;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FakeFacebook;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Graph adapter against a local Graph API that checks what Facebook checks. */
class FacebookGraphTest {
  /** Generous: the machine running the tests may be busy; only the hanging test waits for a timeout. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final FakeClock clock = new FakeClock();
  private final FakeFacebook facebook = FakeFacebook.start(clock);
  private final FacebookGraph graph = graph(facebook.appSecret(), clock);

  private FacebookGraph graph(String appSecret, InstantSource ourClock) {
    return graph(appSecret, ourClock, REQUEST_TIMEOUT);
  }

  private FacebookGraph graph(String appSecret, InstantSource ourClock, Duration requestTimeout) {
    return new FacebookGraph(URI.create(facebook.graphUrl()), facebook.appId(), appSecret, ourClock,
        Duration.ofSeconds(2), requestTimeout);
  }

  @AfterEach
  void close() {
    graph.close();
    facebook.close();
  }

  @Test
  void a_valid_token_names_its_facebook_account() {
    String token = facebook.issueToken("10215241773831025", "Ann Lee", "ann@example.com");

    assertThat(graph.verify(token)).isEqualTo(new FacebookIdentity("10215241773831025", "Ann Lee",
        "ann@example.com"));
    // debug_token first, then /me, both under the pinned version
    assertThat(facebook.paths()).containsExactly("/v25.0/debug_token", "/v25.0/me");
  }

  @Test
  void a_token_without_the_email_permission_gives_no_email() {
    String token = facebook.issueToken("4242", "Bo Chen", null);

    assertThat(graph.verify(token)).isEqualTo(new FacebookIdentity("4242", "Bo Chen", null));
  }

  @Test
  void a_token_facebook_does_not_know_is_not_valid() {
    facebook.issueToken("4242", "Bo Chen", null);

    assertThatThrownBy(() -> graph.verify("EAAnot-a-token-facebook-issued"))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("The Facebook access token is not valid");
    assertThat(facebook.paths()).containsExactly("/v25.0/debug_token");
  }

  @Test
  void a_token_issued_for_another_app_is_refused() {
    String token = facebook.issueTokenOfAnotherApp("4242", "Bo Chen", "bo@example.com");

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("The Facebook access token was issued for another app");
    assertThat(facebook.paths()).containsExactly("/v25.0/debug_token");
  }

  @Test
  void an_expired_token_is_refused_as_expired() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    clock.advance(FakeFacebook.TOKEN_LIFETIME);

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("The Facebook access token has expired");
  }

  @Test
  void a_token_expires_by_our_clock_even_while_facebook_still_calls_it_valid() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    FakeClock ahead = new FakeClock(clock.instant().plus(FakeFacebook.TOKEN_LIFETIME));

    try (FacebookGraph skewed = graph(facebook.appSecret(), ahead)) {
      assertThatThrownBy(() -> skewed.verify(token))
          .isInstanceOf(AtriumException.Invalid.class)
          .hasMessage("The Facebook access token has expired");
    }
    assertThat(graph.verify(token).id()).isEqualTo("4242");
  }

  @Test
  void a_revoked_token_is_not_valid() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    facebook.revoke(token);

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Invalid.class)
        .hasMessage("The Facebook access token is not valid");
  }

  @Test
  void malformed_tokens_are_refused_without_asking_facebook() {
    for (String token : new String[] {"", "   ", "EAA with spaces", "EAA\u00e9", "E".repeat(4097)}) {
      assertThatThrownBy(() -> graph.verify(token)).isInstanceOf(AtriumException.Invalid.class)
          .hasMessageStartingWith("The Facebook access token is ");
    }
    assertThat(facebook.requests()).isZero();
  }

  @Test
  void a_wrong_app_secret_is_this_servers_problem_and_the_secret_is_not_shown() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    String wrongSecret = "0123456789abcdef0123456789abcdef";

    try (LogCapture logs = new LogCapture(); FacebookGraph misconfigured = graph(wrongSecret, clock)) {
      assertThatThrownBy(() -> misconfigured.verify(token))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Facebook refused this server's app credentials");
      assertThat(logs.lines()).singleElement().asString()
          .contains("debug_token answered HTTP 400: Graph error 190/0 Invalid OAuth access token signature.")
          .doesNotContain(wrongSecret).doesNotContain(token);
    }
  }

  @Test
  void a_graph_server_error_is_unavailable() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    facebook.failNext(500, "application/json", """
        {"error":{"message":"An unexpected error has occurred. Please retry your request later.",\
        "type":"OAuthException","is_transient":true,"code":2,"fbtrace_id":"AbCdEf"}}""");

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Facebook answered Graph error 2 (HTTP 500)");
    // the outage passed: the same token works
    assertThat(graph.verify(token).id()).isEqualTo("4242");
  }

  @Test
  void a_bare_server_error_page_is_unavailable() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    facebook.failNext(502, "text/html", "<html><body>Bad Gateway</body></html>");

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Facebook answered HTTP 502 without a JSON body");
  }

  @Test
  void malformed_json_is_unavailable() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    facebook.failNext(200, "application/json", "{\"data\": {\"is_valid\": tru");

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Facebook answered with malformed JSON");
  }

  @Test
  void an_answer_without_the_validity_is_unavailable_not_a_valid_token() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    facebook.failNext(200, "application/json", "{\"data\": {\"app_id\": \"" + facebook.appId() + "\"}}");

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Facebook answered debug_token without data.is_valid");
  }

  @Test
  void an_answer_over_one_mebibyte_is_refused() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    facebook.failNext(200, "application/json", "{\"pad\": \"" + "x".repeat(1 << 20) + "\"}");

    assertThatThrownBy(() -> graph.verify(token))
        .isInstanceOf(AtriumException.Unavailable.class)
        .hasMessage("Facebook answered with more than 1 MiB");
  }

  @Test
  void a_stopped_graph_api_cannot_be_reached() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    facebook.close();

    try (LogCapture logs = new LogCapture()) {
      assertThatThrownBy(() -> graph.verify(token))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Facebook cannot be reached: connection refused or no route to host");
      assertThat(logs.lines()).singleElement().asString()
          .startsWith("WARN Facebook GET /v25.0/debug_token cannot be reached")
          .doesNotContain(token).doesNotContain(facebook.appSecret());
    }
  }

  @Test
  void a_graph_api_that_hangs_times_out() {
    String token = facebook.issueToken("4242", "Bo Chen", null);
    // Graph answers, but late: an adapter that waited for it would get a valid identity, not this error.
    facebook.delayAnswers(Duration.ofSeconds(30));

    try (FacebookGraph impatient = graph(facebook.appSecret(), clock, Duration.ofMillis(300))) {
      // The message names the timeout the adapter waited with: the one configured, not the default.
      assertThatThrownBy(() -> impatient.verify(token))
          .isInstanceOf(AtriumException.Unavailable.class)
          .hasMessage("Facebook did not answer within 300 ms");
    }
  }
}
