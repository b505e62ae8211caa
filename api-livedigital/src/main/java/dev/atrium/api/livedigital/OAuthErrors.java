package dev.atrium.api.livedigital;

import dev.atrium.core.error.AtriumException;
import dev.atrium.http.ErrorFormat;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token endpoint's errors, OAuth's {@code {error, error_description}} (RFC 6749 §5.2): {@code invalid_request}
 * (400), {@code invalid_client} (401), {@code invalid_grant} (400), {@code unsupported_grant_type} (400); a rate
 * limit or login wait is 429 {@code too_many_requests}, with {@code Retry-After}.
 */
final class OAuthErrors implements ErrorFormat {
  /** A refusal of the token route, answered in OAuth's shape. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String error;

    Failure(int status, String error, String description) {
      super(description, null, false, false);
      this.status = status;
      this.error = error;
    }

    int status() {
      return status;
    }

    Map<String, Object> body() {
      return OAuthErrors.body(error, String.valueOf(getMessage()));
    }
  }

  static Failure invalidRequest(String description) {
    return new Failure(400, "invalid_request", description);
  }

  static Failure invalidClient() {
    return new Failure(401, "invalid_client", "Invalid client credentials");
  }

  static Failure invalidGrant() {
    return new Failure(400, "invalid_grant", "Invalid credentials");
  }

  static Map<String, Object> body(String error, String description) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    return body;
  }

  static String error(int status) {
    return switch (status) {
      case 401 -> "invalid_client";
      case 429 -> "too_many_requests";
      default -> status >= 500 ? "server_error" : "invalid_request";
    };
  }

  @Override
  public void domain(Context ctx, AtriumException e) {
    int status = LiveDigitalErrors.status(e);
    ctx.status(status).json(body(error(status), e.getMessage()));
  }

  @Override
  public void internal(Context ctx, String incident) {
    ctx.status(500).json(body("server_error", "Internal server error (incident " + incident + ")"));
  }

  @Override
  public void notFound(Context ctx) {
    ctx.status(404).json(body("invalid_request", "Not found"));
  }

  @Override
  public Object refusal(int status, String message) {
    return body(error(status), message);
  }
}
