package dev.atrium.http;

import dev.atrium.core.error.AtriumException;
import io.javalin.http.Context;

/** How one dialect shows an error: its status for each domain error, and its body. */
public interface ErrorFormat {
  /**
   * The status a domain error has where a dialect keeps to HTTP's meanings (Atrium's, Roomful's, LiveDigital's):
   * 400 invalid, 401, 403, 404, 409 conflict, 429, 503. Symphony and Rocket.Chat answer a conflict 400.
   */
  static int httpStatus(AtriumException e) {
    return switch (e) {
      case AtriumException.NotFound n -> 404;
      case AtriumException.Invalid i -> 400;
      case AtriumException.Conflict c -> 409;
      case AtriumException.Unauthenticated u -> 401;
      case AtriumException.Forbidden f -> 403;
      case AtriumException.TooManyRequests t -> 429;
      case AtriumException.Unavailable u -> 503;
    };
  }

  /** Writes the dialect's response for a domain error. */
  void domain(Context ctx, AtriumException error);

  /** Writes the dialect's response for an unexpected failure; {@code incident} names it in the log. */
  void internal(Context ctx, String incident);

  /** Writes the dialect's response for a path it has no route for. */
  void notFound(Context ctx);

  /**
   * The dialect's body for a refusal of the request itself rather than of what it asks: a wrong method (405), a
   * body too large (413), a URL too long (414), a body it cannot read (415), headers too large (431) or a request
   * Jetty cannot parse (400). It is a value, not a write, because Jetty's error handler sends it where there is no
   * Javalin context.
   */
  Object refusal(int status, String message);
}
