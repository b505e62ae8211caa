package dev.atrium.http;

import dev.atrium.core.error.AtriumException;
import io.javalin.http.Context;

/** How one dialect shows an error: its status for each domain error, and its body. */
public interface ErrorFormat {
  /** Writes the dialect's response for a domain error. */
  void domain(Context ctx, AtriumException error);

  /** Writes the dialect's response for an unexpected failure; {@code incident} names it in the log. */
  void internal(Context ctx, String incident);

  /** Writes the dialect's response for a path it has no route for. */
  void notFound(Context ctx);
}
