package dev.atrium.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The plumbing the fake providers share: a JDK HTTP server on a free loopback port, one virtual thread per
 * request, and the means to make it misbehave (a canned answer for the next request, a delay before every
 * answer) the way a real provider sometimes does.
 */
abstract class FakeHttpServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer, status and body as sent. */
  record Reply(int status, String contentType, String body) {
    static Reply json(int status, Object value) {
      try {
        return new Reply(status, "application/json; charset=UTF-8", JSON.writeValueAsString(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What a handler sees of a request. */
  record Request(String method, String path, Map<String, String> query, Map<String, List<String>> headers) {
    @Nullable String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().getFirst();
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicReference<@Nullable Reply> next = new AtomicReference<>();
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final List<String> paths = new ArrayList<>();

  FakeHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for a fake provider", e);
    }
  }

  /** Starts serving; called once the subclass is fully built, so its handler threads see all its fields. */
  final void listen() {
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  /** Answers one request. */
  abstract Reply handle(Request request);

  /** {@code http://127.0.0.1:port}. */
  final String baseUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** The next request gets this answer instead of its real one (once), e.g. a 500 or a body that is not JSON. */
  public final void failNext(int status, String contentType, String body) {
    next.set(new Reply(status, contentType, body));
  }

  /** Every answer from now on waits this long first: a provider that hangs. */
  public final void delayAnswers(Duration by) {
    delay.set(by);
  }

  /** How many requests arrived. */
  public final int requests() {
    return requests.get();
  }

  /** The path of every request in order, without the query (which holds tokens). */
  public final synchronized List<String> paths() {
    return List.copyOf(paths);
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      synchronized (this) {
        paths.add(exchange.getRequestURI().getRawPath());
      }
      exchange.getRequestBody().readAllBytes();
      Duration wait = delay.get();
      if (!wait.isZero()) {
        try {
          Thread.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      Reply canned = next.getAndSet(null);
      Reply reply = canned != null ? canned : handle(new Request(exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), query(exchange.getRequestURI().getRawQuery()),
          exchange.getRequestHeaders()));
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    }
  }

  private static Map<String, String> query(@Nullable String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.putIfAbsent(name, value);
    }
    return values;
  }

  /** Stops listening: later requests find the port closed. Closing again does nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
