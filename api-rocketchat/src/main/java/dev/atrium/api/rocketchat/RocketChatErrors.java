package dev.atrium.api.rocketchat;

import dev.atrium.core.error.AtriumException;
import dev.atrium.http.ErrorFormat;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rocket.Chat's error bodies ({@code ApiClass}): every one has {@code success:false} and an {@code error} text. A
 * route that needs a caller and has none answers 401 with the pre-8.0 compatibility fields {@code status} and
 * {@code message}; a caller who may not, 403 with the literal {@code "unauthorized"}; an unknown route 404
 * {@code "Resource not found"}; a rate limit 429 with Rocket.Chat's sentence and code. Everything else a domain
 * error says is a 400 with its message, as a {@code failure(message)}.
 */
final class RocketChatErrors implements ErrorFormat {
  /** The text of the 401 on a route that needs a caller. */
  static final String NOT_LOGGED_IN = "You must be logged in to do this.";

  static int status(AtriumException e) {
    return switch (e) {
      case AtriumException.NotFound n -> 404;
      case AtriumException.Invalid i -> 400;
      case AtriumException.Conflict c -> 400;
      case AtriumException.Unauthenticated u -> 401;
      case AtriumException.Forbidden f -> 403;
      case AtriumException.TooManyRequests t -> 429;
      case AtriumException.Unavailable u -> 503;
    };
  }

  static Map<String, Object> body(AtriumException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    switch (e) {
      case AtriumException.Unauthenticated u -> {
        body.put("error", u.getMessage());
        body.put("status", "error");
        body.put("message", u.getMessage());
      }
      case AtriumException.Forbidden f -> body.put("error", "unauthorized");
      case AtriumException.TooManyRequests t -> body.put("error", "Error, too many requests. Please slow down. You"
          + " must wait " + t.retryAfterSeconds() + " seconds before trying this endpoint again."
          + " [error-too-many-requests]");
      case AtriumException.NotFound n -> body.put("error", n.getMessage());
      case AtriumException.Invalid i -> body.put("error", i.getMessage());
      case AtriumException.Conflict c -> body.put("error", c.getMessage());
      case AtriumException.Unavailable u -> body.put("error", u.getMessage());
    }
    return body;
  }

  @Override
  public void domain(Context ctx, AtriumException error) {
    ctx.status(status(error)).json(body(error));
  }

  @Override
  public void internal(Context ctx, String incident) {
    ctx.status(500).json(Map.of("success", false, "error", "Internal server error (incident " + incident + ")"));
  }

  @Override
  public void notFound(Context ctx) {
    ctx.status(404).json(notFoundBody());
  }

  static Map<String, Object> notFoundBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", "Resource not found");
    return body;
  }

  /** A refusal of the request itself (405, 413, 414, 415, 431, 400): {@code {success:false, error}}. */
  @Override
  public Object refusal(int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", message);
    return body;
  }
}
