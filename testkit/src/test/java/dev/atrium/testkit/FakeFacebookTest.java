package dev.atrium.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake Graph API refuses what Facebook refuses, in Graph's error shape. */
class FakeFacebookTest {
  private final FakeClock clock = new FakeClock();
  private final FakeFacebook facebook = FakeFacebook.start(clock);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    http.close();
    facebook.close();
  }

  private record Answer(int status, JsonNode body) {}

  private Answer get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(facebook.graphUrl() + pathAndQuery))
        .build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), new ObjectMapper().readTree(response.body()));
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private String appToken() {
    return enc(facebook.appId() + "|" + facebook.appSecret());
  }

  @Test
  void debug_token_describes_a_live_token_of_the_app() throws Exception {
    String token = facebook.issueToken("555", "Di Eve", "di@example.com");

    Answer answer = get("/debug_token?input_token=" + enc(token) + "&access_token=" + appToken());

    assertThat(answer.status()).isEqualTo(200);
    JsonNode data = answer.body().get("data");
    assertThat(data.get("app_id").asText()).isEqualTo(facebook.appId());
    assertThat(data.get("type").asText()).isEqualTo("USER");
    assertThat(data.get("is_valid").booleanValue()).isTrue();
    assertThat(data.get("user_id").asText()).isEqualTo("555");
    assertThat(data.get("expires_at").asLong())
        .isEqualTo(clock.instant().plus(FakeFacebook.TOKEN_LIFETIME).getEpochSecond());
    assertThat(data.get("scopes").toString()).isEqualTo("[\"email\",\"public_profile\"]");
  }

  @Test
  void debug_token_needs_the_app_token() throws Exception {
    String token = facebook.issueToken("555", "Di Eve", null);

    Answer none = get("/debug_token?input_token=" + enc(token));
    Answer wrongSecret = get("/debug_token?input_token=" + enc(token) + "&access_token="
        + enc(facebook.appId() + "|00000000000000000000000000000000"));

    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body().at("/error/code").asInt()).isEqualTo(104);
    assertThat(wrongSecret.status()).isEqualTo(400);
    assertThat(wrongSecret.body().at("/error/code").asInt()).isEqualTo(190);
    assertThat(wrongSecret.body().at("/error/type").asText()).isEqualTo("OAuthException");
    assertThat(wrongSecret.body().at("/error/fbtrace_id").asText()).isNotEmpty();
  }

  @Test
  void debug_token_reports_unknown_and_expired_tokens_inside_data() throws Exception {
    String token = facebook.issueToken("555", "Di Eve", null);
    clock.advance(FakeFacebook.TOKEN_LIFETIME);

    JsonNode unknown = get("/debug_token?input_token=EAAunknown&access_token=" + appToken()).body().get("data");
    JsonNode expired = get("/debug_token?input_token=" + enc(token) + "&access_token=" + appToken()).body()
        .get("data");

    assertThat(unknown.get("is_valid").booleanValue()).isFalse();
    assertThat(unknown.at("/error/code").asInt()).isEqualTo(190);
    assertThat(expired.get("is_valid").booleanValue()).isFalse();
    assertThat(expired.at("/error/subcode").asInt()).isEqualTo(463);
    assertThat(expired.at("/error/message").asText()).startsWith("Error validating access token: Session has expired");
  }

  @Test
  void me_needs_a_live_token_and_its_appsecret_proof() throws Exception {
    String token = facebook.issueToken("555", "Di Eve", null);
    String proof = FakeFacebook.hmac(facebook.appSecret(), token);

    Answer withProof = get("/me?fields=id,name,email&access_token=" + enc(token) + "&appsecret_proof=" + proof);
    Answer noProof = get("/me?access_token=" + enc(token));
    Answer wrongProof = get("/me?access_token=" + enc(token) + "&appsecret_proof="
        + FakeFacebook.hmac("00000000000000000000000000000000", token));
    clock.advance(FakeFacebook.TOKEN_LIFETIME);
    Answer expired = get("/me?access_token=" + enc(token) + "&appsecret_proof=" + proof);

    assertThat(withProof.body().toString()).isEqualTo("{\"id\":\"555\",\"name\":\"Di Eve\"}");
    assertThat(noProof.status()).isEqualTo(400);
    assertThat(noProof.body().at("/error/code").asInt()).isEqualTo(100);
    assertThat(wrongProof.body().at("/error/message").asText())
        .isEqualTo("Invalid appsecret_proof provided in the API argument");
    assertThat(expired.status()).isEqualTo(400);
    assertThat(expired.body().at("/error/code").asInt()).isEqualTo(190);
    assertThat(expired.body().at("/error/error_subcode").asInt()).isEqualTo(463);
  }

  @Test
  void another_version_or_path_is_unknown() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(facebook.graphUrl().replace("/v25.0", "/v2.5") + "/me")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(new ObjectMapper().readTree(response.body()).at("/error/code").asInt()).isEqualTo(2500);
  }
}
