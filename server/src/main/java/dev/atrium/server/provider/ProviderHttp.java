package dev.atrium.server.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.http.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to one provider with a hard deadline and a bounded body. Every failure to get an answer becomes
 * {@link AtriumException.Unavailable} naming the provider and the kind of failure; URLs are never part of a
 * message or a log line, since their queries carry tokens.
 */
final class ProviderHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderHttp.class);
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Larger than any answer of the calls made here by orders of magnitude. */
  static final int MAX_BODY_BYTES = 1 << 20;

  record Response(int status, byte[] body) {}

  private final String provider;
  private final HttpClient client;
  private final Duration requestTimeout;

  ProviderHttp(String provider, Duration connectTimeout, Duration requestTimeout) {
    this.provider = provider;
    this.requestTimeout = requestTimeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** {@code base + path + "?" + query}, each query value form-encoded. */
  static URI uri(URI base, String path, Map<String, String> query) {
    String encoded = query.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return URI.create(base + path + (encoded.isEmpty() ? "" : "?" + encoded));
  }

  /** Sends a GET and waits at most the request timeout for the whole answer, body included. */
  Response get(URI uri, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(requestTimeout)
        .header("Accept", "application/json");
    headers.forEach(request::header);
    CompletableFuture<HttpResponse<byte[]>> sent =
        client.sendAsync(request.build(), info -> new BoundedBody(MAX_BODY_BYTES));
    try {
      HttpResponse<byte[]> response = sent.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Response(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw fail(uri, "did not answer within " + seconds(requestTimeout), null);
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw fail(uri, "was not asked: the request was interrupted", null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw fail(uri, describe(cause), cause);
    }
  }

  /** The body as JSON; anything else is the provider's fault. */
  JsonNode json(URI uri, Response response) {
    try {
      JsonNode node = JsonMapper.MAPPER.readTree(response.body());
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // reported below, without echoing the body
    }
    throw fail(uri, response.status() == 200 ? "answered with malformed JSON"
        : "answered HTTP " + response.status() + " without a JSON body", null);
  }

  /** An unavailable error saying what went wrong with the provider; logged with the path, never the query. */
  AtriumException.Unavailable fail(URI uri, String what, @Nullable Throwable cause) {
    LOG.warn("{} GET {} {}{}", provider, uri.getRawPath(), what,
        cause == null ? "" : " (" + cause.getClass().getName() + ")");
    return AtriumException.unavailable(provider + " " + what);
  }

  private String describe(Throwable cause) {
    return switch (cause) {
      case HttpConnectTimeoutException t -> "cannot be reached: connecting timed out after "
          + seconds(client.connectTimeout().orElse(CONNECT_TIMEOUT));
      case HttpTimeoutException t -> "did not answer within " + seconds(requestTimeout);
      case BodyTooLarge t -> "answered with more than " + (MAX_BODY_BYTES >> 20) + " MiB";
      case ConnectException c -> "cannot be reached: connection refused or no route to host";
      case IOException io -> "cannot be reached: the connection failed (" + io.getClass().getSimpleName() + ")";
      default -> "cannot be reached (" + cause.getClass().getSimpleName() + ")";
    };
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public void close() {
    client.shutdownNow();
  }

  static final class BodyTooLarge extends IOException {
    BodyTooLarge() {
      super("response body too large");
    }
  }

  /** Collects the body, and gives up (closing the stream) once it passes the limit. */
  private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.@Nullable Subscription subscription;

    BoundedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > limit) {
          if (subscription != null) {
            subscription.cancel();
          }
          result.completeExceptionally(new BodyTooLarge());
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      result.complete(bytes.toByteArray());
    }
  }
}
