package dev.atrium.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.core.error.AtriumException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import dev.atrium.core.session.Principal;
import io.javalin.router.Endpoint;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Rate limits per {@link RouteClass} and caller: a token bucket (Bucket4j) for each class and caller, held in a
 * bounded Caffeine map that forgets a bucket once it would be full again. A signed-in caller is counted by user id,
 * any other by client address ({@code ctx.ip()}; an IPv6 address by its /64, which one subscriber usually holds
 * whole). Over its rate a request is refused with {@link AtriumException.TooManyRequests} carrying the wait, which
 * every dialect answers 429 with {@code Retry-After} in its own format, and nothing runs.
 *
 * <p>Each dialect declares at install, through {@link #paths}, how its paths know their signed-in caller, which of
 * its routes are {@link RouteClass#AUTH}, and whether its answers carry {@code X-RateLimit-Limit},
 * {@code -Remaining} and {@code -Reset}; every other route's class follows from its method. Work that is no HTTP
 * route (a socket's method) is counted with {@link #check}.
 */
public final class RateLimits {
  /** How many callers' buckets one class keeps at most; a bucket dropped early only forgives its caller. */
  static final long MAX_BUCKETS = 100_000;

  /** At most {@code requests} in any {@code period}: a bucket of that many tokens that refills evenly over it. */
  public record Rate(long requests, Duration period) {
    static final long MAX_REQUESTS = 1_000_000;
    static final Duration MAX_PERIOD = Duration.ofHours(24);
    private static final Pattern TEXT = Pattern.compile("([0-9]{1,7})/([0-9]{0,5})([smh])");

    public Rate {
      if (requests < 1 || requests > MAX_REQUESTS) {
        throw new IllegalArgumentException("a rate allows 1 to " + MAX_REQUESTS + " requests, got " + requests);
      }
      if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(MAX_PERIOD) > 0
          || period.toNanosPart() != 0) {
        throw new IllegalArgumentException("a rate's period is whole seconds from 1s to 24h, got " + period);
      }
    }

    /** {@code 30/1m}, {@code 5/10s}, {@code 1000/1h} ({@code 30/m} is {@code 30/1m}); empty if it is none. */
    public static Optional<Rate> parse(String text) {
      Matcher m = TEXT.matcher(text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        return Optional.empty();
      }
      long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
      Duration period = switch (m.group(3)) {
        case "s" -> Duration.ofSeconds(count);
        case "m" -> Duration.ofMinutes(count);
        default -> Duration.ofHours(count);
      };
      try {
        return Optional.of(new Rate(Long.parseLong(m.group(1)), period));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    @Override
    public String toString() {
      long seconds = period.toSeconds();
      String shown = seconds % 3600 == 0 ? seconds / 3600 + "h"
          : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
      return requests + "/" + shown;
    }
  }

  /** The rate of each class; a class without one is not limited, and {@link #OFF} limits nothing. */
  public record Policy(Map<RouteClass, Rate> rates) {
    /** No rate limit at all (benchmarks use it; the login throttling is not a rate limit and stays on). */
    public static final Policy OFF = new Policy(Map.of());

    /**
     * Rates that normal use never meets: a backend that signs in many of its users from one address gets 20
     * sign-ins a second, sustained, after a burst of 1,200; a user, 20 changes and 100 reads a second.
     */
    public static final Policy DEFAULT = new Policy(Map.of(
        RouteClass.AUTH, new Rate(1200, Duration.ofMinutes(1)),
        RouteClass.WRITE, new Rate(1200, Duration.ofMinutes(1)),
        RouteClass.READ, new Rate(6000, Duration.ofMinutes(1)),
        RouteClass.SOCKET, new Rate(1200, Duration.ofMinutes(1)),
        RouteClass.ROUTE, new Rate(10, Duration.ofMinutes(1))));

    public Policy {
      rates = rates.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(rates));
    }

    public Optional<Rate> rate(RouteClass routeClass) {
      return Optional.ofNullable(rates.get(routeClass));
    }

    public boolean off() {
      return rates.isEmpty();
    }

    /**
     * {@code off}, or {@code class=rate} pairs separated by commas ({@code auth=30/1m,write=off}): each pair sets
     * one class's rate, or switches it off; a class not named keeps its {@link #DEFAULT} rate.
     *
     * @throws IllegalArgumentException with what is wrong, in words that follow the setting's name
     */
    public static Policy parse(String text) {
      if (text.strip().equalsIgnoreCase("off")) {
        return OFF;
      }
      Map<RouteClass, Rate> rates = new EnumMap<>(DEFAULT.rates);
      Set<RouteClass> named = EnumSet.noneOf(RouteClass.class);
      for (String pair : text.split(",", -1)) {
        int equals = pair.indexOf('=');
        if (equals < 0) {
          throw new IllegalArgumentException("must be off, or class=rate pairs separated by commas such as"
              + " auth=30/1m,write=off; '" + pair.strip() + "' is no pair");
        }
        String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
        String value = pair.substring(equals + 1).strip();
        RouteClass routeClass = Arrays.stream(RouteClass.values()).filter(c -> c.key().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("names the class '" + name + "'; the classes are "
                + Arrays.stream(RouteClass.values()).map(RouteClass::key).collect(Collectors.joining(", "))));
        if (!named.add(routeClass)) {
          throw new IllegalArgumentException("names " + name + " twice");
        }
        if (value.equalsIgnoreCase("off")) {
          rates.remove(routeClass);
        } else {
          rates.put(routeClass, Rate.parse(value).orElseThrow(() -> new IllegalArgumentException("gives " + name
              + " '" + value + "': a rate is requests/period, 1 to " + Rate.MAX_REQUESTS + " requests per 1s to 24h"
              + " (30/1m, 5/10s, 1000/1h), or off")));
        }
      }
      return new Policy(rates);
    }

    @Override
    public String toString() {
      return off() ? "off" : Arrays.stream(RouteClass.values()).map(c -> c.key() + "=" + rate(c).map(Rate::toString)
          .orElse("off")).collect(Collectors.joining(","));
    }
  }

  /** Who a bucket counts: a user, a client address, or a connection that has no user. */
  public record Caller(String key) {
    public static Caller user(long userId) {
      return new Caller("user " + userId);
    }

    /** The request's client address, as the rate limits count it: also the login guard's key for an address. */
    public static String addressKey(Context ctx) {
      return address(ctx.ip()).key();
    }

    /** A client address as {@code ctx.ip()} gives it; an IPv6 address counts by its /64. */
    public static Caller address(String ip) {
      String literal = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
      try {
        if (InetAddress.ofLiteral(literal) instanceof Inet6Address v6) {
          byte[] network = Arrays.copyOf(v6.getAddress(), 16);
          Arrays.fill(network, 8, 16, (byte) 0);
          return new Caller("address " + InetAddress.getByAddress(network).getHostAddress() + "/64");
        }
      } catch (IllegalArgumentException | java.net.UnknownHostException e) {
        // not an address literal: counted by its text
      }
      return new Caller("address " + ip);
    }

    /** A connection without a user (an anonymous socket), by its id. */
    public static Caller connection(String id) {
      return new Caller("connection " + id);
    }
  }

  /** The paths of one dialect: how they know their signed-in caller, and whether answers carry the headers. */
  public final class Paths {
    private final Authenticator callers;
    private boolean headers;
    private @Nullable Predicate<Principal> routeExempt;

    private Paths(Authenticator callers) {
      this.callers = callers;
    }

    /**
     * These routes, each {@code "METHOD /path/template"} as the dialect registers it, are {@link RouteClass#AUTH}.
     */
    public Paths auth(String... routes) {
      for (String route : routes) {
        auth.add(checkedRoute(route));
      }
      return this;
    }

    /**
     * Every answer on these paths whose route is limited carries {@code X-RateLimit-Limit} (the requests of the
     * rate), {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (when the caller's bucket is full again,
     * in milliseconds since the epoch), as Rocket.Chat sends them.
     */
    public Paths withHeaders() {
      checkOpen();
      headers = true;
      return this;
    }

    /**
     * Each route on these paths is also counted on its own, per caller, at the {@link RouteClass#ROUTE} rate; a
     * signed-in caller that {@code exempt} accepts is not (Rocket.Chat exempts holders of
     * {@code api-bypass-rate-limit}). With {@link #withHeaders()}, the headers then tell this count.
     */
    public Paths perRoute(Predicate<Principal> exempt) {
      checkOpen();
      routeExempt = exempt;
      return this;
    }
  }

  private record Scope(String prefix, Paths paths) {}

  /** One class's rate and its callers' buckets. */
  private record Limit(Rate rate, Cache<String, Bucket> buckets) {}

  private final Policy policy;
  private final InstantSource clock;
  private final TimeMeter meter;
  private final Map<RouteClass, Limit> limits = new EnumMap<>(RouteClass.class);
  // Declared while the server is configured, then frozen by install(): requests only read them.
  private List<Scope> scopes = new ArrayList<>();
  private Set<String> auth = new HashSet<>();
  private Set<String> exempt = new HashSet<>();
  private volatile boolean installed;

  /** Limits at the policy's rates, with time read from the clock (a test's clock refills buckets when moved). */
  public RateLimits(Policy policy, InstantSource clock) {
    this.policy = policy;
    this.clock = clock;
    this.meter = new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return nanos(clock.instant());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
    for (Map.Entry<RouteClass, Rate> e : policy.rates().entrySet()) {
      limits.put(e.getKey(), new Limit(e.getValue(), Caffeine.newBuilder().maximumSize(MAX_BUCKETS)
          .expireAfterAccess(e.getValue().period()).ticker(meter::currentTimeNanos).build()));
    }
  }

  public Policy policy() {
    return policy;
  }

  /** The paths starting with these prefixes know their signed-in caller through {@code callers}. */
  public Paths paths(Authenticator callers, String... prefixes) {
    checkOpen();
    Paths paths = new Paths(callers);
    for (String prefix : prefixes) {
      if (!prefix.startsWith("/")) {
        throw new IllegalArgumentException("a path prefix starts with '/', got '" + prefix + "'");
      }
      scopes.add(new Scope(prefix, paths));
    }
    scopes.sort(Comparator.comparingInt((Scope s) -> s.prefix.length()).reversed());
    return paths;
  }

  /** These routes ({@code "GET /health"}) are never limited: a load balancer's probe must not be refused. */
  public RateLimits exempt(String... routes) {
    for (String route : routes) {
      exempt.add(checkedRoute(route));
    }
    return this;
  }

  /** The routes declared {@link RouteClass#AUTH}, as {@code "METHOD /path/template"}. */
  public Set<String> authRoutes() {
    return Set.copyOf(auth);
  }

  /** Counts every request to a served route, after the dialects have declared their paths. */
  public void install(JavalinConfig cfg) {
    checkOpen();
    scopes = List.copyOf(scopes);
    auth = Set.copyOf(auth);
    exempt = Set.copyOf(exempt);
    installed = true;
    if (!policy.off()) {
      cfg.routes.beforeMatched(this::limit);
    }
  }

  /**
   * Counts one request of the caller in the class: refused with {@link AtriumException.TooManyRequests} when the
   * caller is over the class's rate.
   */
  public void check(RouteClass routeClass, Caller caller) {
    Limit limit = limits.get(routeClass);
    if (limit != null) {
      ConsumptionProbe probe = take(limit, caller.key());
      if (!probe.isConsumed()) {
        throw refused(probe);
      }
    }
  }

  private void limit(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint == null) {
      return;
    }
    HandlerType method = endpoint.method.equals(HandlerType.HEAD) ? HandlerType.GET : endpoint.method;
    String route = method.name() + " " + endpoint.path;
    if (exempt.contains(route)) {
      return;
    }
    RouteClass routeClass = auth.contains(route) ? RouteClass.AUTH
        : method.equals(HandlerType.GET) || method.equals(HandlerType.OPTIONS) ? RouteClass.READ : RouteClass.WRITE;
    Optional<Paths> paths = paths(ctx.path());
    Optional<Principal> principal = paths.flatMap(p -> p.callers.find(ctx));
    Caller caller = principal.map(p -> Caller.user(p.userId())).orElseGet(() -> Caller.address(ctx.ip()));
    Limit limit = limits.get(routeClass);
    ConsumptionProbe probe = limit == null ? null : take(limit, caller.key());
    Limit perRoute = limits.get(RouteClass.ROUTE);
    Predicate<Principal> routeExempt = paths.map(p -> p.routeExempt).orElse(null);
    if (perRoute != null && routeExempt != null && !(principal.isPresent() && routeExempt.test(principal.get()))) {
      // Counted even when the class refuses. The answer tells the count that is nearer its end: the one that
      // refuses, else the one with fewer requests left.
      ConsumptionProbe routeProbe = take(perRoute, route + " " + caller.key());
      if (probe == null || (probe.isConsumed() && (!routeProbe.isConsumed()
          || routeProbe.getRemainingTokens() < probe.getRemainingTokens()))) {
        probe = routeProbe;
        limit = perRoute;
      }
    }
    if (probe == null || limit == null) {
      return;
    }
    if (paths.isPresent() && paths.get().headers) {
      long resetMillis = clock.millis() + TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForReset() + 999_999);
      ctx.header("X-RateLimit-Limit", Long.toString(limit.rate().requests()))
          .header("X-RateLimit-Remaining", Long.toString(Math.max(0, probe.getRemainingTokens())))
          .header("X-RateLimit-Reset", Long.toString(resetMillis));
    }
    if (!probe.isConsumed()) {
      throw refused(probe);
    }
  }

  private ConsumptionProbe take(Limit limit, String key) {
    Rate rate = limit.rate();
    Bucket bucket = limit.buckets().get(key, k -> Bucket.builder()
        .addLimit(b -> b.capacity(rate.requests()).refillGreedy(rate.requests(), rate.period()))
        .withCustomTimePrecision(meter)
        .build());
    return bucket.tryConsumeAndReturnRemaining(1);
  }

  private static AtriumException.TooManyRequests refused(ConsumptionProbe probe) {
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    return new AtriumException.TooManyRequests("Too many requests: try again in " + seconds
        + (seconds == 1 ? " second" : " seconds"), wait);
  }

  private Optional<Paths> paths(String path) {
    for (Scope scope : scopes) {
      if (path.startsWith(scope.prefix)) {
        return Optional.of(scope.paths);
      }
    }
    return Optional.empty();
  }

  private void checkOpen() {
    if (installed) {
      throw new IllegalStateException("rate limits are declared before they are installed");
    }
  }

  private String checkedRoute(String route) {
    checkOpen();
    if (!route.matches("[A-Z]+ /\\S*")) {
      throw new IllegalArgumentException("a route is 'METHOD /path/template', got '" + route + "'");
    }
    return route;
  }

  private static long nanos(Instant instant) {
    return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
  }
}
