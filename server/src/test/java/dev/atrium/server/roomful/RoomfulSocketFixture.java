package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.core.session.Session;
import dev.atrium.core.space.Space;
import dev.atrium.core.user.User;
import dev.atrium.server.Atrium;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.SocketIoNodeClient;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real server on port 0 and a Node.js process of real socket.io clients (2.5.0 and 4.x) for the tests of a
 * class that registers it ({@code @RegisterExtension static final RoomfulSocketFixture f = ...}).
 *
 * <p>Both are shared as far as they can be, so that a run starts them as few times as it can: one Node.js driver
 * serves every class of the test run, and one {@link #standard() standard} server every class that needs no
 * settings of its own; both stop when the run ends. A class with settings or a clock of its own ({@link #with}) gets a server of its
 * own, stopped after the class. Every socket is closed after each test, and no test may rely on what another
 * left behind: each makes its own accounts, with {@link #unique unique} names.
 *
 * <p>Accounts are signed up over REST or made through the Symphony admin API, sockets connect with
 * {@code ?sessionId=} and are ready once {@code user_info} came, {@code user:*} methods are called with an ack,
 * and reads (JSON-RPC {@code user.info}, a new socket's {@code user_info}) check what a method did.
 */
final class RoomfulSocketFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = SocketIoNodeClient.TIMEOUT;
  /** How long a socket is watched for an event that must not come. */
  static final Duration QUIET = Duration.ofMillis(400);
  /** Both client versions: socket.io-client 2.x (Engine.IO 3) and 4.x (Engine.IO 4). */
  static final int[] VERSIONS = {2, 4};
  /** The password of every {@link #person person}. */
  static final String PERSON_PASSWORD = "push-password-1";
  static final String SERVER_CLOSED = "io server disconnect";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  /** Numbers the sockets of the whole run: the driver is shared, and a name is never used twice. */
  private static final AtomicInteger SOCKETS = new AtomicInteger();
  /** Where the shared driver and server live: the root store, closed when the test run ends. */
  private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(RoomfulSocketFixture.class);

  /** A test run once with socket.io-client 2.x and once with 4.x; its int parameter is the version. */
  @Target(ElementType.METHOD)
  @Retention(RetentionPolicy.RUNTIME)
  @ParameterizedTest(name = "socket.io-client {0}.x")
  @ValueSource(ints = {2, 4})
  @interface BothVersions {}

  /** The other client version: 4 for 2, 2 for 4. */
  static int otherVersion(int version) {
    return version == 2 ? 4 : 2;
  }

  /** The settings of a server of the class's own; null for the shared standard server. */
  private final @Nullable Supplier<Map<String, String>> settings;
  private final InstantSource clock;
  private final Map<String, String> socketIds = new ConcurrentHashMap<>();
  private boolean ownServer;
  TestServer server;
  SocketIoNodeClient client;

  private RoomfulSocketFixture(@Nullable Supplier<Map<String, String>> settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** The run's shared server: the test defaults and the system clock. */
  static RoomfulSocketFixture standard() {
    return new RoomfulSocketFixture(null, InstantSource.system());
  }

  /**
   * A server of the class's own with these settings, read when the class starts (after extensions registered
   * with a lower {@code @Order}, such as GreenMail), and this clock (a {@code FakeClock} for tests that move time).
   */
  static RoomfulSocketFixture with(Supplier<Map<String, String>> settings, InstantSource clock) {
    return new RoomfulSocketFixture(settings, clock);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store shared = context.getRoot().getStore(SHARED);
    client = shared.computeIfAbsent(SocketIoNodeClient.class, k -> new SocketIoNodeClient(), SocketIoNodeClient.class);
    if (settings == null) {
      server = shared.computeIfAbsent(TestServer.class, k -> TestServer.start(), TestServer.class);
    } else {
      server = TestServer.start(settings.get(), clock);
      ownServer = true;
    }
  }

  /** Closes every socket the test left open: no test hears another's events. */
  @Override
  public void afterEach(ExtensionContext context) {
    client.closeAll();
    client.forget();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (ownServer) {
      server.close();
    }
  }

  Atrium.Services services() {
    return server.atrium().services();
  }

  User user(long id) {
    return services().users().get(id);
  }

  String url() {
    return server.baseUrl();
  }

  /** A Roomful request without a session. */
  RequestSpecification http() {
    return given().baseUri(server.baseUrl()).contentType("application/json");
  }

  /** A Roomful request (JSON-RPC or auth) with the session in {@code X-Session-Id}. */
  RequestSpecification rpc(String token) {
    return http().header("X-Session-Id", token);
  }

  /** A Symphony request with the session token given. */
  RequestSpecification pod(String token) {
    return given().baseUri(server.baseUrl()).header("sessionToken", token).contentType("application/json");
  }

  /** A Symphony request of the administrator. */
  RequestSpecification admin() {
    return pod(adminToken());
  }

  // ---- accounts

  /** A Roomful account: its id, email, password and the session token of its first sign-in. */
  record Account(long id, String email, String password, String token) {
    String idText() {
      return Long.toString(id);
    }
  }

  /** A name no other test of this run uses. */
  static String unique(String prefix) {
    return prefix + SEQUENCE.incrementAndGet();
  }

  static String uniqueEmail(String prefix) {
    return unique(prefix + ".") + "@sockets.test";
  }

  /** Signs up a new account (Ann Lee) over Roomful's REST with a unique address. */
  Account signup(String prefix) {
    String email = uniqueEmail(prefix);
    String password = "password-" + prefix + "-" + SEQUENCE.incrementAndGet();
    String token = http().body(Map.of("email", email, "password", password, "firstName", "Ann",
        "lastName", "Lee")).post("/api/v1/auth/signup").then().statusCode(200).extract().path("data.session_token");
    long id = Long.parseLong(info(token).path("id").asText());
    return new Account(id, email, password, token);
  }

  /** A NORMAL user made by the administrator (first name {@code name}, last name Tester), signed in once. */
  Account person(String name) {
    String username = unique(name.toLowerCase(Locale.ROOT) + ".");
    String email = username + "@push.test";
    long id = admin().body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", email,
            "firstName", name, "lastName", "Tester", "accountType", "NORMAL"), "password", PERSON_PASSWORD,
            "roles", List.of("INDIVIDUAL")))
        .post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    return new Account(id, email, PERSON_PASSWORD, signin(email, PERSON_PASSWORD));
  }

  /** A new session of the account (another device). */
  String signin(Account account) {
    return signin(account.email(), account.password());
  }

  /** Signs in and returns the new session's token. */
  String signin(String email, String password) {
    return signinResponse(email, password).then().statusCode(200).extract().path("data.session_token");
  }

  Response signinResponse(String email, String password) {
    return http().body(Map.of("email", email, "password", password)).post("/api/v1/auth/signin");
  }

  /** Sign-in with these is refused: 401, exactly as the golden file. */
  void assertSigninRefused(String email, String password) {
    Response refused = signinResponse(email, password);
    assertThat(refused.statusCode()).isEqualTo(401);
    Golden.assertMatches(refused.asString(), "roomful/signin-refused.json");
  }

  /** A session of the user in the default network, as {@code user:getDataForSocketSwitch} opens one. */
  String sessionOf(User user) {
    return services().sessions().open(user, Session.Kind.SESSION, Space.DEFAULT_ID, null).token();
  }

  /** JSON-RPC {@code user.info}: the {@code data.user} of the caller. */
  JsonNode info(String token) {
    Response response = rpc(token).post("/api/v0/rpc/user.info");
    assertThat(response.statusCode()).as("user.info: %s", response.asString()).isEqualTo(200);
    return json(response.asString()).path("data").path("user");
  }

  /** A session of the administrator, for the Symphony admin API. */
  String adminToken() {
    return signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
  }

  /** The user's status as Symphony's admin API reports it: ENABLED or DISABLED. */
  String symphonyStatus(long userId) {
    return admin().get("/pod/v1/admin/user/" + userId + "/status").then().statusCode(200).extract().path("status");
  }

  /** Whether the session token still authenticates: JSON-RPC {@code user.info} answers 200, not 401. */
  boolean sessionLive(String token) {
    int status = rpc(token).post("/api/v0/rpc/user.info").statusCode();
    assertThat(status).isIn(200, 401);
    return status == 200;
  }

  // ---- sockets

  private String newName(int version) {
    return "v" + version + "-" + SOCKETS.incrementAndGet();
  }

  /** Opens a socket with the session, waits for its {@code user_info}, and returns the socket's name. */
  String connect(String token, int version) {
    String sock = newName(version);
    socketIds.put(sock, client.connect(sock, version, url(), Map.of("sessionId", token)));
    client.awaitEvent(sock, "user_info", WAIT);
    return sock;
  }

  /** As {@link #connect(String, int)}, the websocket request carrying these headers (a proxy's, say). */
  String connect(String token, int version, Map<String, String> headers) {
    String sock = newName(version);
    JsonNode outcome = client.tryConnect(sock, version, url(), Map.of("sessionId", token),
        Map.of("opts", Map.of("extraHeaders", headers)));
    assertThat(outcome.path("type").asText()).as(outcome.toString()).isEqualTo("connect");
    socketIds.put(sock, outcome.path("id").asText());
    client.awaitEvent(sock, "user_info", WAIT);
    return sock;
  }

  /** Opens a socket with this query, waits for its {@code anonymousConnection}, and returns its name. */
  String connectAnonymous(Map<String, String> query, int version) {
    String sock = newName(version);
    socketIds.put(sock, client.connect(sock, version, url(), query));
    client.awaitEvent(sock, "anonymousConnection", WAIT);
    return sock;
  }

  /** The id the server gave the socket of that name. */
  String socketId(String sock) {
    return socketIds.get(sock);
  }

  /** The {@code user_info} the socket was told on connect (the event's only argument). */
  JsonNode userInfo(String sock) {
    return only(client.awaitEvent(sock, "user_info", WAIT));
  }

  /** The {@code anonymousConnection} the socket was told on connect (the event's only argument). */
  JsonNode anonymousConnection(String sock) {
    return only(client.awaitEvent(sock, "anonymousConnection", WAIT));
  }

  /** The {@code data} of the {@code user_info} a new v4 socket of the session is told: the stored state. */
  JsonNode freshInfo(String token) {
    String sock = connect(token, 4);
    JsonNode info = userInfo(sock).path("data");
    client.close(sock);
    return info;
  }

  /** Calls a method with {@code {data, event:{id, date}}} ({@code event.id} left out when null); returns the ack. */
  JsonNode call(String sock, String method, @Nullable Object data, @Nullable String eventId) {
    ObjectNode request = JSON.createObjectNode();
    if (data != null) {
      request.set("data", JSON.valueToTree(data));
    }
    ObjectNode event = request.putObject("event").put("date", Instant.now().toString());
    if (eventId != null) {
      event.put("id", eventId);
    }
    return callRaw(sock, method, request);
  }

  /** Calls a method with {@code {data}}, no event id. */
  JsonNode call(String sock, String method, Object data) {
    return call(sock, method, data, null);
  }

  /** Calls a method documented with an empty request: no argument but the ack. */
  JsonNode call(String sock, String method) {
    return callRaw(sock, method);
  }

  /** Emits the arguments as given and returns the ack's only argument. */
  JsonNode callRaw(String sock, String method, Object... args) {
    return only(client.emitWithAck(sock, method, args));
  }

  /** The events of that name the socket received so far (their only argument), in order. */
  List<JsonNode> events(String sock, String event) {
    return client.events(sock).stream().filter(e -> event.equals(e.path("event").asText()))
        .map(e -> only(e.path("args"))).toList();
  }

  /** The names of every event the socket received so far, in order. */
  List<String> names(String sock) {
    return client.events(sock).stream().map(e -> e.path("event").asText()).toList();
  }

  /** Waits until the socket has received {@code count} events of that name; returns them (their only argument). */
  List<JsonNode> await(String sock, String event, int count) {
    return client.awaitEvents(sock, event, count, WAIT).stream().map(RoomfulSocketFixture::only).toList();
  }

  /** The nth (from 1) event of that name, waiting for it; its only argument as JSON text. */
  String nth(String sock, String event, int n) {
    return await(sock, event, n).get(n - 1).toString();
  }

  /**
   * A barrier on the events of one user: the user's socket {@code caller} sets the collision setting to
   * {@code value}, and every socket given waits for that {@code user:settingsUpdated}. A user's events go out in
   * the order their changes were made, so every event of an earlier change has arrived once this returns.
   */
  void barrier(String caller, int settingsEventsBefore, int value, String... socks) {
    assertOk(call(caller, "user:setCollisionSettings", Map.of("objectCollision", value)));
    for (String sock : socks) {
      JsonNode last = await(sock, "user:settingsUpdated", settingsEventsBefore + 1).get(settingsEventsBefore);
      assertThat(last.path("data").path("objectCollision").asInt()).isEqualTo(value);
    }
  }

  /** Waits a moment and asserts the socket received no such event. */
  void assertNoEvent(String sock, String event) {
    sleep(QUIET);
    assertThat(events(sock, event)).as("'%s' events on %s", event, sock).isEmpty();
  }

  /** A socket that is still connected answers a call. */
  void assertAlive(String sock) {
    assertThat(client.disconnected(sock)).as("%s disconnected", sock).isFalse();
    assertOk(call(sock, "user:listZAddresses"));
  }

  /** Each socket is disconnected by the server. */
  void assertClosedByServer(String... socks) {
    assertClosedByServer(List.of(socks));
  }

  void assertClosedByServer(List<String> socks) {
    for (String sock : socks) {
      assertThat(client.awaitDisconnect(sock, WAIT)).as(sock).isEqualTo(SERVER_CLOSED);
    }
  }

  // ---- a person's devices

  /**
   * A new {@link #person person} with a v2 and a v4 socket on their first session and, when versions are given,
   * a socket of each on a second session.
   */
  Devices devices(String name, int... secondSessionVersions) {
    Account person = person(name);
    List<String> socks = new ArrayList<>(List.of(connect(person.token(), 2), connect(person.token(), 4)));
    if (secondSessionVersions.length > 0) {
      String second = signin(person);
      for (int version : secondSessionVersions) {
        socks.add(connect(second, version));
      }
    }
    return new Devices(person, List.copyOf(socks));
  }

  /** A person and their sockets; counts the barriers {@link #settle} made. */
  final class Devices {
    final Account person;
    final List<String> socks;
    private int barriers;

    Devices(Account person, List<String> socks) {
      this.person = person;
      this.socks = socks;
    }

    String first() {
      return socks.getFirst();
    }

    /** A {@link RoomfulSocketFixture#barrier barrier} called from the first socket, waited for on every socket. */
    void barrier(int settingsEventsBefore, int value) {
      RoomfulSocketFixture.this.barrier(first(), settingsEventsBefore, value, socks.toArray(String[]::new));
    }

    /** Waits until every event of the changes made so far has reached every socket; each call is a barrier. */
    void settle() {
      RoomfulSocketFixture.this.barrier(socks.get(barriers % socks.size()), barriers, barriers % 3,
          socks.toArray(String[]::new));
      barriers++;
    }

    /**
     * Every socket heard the nth event of that name, the same frame on each, in the shape of
     * {@code golden/roomful/events/<golden>}; returns it.
     */
    JsonNode hears(String event, int n, String golden) {
      String frame = nth(first(), event, n);
      Golden.assertMatches(frame, "roomful/events/" + golden);
      for (String sock : socks) {
        assertThat(nth(sock, event, n)).as("%s on %s", event, sock).isEqualTo(frame);
      }
      return await(first(), event, n).get(n - 1);
    }

    /** How many events of that name each socket has heard; all must agree. */
    int count(String event) {
      int n = events(first(), event).size();
      for (String sock : socks) {
        assertThat(events(sock, event)).as("%s on %s", event, sock).hasSize(n);
      }
      return n;
    }

    /** The names of the events every socket heard, the barriers left out; all sockets must agree. */
    List<String> heard() {
      List<String> names = withoutBarriers(first());
      for (String sock : socks) {
        assertThat(withoutBarriers(sock)).as("events on %s", sock).isEqualTo(names);
      }
      return names;
    }

    private List<String> withoutBarriers(String sock) {
      return names(sock).stream().filter(n -> !n.equals("user:settingsUpdated")).toList();
    }

    /** The user a socket connecting now is told in {@code user_info}: the stored state. */
    JsonNode stored() {
      return freshInfo(person.token()).path("user");
    }
  }

  // ---- replies

  static JsonNode only(JsonNode args) {
    assertThat(args.isArray()).as("arguments %s", args).isTrue();
    assertThat(args.size()).as("arguments %s", args).isEqualTo(1);
    return args.get(0);
  }

  /** A success: {@code error.status} false, with or without data. */
  static JsonNode assertOk(JsonNode reply) {
    assertThat(reply.path("error").path("status").asBoolean(true)).as("reply %s", reply).isFalse();
    return reply;
  }

  /** A success without data, exactly as the golden file. */
  static void assertEmptyOk(JsonNode reply) {
    golden(reply, "ok.json");
  }

  /** An error reply: exactly {@code {error: {status: true, code, message}}}, no data. */
  static void assertError(JsonNode reply, int code, String message) {
    ObjectNode expected = JSON.createObjectNode();
    expected.putObject("error").put("status", true).put("code", code).put("message", message);
    assertThat(reply).as("reply").isEqualTo(expected);
  }

  /** Compares with {@code golden/roomful/socket/<name>}. */
  static void golden(JsonNode json, String name) {
    Golden.assertMatches(json.toString(), "roomful/socket/" + name);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
