package dev.atrium.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.account.Captcha;
import dev.atrium.core.error.AtriumException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A captcha checked the way hCaptcha, reCAPTCHA and Cloudflare Turnstile all check theirs: a form POST of
 * {@code secret}, {@code response} (the widget's token) and {@code remoteip} to the service's verify URL, which
 * answers JSON with a boolean {@code success}. A token longer than {@value #MAX_TOKEN_LENGTH} characters is refused
 * without asking. The secret and the token never reach a log or an error.
 */
public final class SiteVerifyCaptcha implements Captcha {
  static final int MAX_TOKEN_LENGTH = 8192;
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(SiteVerifyCaptcha.class);

  private final URI verifyUrl;
  private final String secret;
  private final HttpClient client;

  public SiteVerifyCaptcha(URI verifyUrl, String secret) {
    this.verifyUrl = verifyUrl;
    this.secret = secret;
    this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT).build();
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public void require(@Nullable String token, @Nullable String remoteAddress) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      throw Captcha.refused();
    }
    StringBuilder form = new StringBuilder("secret=").append(encode(secret)).append("&response=").append(encode(token));
    if (remoteAddress != null) {
      form.append("&remoteip=").append(encode(remoteAddress));
    }
    HttpRequest request = HttpRequest.newBuilder(verifyUrl).timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
    JsonNode answer;
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw unavailable("answered " + response.statusCode(), null);
      }
      answer = JsonMapper.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw unavailable("could not be read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("was interrupted", null);
    }
    JsonNode success = answer == null ? null : answer.get("success");
    if (success == null || !success.isBoolean()) {
      throw unavailable("answered without a boolean success", null);
    }
    if (!success.asBoolean()) {
      throw Captcha.refused();
    }
  }

  private AtriumException.Unavailable unavailable(String what, @Nullable Exception cause) {
    LOG.warn("the captcha service at {} {}{}", verifyUrl.getHost(), what,
        cause == null ? "" : ": " + cause.getClass().getSimpleName());
    return AtriumException.unavailable("The captcha cannot be checked now; please try again later");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
