package dev.atrium.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A small application on the gateway, as the tests drive it: a Javalin server on port 0 with a
 * {@link SocketIoServer} at {@code /socket} and a few events that echo, push, kick and record.
 */
final class EchoApp implements AutoCloseable {
  final SocketIoServer sio;
  final Javalin app;
  /** Why each admitted socket went away, by socket id. */
  final Map<String, DisconnectReason> disconnects = new ConcurrentHashMap<>();
  /** The order in which each socket's "seq" handlers ran. */
  final Map<String, List<Integer>> sequences = new ConcurrentHashMap<>();
  /** Whether each "seq" handler ran on a virtual thread. */
  final List<Boolean> virtualThreads = java.util.Collections.synchronizedList(new ArrayList<>());
  /** Jetty's HTTP sessions of the app, to check that upgrades leave none behind. */
  volatile org.eclipse.jetty.ee10.servlet.@org.jspecify.annotations.Nullable SessionHandler httpSessions;
  /** Released to let "block" handlers return. */
  final CountDownLatch unblock = new CountDownLatch(1);

  EchoApp() {
    this(UnaryOperator.identity());
  }

  EchoApp(UnaryOperator<SocketIoServer.Builder> settings) {
    SocketIoServer.Builder builder = SocketIoServer.builder()
        .onConnect(socket -> {
          var reject = socket.handshake().query("reject");
          if (reject.isPresent()) {
            return reject.get().isEmpty() ? Admission.reject("Not authorized")
                : Admission.reject("Not authorized", Map.of("reason", reject.get()));
          }
          socket.attach(socket.handshake().query("user").orElse("anonymous"));
          if (socket.handshake().query("welcome").isPresent()) {
            socket.emit("welcome", socket.attachment(String.class));
          }
          return Admission.accept();
        })
        .onDisconnect((socket, reason) -> disconnects.put(socket.id(), reason))
        .on("echo", e -> e.ack().send(e.args().toArray()))
        .on("handshake", e -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("id", e.socket().id());
          body.put("protocol", e.socket().protocol());
          body.put("user", e.socket().attachment(String.class));
          body.put("sessionId", e.socket().handshake().query("sessionId").orElse(null));
          body.put("remoteAddress", e.socket().handshake().remoteAddress());
          body.put("auth", e.socket().handshake().auth().orElse(null));
          e.ack().send(body);
        })
        .on("push", e -> e.socket().emit("pushed", e.arg(0), "second"))
        .on("kick", e -> e.socket().disconnect())
        .on("twice", e -> {
          boolean first = e.ack().send("first");
          boolean second = e.ack().send("second");
          e.socket().emit("twice-result", first, second, e.ack().sent());
        })
        .on("seq", e -> {
          virtualThreads.add(Thread.currentThread().isVirtual());
          sleepMillis(ThreadLocalRandom.current().nextInt(3));
          sequences.computeIfAbsent(e.socket().id(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
              .add(e.arg(0).asInt());
        })
        .on("seq-done", e -> e.ack().send(sequences.getOrDefault(e.socket().id(), List.of())))
        .on("block", e -> {
          try {
            unblock.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
          }
          e.ack().send("unblocked");
        })
        .on("boom", e -> {
          throw new IllegalStateException("boom");
        })
        .onException((e, ex) -> e.ack().send(Map.of("error", ex.getMessage())))
        .onAny(e -> e.ack().send(Map.of("error", "unknown event " + e.name())));
    sio = settings.apply(builder).build();
    app = Javalin.create(cfg -> {
      cfg.jetty.port = 0;
      cfg.jetty.host = "127.0.0.1";
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.modifyServletContextHandler(handler -> httpSessions = handler.getSessionHandler());
      sio.install(cfg, "/socket");
    }).start();
  }

  /** HTTP sessions alive in the app now. */
  long httpSessionCount() {
    var handler = java.util.Objects.requireNonNull(httpSessions, "no session handler");
    return ((org.eclipse.jetty.session.DefaultSessionCache) handler.getSessionCache()).getSessionsCurrent();
  }

  String url() {
    return "http://127.0.0.1:" + app.port();
  }

  String wsUrl(int eio) {
    return "ws://127.0.0.1:" + app.port() + "/socket/?EIO=" + eio + "&transport=websocket";
  }

  static JsonNode json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    unblock.countDown();
    app.stop();
  }
}
