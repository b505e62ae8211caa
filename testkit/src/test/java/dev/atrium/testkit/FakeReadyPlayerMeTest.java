package dev.atrium.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Ready Player Me API checks the key, the partner and the user before it signs a token. */
class FakeReadyPlayerMeTest {
  private final FakeClock clock = new FakeClock();
  private final FakeReadyPlayerMe rpm = FakeReadyPlayerMe.start("atrium-test", clock);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    http.close();
    rpm.close();
  }

  private HttpResponse<String> get(String query, String apiKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rpm.apiUrl() + "/v1/auth/token?" + query));
    if (!apiKey.isEmpty()) {
      request.header("x-api-key", apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void a_token_is_a_jwt_for_the_user_and_partner_living_fifteen_seconds() throws Exception {
    String user = rpm.addUser();

    HttpResponse<String> response = get("userId=" + user + "&partner=atrium-test", rpm.apiKey());

    assertThat(response.statusCode()).isEqualTo(200);
    String token = new ObjectMapper().readTree(response.body()).at("/data/token").asText();
    JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    assertThat(claims.get("id").asText()).isEqualTo(user);
    assertThat(claims.get("partner").asText()).isEqualTo("atrium-test");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(15);
    assertThat(rpm.userOf(token)).contains(user);
    assertThat(rpm.userOf(token.substring(0, token.length() - 2) + "xx")).isEmpty();
  }

  @Test
  void the_key_partner_and_user_are_checked() throws Exception {
    String user = rpm.addUser();
    String stranger = rpm.addUserWithoutAuthorization();

    assertThat(get("userId=" + user + "&partner=atrium-test", "").statusCode()).isEqualTo(401);
    assertThat(get("userId=" + user + "&partner=atrium-test", rpm.apiKey() + "x").statusCode()).isEqualTo(401);
    assertThat(get("userId=" + user + "&partner=other", rpm.apiKey()).statusCode()).isEqualTo(401);
    assertThat(get("partner=atrium-test", rpm.apiKey()).statusCode()).isEqualTo(400);
    assertThat(get("userId=ffffffffffffffffffffffff&partner=atrium-test", rpm.apiKey()).statusCode())
        .isEqualTo(404);
    assertThat(get("userId=" + stranger + "&partner=atrium-test", rpm.apiKey()).statusCode()).isEqualTo(403);
    assertThat(rpm.requests()).isEqualTo(6);
  }
}
