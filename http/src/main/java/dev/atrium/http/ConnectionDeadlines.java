package dev.atrium.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two deadlines for HTTP connections: the idle timeout (a connection that sends and receives nothing for that long
 * is closed: Jetty's own, set on every connector) and a header deadline, which Jetty 12 does not have. Its idle
 * timeout starts again with every byte, so a client that sends one header byte every few seconds holds its
 * connection, and a thread-free slot of the server, for as long as it likes (slow-loris).
 *
 * <p>A sweeper thread looks at every open HTTP/1 connection four times per deadline (at most once a second). The
 * clock of a request starts when the sweeper first sees its parser inside the request line or headers, or sees
 * bytes arrive while the parser still waits for a request line (HTTP lets a client send empty lines before one, so
 * a client that trickles only CRLFs never leaves that state), and stops once the headers are complete; the cut
 * comes between the deadline and a sweep after it. A connection still in its headers then is closed without an
 * answer: there is no complete request to answer. A connection that waits for its next request and sends nothing
 * is the idle timeout's; one upgraded to a websocket is not HTTP any more and is left alone.
 */
public final class ConnectionDeadlines extends AbstractLifeCycle {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionDeadlines.class);

  private final Server server;
  private final long headerNanos;
  private final Duration idleTimeout;
  private @Nullable ScheduledExecutorService sweeper;
  /** Per open connection: where its current request stood; touched only by the sweeper thread. */
  private Map<EndPoint, Mark> marks = new HashMap<>();

  /**
   * Where a connection's next request stood: the responses sent before it, the bytes received when it was seen, since
   * when, and whether its clock runs (the request began, or bytes came that began none) or this is only where it was.
   */
  private record Mark(long responses, long bytesIn, long since, boolean running) {}

  private ConnectionDeadlines(Server server, Duration headerTimeout, Duration idleTimeout) {
    this.server = server;
    this.headerNanos = headerTimeout.toNanos();
    this.idleTimeout = idleTimeout;
  }

  /** Applies both deadlines to the connectors of the app being configured, from its start to its stop. */
  public static void install(JavalinConfig cfg, Duration headerTimeout, Duration idleTimeout) {
    positive(headerTimeout, "headerTimeout");
    positive(idleTimeout, "idleTimeout");
    cfg.jetty.modifyServer(server -> server.addBean(new ConnectionDeadlines(server, headerTimeout, idleTimeout)));
  }

  @Override
  protected void doStart() {
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof AbstractConnector c) {
        c.setIdleTimeout(idleTimeout.toMillis());
      }
    }
    long period = Math.clamp(headerNanos / 4, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1));
    ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("http-header-deadline").factory());
    s.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.NANOSECONDS);
    sweeper = s;
  }

  @Override
  protected void doStop() {
    ScheduledExecutorService s = sweeper;
    sweeper = null;
    if (s != null) {
      s.shutdownNow();
    }
  }

  private void sweep() {
    try {
      long now = System.nanoTime();
      Map<EndPoint, Mark> next = new HashMap<>();
      for (Connector connector : server.getConnectors()) {
        for (EndPoint endPoint : connector.getConnectedEndPoints()) {
          if (endPoint.getConnection() instanceof HttpConnection http && endPoint.isOpen()) {
            Mark mark = check(endPoint, http, marks.get(endPoint), now);
            if (mark != null) {
              next.put(endPoint, mark);
            }
          }
        }
      }
      marks = next;
    } catch (RuntimeException e) {
      LOG.warn("checking the header deadline failed", e);
    }
  }

  /**
   * The connection's new mark: none when it is past its headers (or upgraded), the same clock while it is still
   * before or inside the headers of the same request (told apart by the responses sent so far, which a request
   * line, then its headers, do not change). Null too once it is cut.
   */
  private @Nullable Mark check(EndPoint endPoint, HttpConnection http, @Nullable Mark mark, long now) {
    int state = http.getParser().getState().ordinal();
    if (state > HttpParser.State.HEADER.ordinal()) {
      return null;
    }
    long responses = http.getMessagesOut();
    long bytesIn = http.getBytesIn();
    boolean inRequest = state > HttpParser.State.START.ordinal();
    if (mark == null || mark.responses() != responses) {
      return new Mark(responses, bytesIn, now, inRequest);
    }
    if (!mark.running()) {
      // Waiting for a request line: its clock starts with a request line, or with bytes that start none.
      return inRequest || bytesIn != mark.bytesIn() ? new Mark(responses, bytesIn, now, true) : mark;
    }
    if (now - mark.since() > headerNanos) {
      LOG.debug("closing {}: its request line and headers took longer than {} ms", endPoint.getRemoteSocketAddress(),
          TimeUnit.NANOSECONDS.toMillis(headerNanos));
      endPoint.close();
      return null;
    }
    return mark;
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }
}
