package dev.atrium.socketio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/** A bare websocket (the JDK's client) for writing Engine.IO frames by hand. */
final class RawSocket implements AutoCloseable {
  record Closed(int code, String reason) {}

  private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final WebSocket ws;

  RawSocket(String url) {
    this.ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
        .buildAsync(URI.create(url), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              texts.add(partial.toString());
              partial.setLength(0);
            }
            webSocket.request(1);
            return null;
          }

          @Override
          public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
          }

          @Override
          public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(-1, String.valueOf(error)));
          }
        }).join();
  }

  /** The next text frame from the server; fails if none comes in time. */
  String next(Duration timeout) {
    try {
      String text = texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (text == null) {
        throw new AssertionError("no frame within " + timeout + (closed.isDone() ? "; closed " + closed.join() : ""));
      }
      return text;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  String next() {
    return next(Duration.ofSeconds(5));
  }

  /** A frame that arrived without waiting, or null. */
  String poll() {
    return texts.poll();
  }

  void send(String text) {
    ws.sendText(text, true).join();
  }

  void sendBinary(byte[] bytes) {
    ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
  }

  /**
   * How the server closed the websocket; fails if it does not within the timeout. When the server drops the
   * connection without a close frame, the JDK client may not notice the end of input until it writes (seen under
   * load: the server had closed, the client waited on); so while waiting it pings now and then, and a write that
   * fails is the close. A server that did not close answers the pings and the wait fails as it should.
   */
  Closed awaitClose(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return closed.get(Math.min(500, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)),
            TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() >= deadline) {
          throw new AssertionError("the server did not close the websocket within " + timeout, e);
        }
        ws.sendPing(ByteBuffer.allocate(0)).whenComplete((sent, failure) -> {
          Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
          if (cause instanceof IOException) {
            closed.complete(new Closed(-1, String.valueOf(cause)));
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      } catch (ExecutionException e) {
        throw new AssertionError(e);
      }
    }
  }

  boolean isClosed() {
    return closed.isDone();
  }

  /** Opens an Engine.IO session and returns the open packet; v4 also connects to "/" and returns the sid. */
  static RawSocket open(EchoApp app, int eio) {
    return new RawSocket(app.wsUrl(eio));
  }

  @Override
  public void close() {
    if (!ws.isOutputClosed()) {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    ws.abort();
  }
}
