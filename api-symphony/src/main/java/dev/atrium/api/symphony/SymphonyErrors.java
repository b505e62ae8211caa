package dev.atrium.api.symphony;

import dev.atrium.core.error.AtriumException;
import dev.atrium.http.ErrorFormat;
import io.javalin.http.Context;

/** Symphony's error body, {@code {code, message}}, on every 4xx and 5xx. */
final class SymphonyErrors implements ErrorFormat {
  record Error(int code, String message) {}

  /**
   * The pod API lists 400, 401, 403 and 500 for nearly every operation, and no 404: an unknown user or
   * disclaimer is a client error (400), as on a real pod.
   */
  static int status(AtriumException e) {
    return switch (e) {
      case AtriumException.NotFound n -> 400;
      case AtriumException.Invalid i -> 400;
      case AtriumException.Conflict c -> 400;
      case AtriumException.Unauthenticated u -> 401;
      case AtriumException.Forbidden f -> 403;
      case AtriumException.TooManyRequests t -> 429;
    };
  }

  @Override
  public void domain(Context ctx, AtriumException error) {
    int status = status(error);
    ctx.status(status).json(new Error(status, error.getMessage()));
  }

  @Override
  public void internal(Context ctx, String incident) {
    ctx.status(500).json(new Error(500, "Internal server error (incident " + incident + ")"));
  }

  @Override
  public void notFound(Context ctx) {
    ctx.status(404).json(new Error(404, "No such endpoint: " + ctx.method() + " " + ctx.path()));
  }
}
