package dev.atrium.http;

import dev.atrium.core.error.AtriumException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every error to the format of the dialect that owns the request's path (the longest matching
 * prefix), or to Atrium's own format on a path no dialect owns. A 5xx never shows internals: it is logged with an
 * incident id, and only the id is returned.
 */
public final class ErrorRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorRouter.class);

  private record Entry(String prefix, ErrorFormat format) {}

  private final List<Entry> entries = new ArrayList<>();
  private final ErrorFormat fallback = new AtriumErrors();

  /** Paths starting with the prefix show errors in the format. */
  public ErrorRouter route(String prefix, ErrorFormat format) {
    entries.add(new Entry(prefix, format));
    entries.sort(Comparator.comparingInt((Entry e) -> e.prefix.length()).reversed());
    return this;
  }

  public ErrorFormat formatFor(String path) {
    for (Entry e : entries) {
      if (path.startsWith(e.prefix)) {
        return e.format;
      }
    }
    return fallback;
  }

  /** Installs the handlers on the server being configured. */
  public void install(JavalinConfig config) {
    config.routes.exception(AtriumException.class, (e, ctx) -> {
      if (e instanceof AtriumException.TooManyRequests tooMany) {
        ctx.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
      }
      formatFor(ctx.path()).domain(ctx, e);
    });
    config.routes.exception(HttpResponseException.class, (e, ctx) -> {
      if (e.getStatus() == 404) {
        formatFor(ctx.path()).notFound(ctx);
      } else if (e.getStatus() >= 500) {
        internal(ctx, e);
      } else {
        formatFor(ctx.path()).domain(ctx, statusError(e.getStatus(), Objects.requireNonNullElse(e.getMessage(), "HTTP " + e.getStatus())));
      }
    });
    config.routes.exception(Exception.class, (e, ctx) -> internal(ctx, e));
    config.routes.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        formatFor(ctx.path()).notFound(ctx);
      }
    });
    config.routes.error(405, "*", ctx -> formatFor(ctx.path()).domain(ctx,
        AtriumException.invalid("Method " + ctx.method() + " is not allowed on " + ctx.path())));
  }

  private void internal(Context ctx, Exception e) {
    String incident = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    LOG.error("incident {} on {} {}", incident, ctx.method(), ctx.path(), e);
    formatFor(ctx.path()).internal(ctx, incident);
  }

  private static AtriumException statusError(int status, String message) {
    return switch (status) {
      case 401 -> new AtriumException.Unauthenticated(message);
      case 403 -> AtriumException.forbidden(message);
      case 409 -> AtriumException.conflict(message);
      case 429 -> new AtriumException.TooManyRequests(message);
      default -> AtriumException.invalid(message);
    };
  }
}
