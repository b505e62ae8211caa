package dev.atrium.server.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.provider.AvatarTokens;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@link AvatarTokens} over Ready Player Me's REST API:
 * {@code GET {api}/v1/auth/token?userId={id}&partner={subdomain}} with the header {@code x-api-key}, answering
 * {@code {"data": {"token": "…"}}}, a token that restores the user's session in the avatar editor and lives
 * 15 seconds; the user must have authorized the partner application first (docs.readyplayer.me,
 * api-reference/rest-api/auth/get-token and integration-guides/advanced-user-management/account-linking).
 *
 * <p>The reference shows only the successful answer. Other statuses are read by their HTTP meaning: 400 a
 * refused user id, 401 a refused API key, 403 a user who has not authorized this application, 404 an unknown
 * user, 429 and 5xx Ready Player Me's own trouble. Third-party API catalogues report the public platform retired
 * in 2026; {@code ATRIUM_RPM_API_URL} points the adapter at any compatible service.
 */
public final class ReadyPlayerMe implements AvatarTokens, AutoCloseable {
  /** Ready Player Me's user ids are 24 hex digits (MongoDB ids); this allows any plain id, and nothing to escape. */
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ProviderHttp http;
  private final URI apiUrl;
  private final String apiKey;
  private final String partner;

  /** With the default timeouts: 5 s to connect, 10 s for the answer. */
  public ReadyPlayerMe(URI apiUrl, String apiKey, String partner) {
    this(apiUrl, apiKey, partner, ProviderHttp.CONNECT_TIMEOUT, ProviderHttp.REQUEST_TIMEOUT);
  }

  public ReadyPlayerMe(URI apiUrl, String apiKey, String partner, Duration connectTimeout,
      Duration requestTimeout) {
    this.http = new ProviderHttp("Ready Player Me", connectTimeout, requestTimeout);
    this.apiUrl = apiUrl;
    this.apiKey = apiKey;
    this.partner = partner;
  }

  @Override
  public String tokenFor(String rpmUserId) {
    AtriumException.require(USER_ID.matcher(rpmUserId).matches(),
        "A Ready Player Me user id is 1 to 64 letters, digits, '-' or '_'");
    Map<String, String> query = new LinkedHashMap<>();
    query.put("userId", rpmUserId);
    query.put("partner", partner);
    URI uri = ProviderHttp.uri(apiUrl, "/v1/auth/token", query);
    ProviderHttp.Response response = http.get(uri, Map.of("x-api-key", apiKey));
    return switch (response.status()) {
      case 200 -> token(uri, response);
      case 400 -> throw AtriumException.invalid("Ready Player Me refused the user id " + rpmUserId);
      case 401 -> throw http.fail(uri, "refused this server's API key (HTTP 401)", null);
      case 403 -> throw AtriumException.forbidden("Ready Player Me user " + rpmUserId
          + " has not authorized this application");
      case 404 -> throw AtriumException.notFound("Ready Player Me has no user " + rpmUserId);
      case 429 -> throw http.fail(uri, "is limiting requests (HTTP 429); try again later", null);
      default -> throw http.fail(uri, "answered HTTP " + response.status(), null);
    };
  }

  private String token(URI uri, ProviderHttp.Response response) {
    JsonNode token = http.json(uri, response).path("data").path("token");
    if (!token.isTextual() || token.asText().isBlank()) {
      throw http.fail(uri, "answered without data.token", null);
    }
    return token.asText();
  }

  @Override
  public void close() {
    http.close();
  }
}
