package dev.atrium.http;

import dev.atrium.core.error.AtriumException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.jspecify.annotations.Nullable;
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
  /** How much of a body left unread is read before the answer, in request size limits. */
  private static final long DRAIN_FACTOR = 4;
  /** How long a client may pause while the rest of a refused request is read after the answer, and how long in all. */
  private static final Duration LINGER_GAP = Duration.ofMillis(500);
  private static final Duration LINGER_MAX = Duration.ofSeconds(10);
  private volatile long maxRequestSize;

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

  /**
   * Installs the handlers on the server being configured: Javalin's and Jetty's, so that no error is ever Jetty's
   * HTML page; a wrong method on a known path is a 405 with {@code Allow}. Call it after {@code maxRequestSize} is
   * set.
   */
  public void install(JavalinConfig config) {
    config.routes.exception(AtriumException.class, (e, ctx) -> {
      if (e instanceof AtriumException.TooManyRequests tooMany) {
        ctx.header("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
      }
      formatFor(ctx.path()).domain(ctx, e);
    });
    config.routes.exception(Refusal.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
    config.routes.exception(HttpResponseException.class, (e, ctx) -> {
      int status = e.getStatus();
      if (status == 404) {
        formatFor(ctx.path()).notFound(ctx);
      } else if (status == 405) {
        methodNotAllowed(ctx, e.getDetails().getOrDefault("availableMethods", ""));
      } else if (status == 413) {
        refuse(ctx, 413, "The request body is too large: at most " + maxRequestSize + " bytes");
      } else if (status >= 500) {
        internal(ctx, e);
      } else if (status == 400 || status == 401 || status == 403 || status == 409 || status == 429) {
        formatFor(ctx.path()).domain(ctx, statusError(status, Objects.requireNonNullElse(e.getMessage(),
            "HTTP " + status)));
      } else {
        refuse(ctx, status, Objects.requireNonNullElse(e.getMessage(), "HTTP " + status));
      }
    });
    config.routes.exception(Exception.class, (e, ctx) -> {
      HttpException bad = clientError(e);
      if (bad == null) {
        internal(ctx, e);
      } else {
        // Jetty's own refusal of what it reads for us (a broken multipart body), wrapped by the servlet layer.
        formatFor(ctx.path()).domain(ctx, statusError(bad.getCode(), "Bad request: " + bad.getReason()));
      }
    });
    config.routes.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        formatFor(ctx.path()).notFound(ctx);
      }
    });
    config.routes.error(405, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        methodNotAllowed(ctx, Objects.requireNonNullElse(ctx.res().getHeader("Allow"), ""));
      }
    });
    config.routes.after(this::drain);
    maxRequestSize = config.http.maxRequestSize;
    config.http.prefer405over404 = true;
    JsonErrorHandler jetty = new JsonErrorHandler();
    config.jetty.modifyServer(server -> server.setErrorHandler(jetty));
    config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jetty));
  }

  /** Answers the refusal in the format of the path's dialect. */
  public void refuse(Context ctx, int status, String message) {
    ctx.status(status).json(formatFor(ctx.path()).refusal(status, message));
  }

  private void methodNotAllowed(Context ctx, String allowed) {
    // Javalin lists the methods as "[GET, POST]"; HEAD and OPTIONS are Javalin's, not the dialect's.
    String allow = java.util.Arrays.stream(allowed.replaceAll("[\\[\\]]", "").split(","))
        .map(String::trim).filter(m -> !m.isEmpty() && !m.equals("HEAD") && !m.equals("OPTIONS")).distinct()
        .collect(java.util.stream.Collectors.joining(", "));
    if (!allow.isEmpty()) {
      ctx.header("Allow", allow);
    }
    refuse(ctx, 405, "Method " + ctx.method() + " is not allowed on " + ctx.path()
        + (allow.isEmpty() ? "" : "; allowed: " + allow));
  }

  /**
   * Jetty's answer to what never reaches Javalin (a URL or headers over the limit, a path it cannot decode): the
   * path's dialect's JSON instead of Jetty's HTML page, whatever the method (Jetty's own handler leaves the body
   * empty but for GET, POST and HEAD).
   */
  private final class JsonErrorHandler extends ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
        @Nullable Throwable cause, Callback callback) {
      String path = "/";
      try {
        String p = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        if (p != null && !p.equals("/badMessage")) {
          path = p;
        } else {
          path = RefusedTarget.path(request).orElse(path);
        }
      } catch (RuntimeException e) {
        // an undecodable path: the fallback format
      }
      String text = switch (code) {
        case 414 -> "The URL is too long";
        case 431 -> "The request headers are too large";
        case 413 -> "The request body is too large: at most " + maxRequestSize + " bytes";
        case 400 -> "Bad request: " + (message == null || message.isBlank() ? "the request cannot be parsed"
            : message);
        default -> message == null || message.isBlank() ? "HTTP " + code : message;
      };
      Object body = code >= 500 ? formatFor(path).refusal(code, "Internal server error")
          : formatFor(path).refusal(code, text);
      boolean closing = !request.getConnectionMetaData().isPersistent();
      if (closing) {
        // Jetty closes the connection after a request it could not parse, but its stand-in request is HTTP/1.0, so
        // its answer did not say so: an HTTP/1.1 client kept the connection and sent its next request into it.
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put("X-Content-Type-Options", "nosniff");
      response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
      Callback done = callback;
      if (closing) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        done = Callback.from(() -> Thread.ofVirtual().name("linger").start(() -> {
          linger(endPoint);
          try {
            callback.succeeded();
          } catch (RuntimeException e) {
            // The client closed the connection while it lingered: Jetty has dropped the exchange already, and its
            // completion finds no stream to complete (a NullPointerException in HttpChannelState). Nothing is left
            // to answer.
            LOG.debug("the connection closed while it lingered after a refused request", e);
          }
        }), callback::failed);
      }
      response.write(true, ByteBuffer.wrap(JsonMapper.write(body).getBytes(StandardCharsets.UTF_8)), done);
    }
  }

  /**
   * After the answer to a request Jetty could not make a request of (a NUL or a broken escape in the target, a URL
   * over its limit), reads and drops what the client still sends until it closes, pauses for {@link #LINGER_GAP},
   * sends more than the drain limit, or {@link #LINGER_MAX} has passed; Jetty closes the connection after. Jetty
   * reads no more of such a connection and closed it right after the answer: a client still sending its body (the
   * JDK's client sends all of it before it reads) then got a reset, which discards the answer it had not read yet.
   */
  private void linger(EndPoint endPoint) {
    ByteBuffer buffer = BufferUtil.allocate(64 * 1024);
    long limit = DRAIN_FACTOR * maxRequestSize;
    long deadline = System.nanoTime() + LINGER_MAX.toNanos();
    long read = 0;
    try {
      while (read <= limit && System.nanoTime() < deadline) {
        BufferUtil.clear(buffer);
        int n = endPoint.fill(buffer);
        if (n < 0) {
          return;
        }
        if (n > 0) {
          read += n;
          continue;
        }
        FutureCallback more = new FutureCallback();
        endPoint.fillInterested(more);
        more.get(LINGER_GAP.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (TimeoutException e) {
      // the client sends no more
    } catch (IOException | ExecutionException | RuntimeException e) {
      // the connection closed meanwhile
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads what is left of the request's body before the answer goes out, up to {@link #DRAIN_FACTOR} times the size
   * limit. A refusal made before the body is read (a body over the limit, another charset, a path no route has)
   * leaves bytes unread, and Jetty closes such a connection right after the answer, which does not say so: a client
   * still sending its body gets a reset that can discard the answer, and a client that keeps the connection for its
   * next request sends that into a closed socket and reads no answer at all. A larger body is not read: the answer
   * says {@code Connection: close}.
   */
  private void drain(Context ctx) {
    try {
      ServletInputStream in = ctx.req().getInputStream();
      if (in.isFinished()) {
        return;
      }
      long limit = DRAIN_FACTOR * maxRequestSize;
      if (ctx.req().getContentLengthLong() > limit) {
        ctx.header("Connection", "close");
        return;
      }
      byte[] buffer = new byte[64 * 1024];
      long read = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read += n;
        if (read > limit) {
          ctx.header("Connection", "close");
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the client went away, or the body was read as a form or in parts: nothing is left to read here
    }
  }

  /** Jetty's 4xx refusal among the exception's causes, if any. */
  private static @Nullable HttpException clientError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
        return http;
      }
    }
    return null;
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
