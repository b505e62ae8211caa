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
  static final SymphonyErrors POD = new SymphonyErrors(400);

  /**
   * For the operations whose spec lists 404 for a thing that cannot be found: the connection API ("User cannot
   * be found", "Connection cannot be found") and the v3 presence API ("user id cannot be located").
   */
  static final SymphonyErrors WITH_NOT_FOUND = new SymphonyErrors(404);

  private final int notFoundStatus;

  private SymphonyErrors(int notFoundStatus) {
    this.notFoundStatus = notFoundStatus;
  }

  int status(AtriumException e) {
    return switch (e) {
      case AtriumException.NotFound n -> notFoundStatus;
      case AtriumException.Invalid i -> 400;
      case AtriumException.Conflict c -> 400;
      case AtriumException.Unauthenticated u -> 401;
      case AtriumException.Forbidden f -> 403;
      case AtriumException.TooManyRequests t -> 429;
      case AtriumException.Unavailable u -> 503;
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
  public Object refusal(int status, String message) {
    return new Error(status, message);
  }

  @Override
  public void notFound(Context ctx) {
    ctx.status(404).json(new Error(404, "No such endpoint: " + ctx.method() + " " + ctx.path()));
  }
}
