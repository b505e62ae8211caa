package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CORS ({@code ATRIUM_CORS_ORIGINS}): off by default; when origins are listed, the paths the browser-facing dialects
 * declare (Roomful's) answer a listed origin and its preflight, an origin not listed gets no CORS header, and the
 * paths no browser calls (Symphony's) never get one.
 */
class CorsTest {
  static final String APP = "https://app.example.com";

  static HttpResponse<String> send(TestServer server, String method, String path, String... headers)
      throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
          .method(method, HttpRequest.BodyPublishers.noBody());
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void off_by_default_no_origin_gets_a_cors_header() throws Exception {
    try (TestServer server = TestServer.start()) {
      HttpResponse<String> check = send(server, "GET", "/api/v1/auth/check", "Origin", APP);
      assertThat(check.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      HttpResponse<String> preflight = send(server, "OPTIONS", "/api/v0/rpc/user.info", "Origin", APP,
          "Access-Control-Request-Method", "POST");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
    }
  }

  @Test
  void a_listed_origin_is_answered_on_the_browser_paths_only() throws Exception {
    try (TestServer server = TestServer.start(Map.of("ATRIUM_CORS_ORIGINS", APP + ",http://localhost:3000"))) {
      HttpResponse<String> preflight = send(server, "OPTIONS", "/api/v0/rpc/user.info", "Origin", APP,
          "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-session-id,content-type");
      assertThat(preflight.statusCode()).isEqualTo(204);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
      assertThat(preflight.headers().firstValue("Vary")).hasValue("Origin");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValue(
          "Content-Type, X-Session-Id, X-Network, X-Network-Id, X-Socket-Id, X-Device-Id");
      assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

      HttpResponse<String> answer = send(server, "GET", "/api/v1/auth/check", "Origin", APP);
      assertThat(answer.statusCode()).isEqualTo(401);
      assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
      assertThat(send(server, "OPTIONS", "/socket/", "Origin", "http://localhost:3000",
          "Access-Control-Request-Method", "GET").headers().firstValue("Access-Control-Allow-Origin"))
          .hasValue("http://localhost:3000");

      HttpResponse<String> stranger = send(server, "OPTIONS", "/api/v0/rpc/user.info", "Origin",
          "https://evil.example.com", "Access-Control-Request-Method", "POST");
      assertThat(stranger.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
      assertThat(stranger.headers().firstValue("Access-Control-Allow-Methods")).isEmpty();
      assertThat(send(server, "GET", "/api/v1/auth/check", "Origin", "https://evil.example.com").headers()
          .firstValue("Access-Control-Allow-Origin")).isEmpty();

      assertThat(send(server, "GET", "/pod/v2/sessioninfo", "Origin", APP).headers()
          .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
  }

  @Test
  void a_star_allows_any_origin_without_credentials() throws Exception {
    try (TestServer server = TestServer.start(Map.of("ATRIUM_CORS_ORIGINS", "*"))) {
      HttpResponse<String> answer = send(server, "GET", "/api/v1/auth/check", "Origin", "https://any.example");
      assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
      assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    }
  }

  @Test
  void the_setting_takes_star_or_exact_origins() {
    assertThat(Config.from(Map.of()).corsOrigins().off()).isTrue();
    assertThat(Config.from(Map.of("ATRIUM_CORS_ORIGINS", " https://A.example.com , http://localhost:3000 "))
        .corsOrigins().exact()).containsExactlyInAnyOrder("https://a.example.com", "http://localhost:3000");
    assertThat(Config.from(Map.of("ATRIUM_CORS_ORIGINS", "*")).corsOrigins().any()).isTrue();
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_CORS_ORIGINS", "https://a.example.com/app")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_CORS_ORIGINS has an invalid origin 'https://a.example.com/app' (expected scheme://host"
            + " or scheme://host:port, without a path), got 'https://a.example.com/app'");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_CORS_ORIGINS", "*,https://a.example.com")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_CORS_ORIGINS must be * alone or a list of origins, got '*,https://a.example.com'");
  }
}
