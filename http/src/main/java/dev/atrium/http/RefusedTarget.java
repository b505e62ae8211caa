package dev.atrium.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Utf8StringBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of a request Jetty refused while it read the request line: a target it cannot make a URI of (a NUL as
 * {@code %00}, a broken escape as {@code %zz}) or one over its size limit (414). Jetty answers those through its
 * error handler with a stand-in request ({@code /badMessage}) that has lost the target, so the answer could not be
 * in the format of the path's dialect. The target, or as much of it as was read, is still in the connection's
 * parser until its next request line: it is read from there.
 *
 * <p>That is a private field of Jetty's {@link HttpParser}, so this one class reads it, read-only, and fails soft:
 * should a Jetty upgrade rename it, such answers are in Atrium's own format again (logged once at start, and
 * {@code BoundaryTest} fails). Subclassing Jetty's internal connection to keep the target, or letting such targets
 * through ({@code UriCompliance}), would change far more than this answer.
 */
final class RefusedTarget {
  private static final Logger LOG = LoggerFactory.getLogger(RefusedTarget.class);
  private static final @Nullable VarHandle URI = find();

  private RefusedTarget() {}

  /** The path the refused request named, if its connection still holds it. */
  static Optional<String> path(Request request) {
    if (URI == null || !(request.getConnectionMetaData().getConnection() instanceof HttpConnection http)) {
      return Optional.empty();
    }
    if (!(URI.get(http.getParser()) instanceof Utf8StringBuilder uri)) {
      return Optional.empty();
    }
    String target = uri.toPartialString();
    if (target.regionMatches(true, 0, "http://", 0, 7) || target.regionMatches(true, 0, "https://", 0, 8)) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    if (!target.startsWith("/")) {
      return Optional.empty();
    }
    int end = target.length();
    for (char c : new char[] {'?', '#'}) {
      int i = target.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return Optional.of(target.substring(0, end));
  }

  private static @Nullable VarHandle find() {
    try {
      return MethodHandles.privateLookupIn(HttpParser.class, MethodHandles.lookup())
          .findVarHandle(HttpParser.class, "_uri", Utf8StringBuilder.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("Jetty's parser no longer keeps a refused request's target where expected: such requests are"
          + " answered in Atrium's error format", e);
      return null;
    }
  }
}
