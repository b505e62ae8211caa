package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.server.Atrium;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.SocketIoNodeClient;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One real server and one Node.js process of real socket.io clients, shared by the tests of a class: Roomful
 * accounts signed up over REST, sockets opened with their session, {@code user:*} methods called with an ack, and
 * the reads (JSON-RPC {@code user.info}) that check what a method did.
 */
final class RoomfulSocketFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(10);
  /** How long a socket is watched for an event that must not come. */
  static final Duration QUIET = Duration.ofMillis(400);
  static final int[] VERSIONS = {2, 4};

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  final TestServer server;
  final SocketIoNodeClient client;
  private final AtomicInteger sockets = new AtomicInteger();

  private RoomfulSocketFixture(TestServer server, SocketIoNodeClient client) {
    this.server = server;
    this.client = client;
  }

  static RoomfulSocketFixture start(Map<String, String> overrides) {
    return start(overrides, InstantSource.system());
  }

  /** Starts the server with these settings and this clock (a {@code FakeClock} for tests that move time). */
  static RoomfulSocketFixture start(Map<String, String> overrides, InstantSource clock) {
    TestServer server = TestServer.start(overrides, clock);
    try {
      return new RoomfulSocketFixture(server, new SocketIoNodeClient());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }

  Atrium.Services services() {
    return server.atrium().services();
  }

  String url() {
    return server.baseUrl();
  }

  RequestSpecification http() {
    return given().baseUri(server.baseUrl()).contentType("application/json");
  }

  // ---- accounts

  /** A signed-up Roomful account: its id, email, password and the session token of the signup. */
  record Account(long id, String email, String password, String token) {
    String idText() {
      return Long.toString(id);
    }
  }

  static String uniqueEmail(String prefix) {
    return prefix + "." + SEQUENCE.incrementAndGet() + "@sockets.test";
  }

  /** Signs up a new account with a unique address. */
  Account signup(String prefix) {
    String email = uniqueEmail(prefix);
    String password = "password-" + prefix + "-" + SEQUENCE.incrementAndGet();
    String token = http().body(Map.of("email", email, "password", password, "firstName", "Ann",
        "lastName", "Lee")).post("/api/v1/auth/signup").then().statusCode(200).extract().path("data.session_token");
    long id = Long.parseLong(info(token).path("id").asText());
    return new Account(id, email, password, token);
  }

  /** Signs in and returns the new session's token. */
  String signin(String email, String password) {
    return signinResponse(email, password).then().statusCode(200).extract().path("data.session_token");
  }

  Response signinResponse(String email, String password) {
    return http().body(Map.of("email", email, "password", password)).post("/api/v1/auth/signin");
  }

  /** JSON-RPC {@code user.info}: the {@code data.user} of the caller. */
  JsonNode info(String token) {
    Response response = http().header("X-Session-Id", token).post("/api/v0/rpc/user.info");
    assertThat(response.statusCode()).as("user.info: %s", response.asString()).isEqualTo(200);
    return json(response.asString()).path("data").path("user");
  }

  /** A session of the administrator, for the Symphony admin API. */
  String adminToken() {
    return signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
  }

  /** The user's status as Symphony's admin API reports it: ENABLED or DISABLED. */
  String symphonyStatus(long userId) {
    return given().baseUri(server.baseUrl()).header("sessionToken", adminToken())
        .get("/pod/v1/admin/user/" + userId + "/status").then().statusCode(200).extract().path("status");
  }

  /** Whether the session token still authenticates: JSON-RPC {@code user.info} answers 200, not 401. */
  boolean sessionLive(String token) {
    int status = http().header("X-Session-Id", token).post("/api/v0/rpc/user.info").statusCode();
    assertThat(status).isIn(200, 401);
    return status == 200;
  }

  // ---- sockets

  String newName(int version) {
    return "v" + version + "-" + sockets.incrementAndGet();
  }

  /** Opens a socket with the session, waits for its {@code user_info}, and returns the socket's name. */
  String connect(String token, int version) {
    String sock = newName(version);
    client.connect(sock, version, url(), Map.of("sessionId", token));
    client.awaitEvent(sock, "user_info", WAIT);
    return sock;
  }

  /** Opens a socket with this query, waits for its {@code anonymousConnection}, and returns its name. */
  String connectAnonymous(Map<String, String> query, int version) {
    String sock = newName(version);
    client.connect(sock, version, url(), query);
    client.awaitEvent(sock, "anonymousConnection", WAIT);
    return sock;
  }

  /** The {@code user_info} the socket was told on connect (the event's only argument). */
  JsonNode userInfo(String sock) {
    return only(client.awaitEvent(sock, "user_info", WAIT));
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

  /** The events of that name the socket received so far (their only argument). */
  List<JsonNode> events(String sock, String event) {
    return client.events(sock).stream().filter(e -> event.equals(e.path("event").asText()))
        .map(e -> only(e.path("args"))).toList();
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
