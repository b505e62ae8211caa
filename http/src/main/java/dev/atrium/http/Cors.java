package dev.atrium.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-origin access for the dialects that browsers call. Off unless origins are configured; then only the paths a
 * dialect declares ({@link Dialect#browserPaths}) answer a listed origin with {@code Access-Control-Allow-Origin},
 * and their preflight {@code OPTIONS} with the dialect's methods and request headers. An origin not listed gets no
 * CORS header, so the browser keeps the answer from the page. With {@code *} any origin may read, but never with
 * credentials (cookies); with exact origins a dialect that uses cookies may allow them.
 */
public final class Cors {
  /** How long a browser may keep a preflight's answer, in seconds. */
  static final int MAX_AGE_SECONDS = 600;

  /** The paths of one dialect that browsers call: what they may send there. */
  public record Paths(List<String> prefixes, List<String> methods, List<String> headers, boolean credentials) {
    public Paths {
      prefixes = List.copyOf(prefixes);
      methods = List.copyOf(methods);
      headers = List.copyOf(headers);
    }
  }

  /** The origins allowed: none (CORS off), any ({@code *}), or exact {@code scheme://host[:port]} origins. */
  public record Origins(boolean any, Set<String> exact) {
    public static final Origins OFF = new Origins(false, Set.of());

    public Origins {
      exact = Set.copyOf(exact);
    }

    public boolean off() {
      return !any && exact.isEmpty();
    }

    /**
     * Parses {@code *} or comma-separated origins such as {@code https://app.example.com,http://localhost:3000};
     * blank is off. Throws {@link IllegalArgumentException} saying what is wrong.
     */
    public static Origins parse(String text) {
      if (text.isBlank()) {
        return OFF;
      }
      if (text.trim().equals("*")) {
        return new Origins(true, Set.of());
      }
      Set<String> origins = new LinkedHashSet<>();
      for (String part : text.split(",")) {
        String origin = part.trim();
        if (origin.equals("*")) {
          throw new IllegalArgumentException("must be * alone or a list of origins");
        }
        URI uri;
        try {
          uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
          throw new IllegalArgumentException("has an invalid origin '" + origin + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawPath() == null
            || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
            || uri.getRawUserInfo() != null) {
          throw new IllegalArgumentException("has an invalid origin '" + origin
              + "' (expected scheme://host or scheme://host:port, without a path)");
        }
        origins.add(origin.toLowerCase(Locale.ROOT));
      }
      return new Origins(false, origins);
    }

    boolean allows(String origin) {
      return any || exact.contains(origin.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return off() ? "off" : any ? "*" : String.join(",", exact);
    }
  }

  private final Origins origins;
  private final List<Paths> paths;

  public Cors(Origins origins, List<Paths> paths) {
    this.origins = origins;
    this.paths = List.copyOf(paths);
  }

  /** Adds the headers and the preflight routes; nothing when CORS is off. */
  public void install(JavalinConfig cfg) {
    if (origins.off()) {
      return;
    }
    cfg.routes.before(ctx -> find(ctx).ifPresent(p -> allow(ctx, p)));
    for (Paths p : paths) {
      for (String prefix : p.prefixes()) {
        if (!prefix.endsWith("/")) {
          cfg.routes.options(prefix, ctx -> preflight(ctx, p));
        }
        cfg.routes.options(prefix.endsWith("/") ? prefix + "*" : prefix + "/*", ctx -> preflight(ctx, p));
      }
    }
  }

  private Optional<Paths> find(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin == null || !origins.allows(origin)) {
      return Optional.empty();
    }
    for (Paths p : paths) {
      for (String prefix : p.prefixes()) {
        if (ctx.path().startsWith(prefix)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  private void allow(Context ctx, Paths p) {
    String origin = ctx.header("Origin");
    if (origins.any()) {
      ctx.header("Access-Control-Allow-Origin", "*");
    } else {
      ctx.header("Access-Control-Allow-Origin", String.valueOf(origin));
      ctx.header("Vary", "Origin");
      if (p.credentials()) {
        ctx.header("Access-Control-Allow-Credentials", "true");
      }
    }
    ctx.header("Access-Control-Expose-Headers", "Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, "
        + "X-RateLimit-Reset");
  }

  /** A preflight: 204 with what the dialect accepts for a listed origin, a bare 204 for any other. */
  private void preflight(Context ctx, Paths p) {
    if (find(ctx).isPresent()) {
      List<String> methods = new ArrayList<>(p.methods());
      ctx.header("Access-Control-Allow-Methods", String.join(", ", methods));
      ctx.header("Access-Control-Allow-Headers", String.join(", ", p.headers()));
      ctx.header("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
    }
    ctx.status(204);
  }
}
