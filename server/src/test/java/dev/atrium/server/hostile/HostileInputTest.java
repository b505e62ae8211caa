package dev.atrium.server.hostile;

import static dev.atrium.store.jdbc.schema.Tables.USER_PRESENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.api.livedigital.LiveDigitalApi;
import dev.atrium.api.rocketchat.RocketChatApi;
import dev.atrium.api.roomful.RoomfulApi;
import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.session.Session;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceRoomType;
import dev.atrium.core.space.SpaceRooms;
import dev.atrium.core.space.SpaceType;
import dev.atrium.core.user.User;
import dev.atrium.server.Atrium;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.TestServer;
import dev.atrium.server.hostile.Hostile.BodyKind;
import dev.atrium.server.hostile.Hostile.Caller;
import dev.atrium.server.hostile.Hostile.FieldMutation;
import dev.atrium.testkit.SocketIoNodeClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.jspecify.annotations.Nullable;

/**
 * Generated hostile input over the wire, for every route of every dialect ({@link Atrium#routes()}) and every
 * Roomful socket method ({@link Atrium#socketEvents()}): broken path and query parameters, bodies, content types,
 * credentials and methods, from anonymous callers, a plain user and an administrator (so that authorization passes
 * and input checks are reached). Every answer must be below 500; every refusal must be JSON in the format of the
 * dialect whose path it is, name no Java type, and leave the database exactly as it was ({@link DatabaseDigest}).
 *
 * <p>Each property collects what went wrong instead of stopping at the first failure (a stateful server cannot be
 * shrunk against), prints the answers by status, and fails at its end listing every distinct failure. Tries per
 * property: {@code jqwik.tries.default} (10,000, junit-platform.properties; more with
 * {@code -Djqwik.tries.default=50000}).
 */
@Tag("hostile")
class HostileInputTest {
  /**
   * Columns a refused request may write: the session's last use (written now and then by any authentication), and
   * the try count of a password restore code and its window, which a wrong code counts in a transaction of its own
   * ({@code PasswordRestore}: the count is the point). The code itself, its expiry and its use are compared.
   */
  private static final Set<String> IGNORED = Set.of("sessions.last_used_at", "SESSIONS.LAST_USED_AT",
      "password_restore.tries", "PASSWORD_RESTORE.TRIES", "password_restore.window_start",
      "PASSWORD_RESTORE.WINDOW_START");
  private static final Pattern JAVA_TYPE = Pattern.compile(
      "(java|javax|jakarta|dev\\.atrium|com\\.fasterxml|org\\.eclipse|io\\.javalin)\\.[a-z]|\\w\\$\\w|\\w\\[\\]");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /**
   * How long a socket method's ack is waited for while its socket stays open. A socket the server closes (on a frame
   * over its limit, or a method that ended its session) gets no ack: its disconnect ends the wait, and the socket is
   * made anew.
   */
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(4);
  /** How long a closed socket's user may take to read OFFLINE in the database. */
  private static final Duration OFFLINE_TIMEOUT = Duration.ofSeconds(10);
  private static final int MAX_FAILURES_SHOWN = 60;
  /**
   * A body this large is still being sent when the server has answered and closed (more than the sockets' buffers
   * hold): to a path that is not UTF-8 its answer may be lost in a reset, a known case that is counted.
   */
  private static final int RESET_BODY = 128 * 1024;

  /** A dialect: the paths it owns, the header its session token goes in, the shape of its errors. */
  enum Dialect {
    SYMPHONY("sessionToken", List.of(), "/pod/", "/login/", "/relay/", "/sessionauth/", "/keyauth/", "/agent/"),
    // the socket's handshake path is Roomful's; its HTTP errors are in Atrium's format, as on every unowned path
    ROOMFUL(RoomfulApi.SESSION_HEADER, List.of("/socket"), "/api/v0/", "/api/v1/auth/", "/auth/"),
    // after Roomful: Roomful's /api/v1/auth/ is matched first, every other /api/v1/ path is Rocket.Chat's
    ROCKETCHAT(RocketChatApi.TOKEN_HEADER, List.of(), RocketChatApi.PREFIX),
    LIVEDIGITAL("Authorization", List.of(), LiveDigitalApi.PREFIX),
    ATRIUM("Authorization", List.of("/health", "/avatars/", "/openapi/"), "/atrium/");

    final String header;
    /** Paths whose errors this dialect formats. */
    final List<String> prefixes;
    /** Further paths of this dialect's routes, whose errors are Atrium's (no dialect claims them). */
    final List<String> unowned;

    Dialect(String header, List<String> unowned, String... prefixes) {
      this.header = header;
      this.unowned = unowned;
      this.prefixes = List.of(prefixes);
    }

    /** The format of the errors on the path. */
    static Dialect errorsOf(String path) {
      for (Dialect d : values()) {
        if (d.prefixes.stream().anyMatch(path::startsWith)) {
          return d;
        }
      }
      return ATRIUM;
    }

    /** The headers that carry the token of that user ({@code X-User-Id} besides it on Rocket.Chat's paths). */
    Map<String, String> credential(String token, long userId) {
      return switch (this) {
        case ATRIUM -> Map.of(header, "Bearer " + token);
        case ROCKETCHAT -> Map.of(RocketChatApi.USER_HEADER, Long.toString(userId), header, token);
        case LIVEDIGITAL -> Map.of(header, "Bearer " + liveDigitalToken(token));
        case SYMPHONY, ROOMFUL -> Map.of(header, token);
      };
    }

    static Dialect of(String path) {
      for (Dialect d : values()) {
        if (d.prefixes.stream().anyMatch(path::startsWith) || d.unowned.stream().anyMatch(path::startsWith)) {
          return d;
        }
      }
      throw new AssertionError("the route " + path + " belongs to no dialect of the hostile-input suite: add it");
    }
  }

  /** What one try sends: a route or a socket method, and the hostile parts. */
  record Target(Atrium.@Nullable Route route, @Nullable String socketMethod) {
    @Override
    public String toString() {
      return route != null ? route.toString() : "socket " + socketMethod;
    }
  }

  record Parts(Caller caller, @Nullable String method, List<String> pathValues, String query,
      @Nullable String contentType, BodyKind body, List<FieldMutation> mutations, long seed) {}

  private static TestServer server;
  private static HttpClient http;
  private static @Nullable SocketIoNodeClient sockets;
  private static final Map<Dialect, Shapes> SHAPES = new LinkedHashMap<>();
  private static final Set<String> KNOWN_IDS = new LinkedHashSet<>();
  private static final AtomicInteger SOCKET_NAMES = new AtomicInteger();
  private static String adminEmail = TestServer.ADMIN_EMAIL;
  private static String adminToken = "";
  private static String userToken = "";
  private static String wrongKindToken = "";
  private static long userId;
  private static long adminId;
  /** The API client LiveDigital's access tokens name. */
  private static String liveDigitalClient = "";
  private static @Nullable String socket;
  private static int socketCalls;

  // per property
  private final Map<String, Integer> statuses = new TreeMap<>();
  private final Map<String, Failure> failures = new LinkedHashMap<>();
  private int failureCount;
  /** The digest of every table as of the write counts {@link #seen}. */
  private final Map<String, String> digest = new LinkedHashMap<>();
  private Map<String, Long> seen = Map.of();
  private Dialect dialect = Dialect.ATRIUM;
  private long sendingNanos;
  private long digestNanos;

  record Failure(String what, String request, int times) {}

  @BeforeContainer
  static void start() {
    server = TestServer.start(Map.of("ATRIUM_RATE_LIMITS", "off"));
    WriteCounter.install(server.atrium());
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    User admin = server.atrium().users().byEmail(adminEmail).orElseThrow();
    adminId = admin.id();
    adminToken = open(admin, Session.Kind.SESSION);
    liveDigitalClient = server.atrium().services().clients().create(admin, "hostile").client().clientId();
    userId = createUser("hostile.user");
    long victim = createUser("hostile.victim");
    createUser("hostile.other");
    KNOWN_IDS.add(Long.toString(victim));
    KNOWN_IDS.add(Long.toString(userId));
    // a LiveDigital space of the caller with a room, so that the room routes are walked past their 404
    User hostileUser = server.atrium().users().get(userId);
    Space space = server.atrium().services().spaces().create(hostileUser, "hostile space", SpaceType.PUBLIC, true,
        null);
    SpaceRooms.Placed room = server.atrium().services().spaceRooms().create(hostileUser, space.id(),
        new SpaceRooms.Spec("hostile room", true, true, true, SpaceRoomType.LESSON), null);
    KNOWN_IDS.add(space.id());
    KNOWN_IDS.add(room.room().id());
    KNOWN_IDS.add(room.place().alias());
    refreshCallers();
    User victimUser = server.atrium().users().get(victim);
    Shapes.Vocabulary words = new Shapes.Vocabulary(Long.toString(victim), victimUser.email(), "password-123456");
    SHAPES.put(Dialect.SYMPHONY, Shapes.of(words, "dev.atrium.api.symphony"));
    SHAPES.put(Dialect.ROOMFUL, Shapes.of(words, "dev.atrium.api.roomful"));
    SHAPES.put(Dialect.ROCKETCHAT, Shapes.of(words, "dev.atrium.server.hostile.rocketchat"));
    SHAPES.put(Dialect.LIVEDIGITAL, Shapes.of(words, "dev.atrium.server.hostile.livedigital"));
    SHAPES.put(Dialect.ATRIUM, Shapes.of(words, "dev.atrium.api.atrium", "dev.atrium.http"));
    for (Atrium.Route route : routes()) {
      Dialect.of(route.path());
    }
  }

  @AfterContainer
  static void stop() {
    if (sockets != null) {
      sockets.close();
    }
    server.close();
  }

  @BeforeProperty
  void reset() {
    statuses.clear();
    failures.clear();
    failureCount = 0;
    digest.clear();
    seen = Map.of();
    sendingNanos = 0;
    digestNanos = 0;
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void symphony(@ForAll("symphonyTargets") Target target, @ForAll("parts") Parts parts) {
    dialect = Dialect.SYMPHONY;
    send(Dialect.SYMPHONY, target, parts);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void roomful(@ForAll("roomfulTargets") Target target, @ForAll("parts") Parts parts) {
    dialect = Dialect.ROOMFUL;
    if (target.socketMethod() != null) {
      call(target.socketMethod(), parts);
    } else {
      send(Dialect.ROOMFUL, target, parts);
    }
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void rocketchat(@ForAll("rocketchatTargets") Target target, @ForAll("parts") Parts parts) {
    dialect = Dialect.ROCKETCHAT;
    send(Dialect.ROCKETCHAT, target, parts);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void livedigital(@ForAll("livedigitalTargets") Target target, @ForAll("parts") Parts parts) {
    dialect = Dialect.LIVEDIGITAL;
    send(Dialect.LIVEDIGITAL, target, parts);
  }

  @Property(shrinking = ShrinkingMode.OFF)
  void atrium(@ForAll("atriumTargets") Target target, @ForAll("parts") Parts parts) {
    dialect = Dialect.ATRIUM;
    send(Dialect.ATRIUM, target, parts);
  }

  @AfterProperty
  void report() {
    String name = dialect.name().toLowerCase(java.util.Locale.ROOT);
    System.out.printf("hostile input, %s: %d tries, answers by status %s (%d ms sending, %d ms digesting)%n", name,
        statuses.values().stream().mapToInt(Integer::intValue).sum(), statuses, sendingNanos / 1_000_000,
        digestNanos / 1_000_000);
    if (!failures.isEmpty()) {
      StringBuilder b = new StringBuilder(failureCount + " failures (" + failures.size() + " distinct) in " + name
          + ":");
      failures.values().stream().limit(MAX_FAILURES_SHOWN)
          .forEach(f -> b.append("\n- ").append(f.times()).append("x ").append(f.what()).append("\n    e.g. ")
              .append(f.request()));
      throw new AssertionError(b.toString());
    }
  }

  // ---- generators

  @Provide
  Arbitrary<Target> symphonyTargets() {
    return routes(Dialect.SYMPHONY);
  }

  @Provide
  Arbitrary<Target> rocketchatTargets() {
    return routes(Dialect.ROCKETCHAT);
  }

  @Provide
  Arbitrary<Target> livedigitalTargets() {
    return routes(Dialect.LIVEDIGITAL);
  }

  @Provide
  Arbitrary<Target> atriumTargets() {
    return routes(Dialect.ATRIUM);
  }

  @Provide
  Arbitrary<Target> roomfulTargets() {
    List<String> events = server.atrium().socketEvents().getOrDefault(RoomfulApi.NAME, List.of());
    assertThat(events).as("Roomful socket methods").isNotEmpty();
    return Arbitraries.frequencyOf(Tuple.of(6, routes(Dialect.ROOMFUL)),
        Tuple.of(4, Arbitraries.of(events).map(e -> new Target(null, e))));
  }

  /** The server's routes but the catch-all ({@code *}, which answers a wrong method on any path). */
  private static List<Atrium.Route> routes() {
    return server.atrium().routes().stream().filter(r -> !r.path().equals("*")).toList();
  }

  private static Arbitrary<Target> routes(Dialect dialect) {
    List<Target> targets = routes().stream().filter(r -> Dialect.of(r.path()) == dialect)
        .map(r -> new Target(r, null)).toList();
    assertThat(targets).as("routes of " + dialect).isNotEmpty();
    return Arbitraries.of(targets);
  }

  @Provide
  Arbitrary<Parts> parts() {
    List<String> ids = List.copyOf(KNOWN_IDS);
    return Combinators.combine(Hostile.callers(), Hostile.methods(), Hostile.pathValues(ids).list().ofSize(3),
        Hostile.queries(ids), Hostile.contentTypes(), Hostile.bodyKinds(), Hostile.fieldMutations(),
        Arbitraries.longs()).as(Parts::new);
  }

  // ---- HTTP

  /** Whether the URI's path, its percent-escapes decoded, is UTF-8. */
  static boolean decodesAsUtf8(String uri) {
    String path = URI.create(uri).getRawPath();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' && i + 2 < path.length() && HexFormat.isHexDigit(path.charAt(i + 1))
          && HexFormat.isHexDigit(path.charAt(i + 2))) {
        bytes.write(HexFormat.fromHexDigits(path, i + 1, i + 3));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private void send(Dialect dialect, Target target, Parts parts) {
    Atrium.Route route = Objects.requireNonNull(target.route());
    String method = parts.method() != null ? parts.method() : route.method();
    String uri = server.baseUrl() + path(route.path(), parts.pathValues(), parts.seed())
        + (parts.query().isEmpty() ? "" : "?" + parts.query());
    byte[] body = Hostile.body(SHAPES.get(dialect), parts.body(), parts.mutations(), parts.seed());
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
    } catch (IllegalArgumentException e) {
      throw new AssertionError("the suite built a bad request " + uri, e);
    }
    if (parts.contentType() != null && body != null) {
      request.header("Content-Type", parts.contentType());
    }
    credential(dialect, parts.caller()).forEach(request::header);
    String described = method + " " + abbreviate(uri) + " as " + parts.caller() + " ct=" + parts.contentType()
        + " body=" + parts.body() + (parts.body() == BodyKind.SHAPED ? parts.mutations() : "") + " seed="
        + parts.seed();
    digestBefore();
    HttpResponse<byte[]> response;
    long t0 = System.nanoTime();
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      sendingNanos += System.nanoTime() - t0;
    } catch (IOException e) {
      if (body != null && body.length > RESET_BODY && !decodesAsUtf8(uri)) {
        // Known, and named in the README (Security › Hostile input): Jetty refuses a path that is not UTF-8 after
        // the head, reads none of the body and closes; a client still sending a body larger than the socket
        // buffers may get a reset that discards the 400 before it reads it. Counted, not failed.
        statuses.merge("reset (a large body to a path that is not UTF-8)", 1, Integer::sum);
        return;
      }
      fail("no answer: " + e, described);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    int status = response.statusCode();
    statuses.merge(Integer.toString(status), 1, Integer::sum);
    String what = route + " → " + status;
    if (status >= 500 && !notConfigured(status, response)) {
      fail(what + ": " + abbreviate(new String(response.body(), StandardCharsets.UTF_8)), described);
    } else if (status >= 400) {
      checkError(route.path().startsWith("/socket") ? null : Dialect.errorsOf(route.path()), route.path(), what,
          method, response, described);
      digestAfterRefusal(what, described);
      return;
    }
    if (status < 300 && response.body().length > 0 && response.body().length < 100_000) {
      try {
        Hostile.harvest(Hostile.JSON.readTree(response.body()), KNOWN_IDS, 300);
      } catch (IOException e) {
        // not JSON (an avatar image): nothing to learn
      }
    }
    refreshCallers();
  }

  /**
   * {@code dialect} null: the socket's handshake path, where Engine.IO's own {@code {code, message}} (an integer
   * code) is due, or Atrium's (a word) for what the boundary refuses before Engine.IO sees it.
   */
  /**
   * A provider the server was not configured for (Facebook, Ready Player Me) is a 503 that says so, by design:
   * the one 5xx allowed, checked as an error of the dialect.
   */
  private static boolean notConfigured(int status, HttpResponse<byte[]> response) {
    return status == 503 && new String(response.body(), StandardCharsets.UTF_8).contains("is not configured");
  }

  private void checkError(@Nullable Dialect dialect, String path, String what, String method,
      HttpResponse<byte[]> response, String described) {
    if (method.equals("HEAD")) {
      return;
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (!type.startsWith("application/json")) {
      fail(what + " answered with Content-Type '" + type + "': " + abbreviate(text), described);
      return;
    }
    JsonNode body;
    try {
      body = Hostile.JSON.readTree(text);
    } catch (IOException e) {
      fail(what + " answered with a body that is no JSON: " + abbreviate(text), described);
      return;
    }
    String message = dialect == null
        ? body.size() == 2 && (body.path("code").isInt() || body.path("code").isTextual())
            && body.path("message").isTextual()
            ? body.path("message").asText() : null
        : switch (dialect) {
      case SYMPHONY -> body.size() == 2 && body.path("code").isInt() && body.path("code").asInt()
          == response.statusCode() && body.path("message").isTextual() ? body.path("message").asText() : null;
      case ROOMFUL -> body.size() == 1 && body.path("error").size() == 3
          && body.path("error").path("status").asBoolean(false) && body.path("error").path("code").isInt()
          && body.path("error").path("message").isTextual() ? body.path("error").path("message").asText() : null;
      // {success:false, error[, errorType]}; a refused login also has status and message, its error a word or a
      // number (Meteor's code)
      case ROCKETCHAT -> body.path("success").isBoolean() && !body.path("success").asBoolean()
          && (body.path("error").isTextual() || body.path("error").isInt())
          && Set.of("success", "error", "errorType", "status", "message").containsAll(names(body.fieldNames()))
          ? body.path("message").isTextual() ? body.path("message").asText() : body.path("error").asText() : null;
      // {message, code}, the code a word; the token route's OAuth {error, error_description}
      case LIVEDIGITAL -> path.equals("/v1/auth/token")
          ? body.size() == 2 && body.path("error").isTextual() && body.path("error").asText().matches("[a-z_]+")
              && body.path("error_description").isTextual() ? body.path("error_description").asText() : null
          : body.size() == 2 && body.path("code").isTextual() && body.path("code").asText().matches("[a-z_]+")
              && body.path("message").isTextual() ? body.path("message").asText() : null;
      case ATRIUM -> body.size() == 2 && body.path("code").isTextual()
          && body.path("code").asText().matches("[a-z_]+") && body.path("message").isTextual()
          ? body.path("message").asText() : null;
    };
    if (message == null) {
      fail(what + " answered outside the " + dialect + " error shape: " + abbreviate(text), described);
    } else {
      checkMessage(what, message, described);
    }
  }

  private static Set<String> names(java.util.Iterator<String> names) {
    Set<String> out = new LinkedHashSet<>();
    names.forEachRemaining(out::add);
    return out;
  }

  private void checkMessage(String what, String message, String described) {
    Matcher m = JAVA_TYPE.matcher(message);
    if (m.find()) {
      fail(what + " names a Java type ('" + m.group() + "'): " + abbreviate(message), described);
    }
  }

  /** The path with its parameters: the generated values, or now and then a known id. */
  private static String path(String template, List<String> values, long seed) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    Matcher m = Pattern.compile("\\{[^}]+}").matcher(template);
    int last = 0;
    while (m.find()) {
      b.append(template, last, m.start());
      String value = values.get(i++ % values.size());
      b.append(value.isEmpty() ? "x" : value);
      last = m.end();
    }
    b.append(template.substring(last));
    return b.toString().replace("<", "%3C").replace(">", "%3E");
  }

  private static Map<String, String> credential(Dialect dialect, Caller caller) {
    return switch (caller) {
      case ANONYMOUS -> Map.of();
      case USER -> dialect.credential(userToken, userId);
      case ADMIN -> dialect.credential(adminToken, adminId);
      case BAD_TOKEN -> dialect.credential("x".repeat(600), userId);
      case WRONG_KIND -> dialect.credential(wrongKindToken, userId);
      case OTHER_HEADER -> {
        Dialect other = Dialect.values()[(dialect.ordinal() + 1) % Dialect.values().length];
        yield other.credential(adminToken, adminId);
      }
    };
  }

  // ---- the Roomful socket

  private void call(String method, Parts parts) {
    String sock = socket();
    if (Objects.requireNonNull(sockets).disconnected(sock)) {
      dropSocket();
      sock = socket();
    }
    Object[] args = socketArgs(parts);
    String described = "socket " + method + " as the socket's user, data=" + parts.body()
        + (parts.body() == BodyKind.SHAPED ? parts.mutations() : "") + " seed=" + parts.seed();
    digestBefore();
    Optional<JsonNode> acked;
    try {
      long t0 = System.nanoTime();
      acked = Objects.requireNonNull(sockets).emitWithAckUnlessDisconnected(sock, method, ACK_TIMEOUT, args);
      sendingNanos += System.nanoTime() - t0;
    } catch (AssertionError e) {
      statuses.merge("socket no ack", 1, Integer::sum);
      fail("socket " + method + " → no ack: " + abbreviate(String.valueOf(e.getMessage())), described);
      dropSocket();
      return;
    }
    if (acked.isEmpty()) {
      // the server closed the socket on what it was sent (a frame over its limit, say): no ack is due
      statuses.merge("socket closed", 1, Integer::sum);
      dropSocket();
      return;
    }
    JsonNode ack = acked.get();
    if (++socketCalls % 500 == 0) {
      sockets.forget();
    }
    JsonNode reply = ack.size() == 1 ? ack.get(0) : null;
    if (reply == null || !reply.isObject() || !reply.path("error").isObject()) {
      statuses.merge("socket malformed", 1, Integer::sum);
      fail("socket " + method + " → an ack outside Roomful's envelope: " + abbreviate(ack.toString()), described);
      return;
    }
    JsonNode error = reply.path("error");
    boolean refused = error.path("status").asBoolean(false);
    int code = error.path("code").asInt(-1);
    statuses.merge("socket " + code, 1, Integer::sum);
    String what = "socket " + method + " → " + code;
    if (code == 500 || code == 503 && !error.path("message").asText().contains("is not configured")) {
      fail(what + ": " + abbreviate(reply.toString()), described);
    }
    if (refused) {
      if (!(reply.size() == 1 && error.size() == 3 && error.path("code").isInt() && error.path("message").isTextual())) {
        fail(what + " outside Roomful's error envelope: " + abbreviate(reply.toString()), described);
      } else {
        checkMessage(what, error.path("message").asText(), described);
      }
      digestAfterRefusal(what, described);
      if (sockets.disconnected(sock)) {
        dropSocket();
      }
      return;
    }
    if (sockets.disconnected(sock) || server.atrium().sessions().authenticate(socketToken).isEmpty()) {
      dropSocket();
    }
    refreshCallers();
  }

  private static Object[] socketArgs(Parts parts) {
    Shapes shapes = SHAPES.get(Dialect.ROOMFUL);
    byte[] data = Hostile.body(shapes, parts.body(), parts.mutations(), parts.seed());
    JsonNode tree = null;
    if (data != null) {
      String text = new String(data, StandardCharsets.UTF_8);
      try {
        tree = Hostile.JSON.readTree(text);
      } catch (IOException | RuntimeException e) {
        // what is no JSON goes as a string
        tree = Hostile.JSON.getNodeFactory().textNode(text);
      }
    }
    return switch (parts.caller()) {
      case ANONYMOUS -> new Object[0];
      case BAD_TOKEN -> tree == null ? new Object[] {"text"} : new Object[] {tree};
      default -> {
        ObjectNode request = Hostile.JSON.createObjectNode();
        if (tree != null) {
          request.set("data", tree);
        }
        ObjectNode event = request.putObject("event").put("date", Instant.now().toString());
        if (parts.caller() == Caller.WRONG_KIND) {
          event.put("id", "hostile-" + parts.seed());
        }
        yield new Object[] {request};
      }
    };
  }

  private static String socketToken = "";
  private static long socketUserId;

  /**
   * Leaves the socket: closes it if the server has not, and waits for the server's one write in the background, its
   * user going OFFLINE when it sees the socket gone. Each socket has a user of its own, so after that write nothing
   * of this socket writes any more; a write still to come would look, to the next try's digest, like the write of a
   * refused request. The user's presence is read as stored: a disabled user reads as OFFLINE before it is written.
   */
  private void dropSocket() {
    String sock = socket;
    socket = null;
    if (sock == null) {
      return;
    }
    SocketIoNodeClient client = Objects.requireNonNull(sockets);
    if (!client.disconnected(sock)) {
      client.close(sock);
    }
    long deadline = System.nanoTime() + OFFLINE_TIMEOUT.toNanos();
    while (!storedOffline(socketUserId)) {
      if (System.nanoTime() > deadline) {
        fail("a closed socket's user is not OFFLINE after " + OFFLINE_TIMEOUT.toSeconds() + " s",
            "the socket " + sock + " of user " + socketUserId);
        return;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static boolean storedOffline(long userId) {
    return PresenceCategory.OFFLINE.name().equals(server.atrium().services().database().dsl()
        .select(USER_PRESENCE.CATEGORY).from(USER_PRESENCE).where(USER_PRESENCE.USER_ID.eq(userId)).fetchOne(
            USER_PRESENCE.CATEGORY));
  }

  /** The socket the calls go over, connected anew (with a new user) when a call closed it or ended its session. */
  private static String socket() {
    if (socket != null) {
      return socket;
    }
    if (sockets == null) {
      sockets = new SocketIoNodeClient();
    }
    long id = createUser("hostile.socket");
    socketUserId = id;
    socketToken = open(server.atrium().users().get(id), Session.Kind.SESSION);
    String name = "hostile-" + SOCKET_NAMES.incrementAndGet();
    sockets.connect(name, 4, server.baseUrl(), Map.of("sessionId", socketToken));
    sockets.awaitEvent(name, "user_info", SocketIoNodeClient.TIMEOUT);
    socket = name;
    return name;
  }

  // ---- the database digest around refusals

  /**
   * Brings the digest up to the present before a request: only the tables written to since it was taken are
   * digested again.
   */
  private void digestBefore() {
    Map<String, Long> counts = WriteCounter.counts();
    Set<String> written = written(counts);
    if (!written.isEmpty() || digest.isEmpty()) {
      digest.putAll(digestOf(digest.isEmpty() ? null : written));
    }
    seen = counts;
  }

  /** A refusal must leave every table as it was: a table it wrote to must digest as before. */
  private void digestAfterRefusal(String what, String described) {
    Map<String, Long> counts = WriteCounter.counts();
    Set<String> written = written(counts);
    if (written.isEmpty()) {
      return;
    }
    Map<String, String> after = digestOf(written);
    List<String> changed = new ArrayList<>();
    after.forEach((table, hash) -> {
      if (!hash.equals(digest.get(table))) {
        changed.add(table);
      }
    });
    if (!changed.isEmpty()) {
      fail(what + " (a refusal) changed the tables " + changed, described);
    }
    digest.putAll(after);
    seen = counts;
  }

  private Set<String> written(Map<String, Long> counts) {
    Set<String> written = new java.util.TreeSet<>();
    counts.forEach((table, n) -> {
      if (!n.equals(seen.get(table))) {
        written.add(table);
      }
    });
    return written;
  }

  /** The digest of the tables given (lower-case names), or of every table. */
  private Map<String, String> digestOf(@Nullable Set<String> tables) {
    long t0 = System.nanoTime();
    Set<String> ignored = new java.util.HashSet<>(IGNORED);
    if (tables != null) {
      dev.atrium.store.jdbc.schema.DefaultSchema.DEFAULT_SCHEMA.getTables().stream().map(org.jooq.Table::getName)
          .filter(t -> !tables.contains(t.toLowerCase(java.util.Locale.ROOT))).forEach(ignored::add);
    }
    Map<String, String> out = new LinkedHashMap<>();
    DatabaseDigest.of(server.atrium(), ignored).forEach((t, h) -> out.put(t.toLowerCase(java.util.Locale.ROOT), h));
    digestNanos += System.nanoTime() - t0;
    return out;
  }

  // ---- callers

  /** Opens new sessions for callers whose session a request ended (a logout, say) or whose user it disabled. */
  private static void refreshCallers() {
    var sessions = server.atrium().sessions();
    if (sessions.authenticate(adminToken).isEmpty()) {
      User admin = server.atrium().users().byEmail(adminEmail).orElseThrow();
    adminId = admin.id();
    adminToken = open(admin, Session.Kind.SESSION);
    }
    if (sessions.authenticate(userToken).isEmpty()) {
      User user = server.atrium().users().get(userId);
      if (!user.enabled()) {
        userId = createUser("hostile.user");
        user = server.atrium().users().get(userId);
      }
      userToken = open(user, Session.Kind.SESSION);
      wrongKindToken = open(user, Session.Kind.KEY_MANAGER);
    }
  }

  /**
   * LiveDigital's access token for the session the token opens (signed, nothing stored); a token that opens none (a
   * bad one, a key manager's) goes as it is, which LiveDigital refuses as it would any token it did not sign.
   */
  private static String liveDigitalToken(String token) {
    return server.atrium().sessions().caller(token)
        .map(p -> server.atrium().livedigitalTokens().orElseThrow().accessToken(liveDigitalClient, p.session()))
        .orElse(token);
  }

  private static String open(User user, Session.Kind kind) {
    return server.atrium().sessions().open(user, kind, Space.DEFAULT_ID, null).token();
  }

  private static final AtomicInteger USERS = new AtomicInteger();

  /** A NORMAL user made through Symphony's admin API, as a pod's administrator would. */
  private static long createUser(String prefix) {
    String name = prefix + USERS.incrementAndGet();
    String body = Hostile.text(Hostile.JSON.valueToTree(Map.of("userAttributes", Map.of("userName", name,
        "emailAddress", name + "@hostile.test", "firstName", "Hostile", "lastName", "Tester", "accountType",
        "NORMAL"), "password", "password-123456", "roles", List.of("INDIVIDUAL"))));
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
              + "/pod/v2/admin/user/create")).header("sessionToken", adminToken)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("creating %s: %s", name, response.body()).isEqualTo(200);
      return Hostile.JSON.readTree(response.body()).path("userSystemInfo").path("id").asLong();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  // ---- failures

  private void fail(String what, String request) {
    failureCount++;
    int colon = what.indexOf(':');
    failures.merge(colon < 0 ? what : what.substring(0, colon), new Failure(what, request, 1),
        (a, b) -> new Failure(a.what(), a.request(), a.times() + 1));
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "… (" + text.length() + " chars)";
  }
}
