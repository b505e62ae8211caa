package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every answer carries {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}: successes,
 * errors of each dialect, Jetty's own refusals and the socket path's HTTP answers, so that no login answer, token,
 * code or secret is ever kept by a cache. Only the avatar images, which never change, may be cached.
 */
class SecurityHeadersTest {
  @Test
  void every_answer_is_nosniff_and_no_store() throws Exception {
    try (TestServer server = TestServer.start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<HttpRequest> requests = List.of(
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/auth/signin"))
              .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                  "{\"email\":\"" + TestServer.ADMIN_EMAIL + "\",\"password\":\"" + TestServer.ADMIN_PASSWORD
                      + "\"}")).build(),
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/pod/v2/sessioninfo")).build(),
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/atrium/v1/outbox")).build(),
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/no/such/path")).build(),
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/socket/?EIO=4&transport=polling")).build(),
          HttpRequest.newBuilder(URI.create(server.baseUrl() + "/pod/v1/user/name/a%C3%28b/get")).build());
      for (HttpRequest request : requests) {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(request.uri().toString())
            .hasValue("nosniff");
        assertThat(response.headers().allValues("Cache-Control")).as(request.uri().toString())
            .containsExactly("no-store");
      }
    }
  }
}
