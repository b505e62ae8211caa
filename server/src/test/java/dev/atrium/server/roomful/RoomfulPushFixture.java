package dev.atrium.server.roomful;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.SocketIoNodeClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real server on port 0 with its administrator signed in, and one Node.js driver holding real socket.io-client
 * 2.5.0 and 4.x sockets: people are made through the Symphony admin API and signed in through Roomful's signin,
 * their sockets connect with {@code ?sessionId=} and are ready once {@code user_info} came. Everything goes over
 * the wire.
 */
final class RoomfulPushFixture implements AutoCloseable {
  static final String PASSWORD = "push-password-1";
  static final Duration WAIT = SocketIoNodeClient.TIMEOUT;
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** A user with the session token of their first sign-in. */
  record Person(long id, String email, String token) {
    String userId() {
      return Long.toString(id);
    }
  }

  final TestServer server;
  final String adminToken;
  final long adminId;
  final SocketIoNodeClient sockets;

  private RoomfulPushFixture(TestServer server) {
    this.server = server;
    this.adminToken = signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
    this.adminId = pod(adminToken).get("/pod/v1/sessioninfo").then().statusCode(200).extract().jsonPath()
        .getLong("userId");
    this.sockets = new SocketIoNodeClient();
  }

  static RoomfulPushFixture start() {
    return new RoomfulPushFixture(TestServer.start());
  }

  static RoomfulPushFixture start(Map<String, String> overrides, InstantSource clock) {
    return new RoomfulPushFixture(TestServer.start(overrides, clock));
  }

  /** A name no other test of this run uses. */
  static String unique(String prefix) {
    return prefix + SEQUENCE.incrementAndGet();
  }

  /** A NORMAL user made by the administrator (first name {@code name}, last name Tester), signed in once. */
  Person person(String name) {
    String username = unique(name.toLowerCase(java.util.Locale.ROOT) + ".");
    String email = username + "@push.test";
    long id = admin().body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", email,
            "firstName", name, "lastName", "Tester", "accountType", "NORMAL"), "password", PASSWORD,
            "roles", List.of("INDIVIDUAL")))
        .post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    return new Person(id, email, signin(email, PASSWORD));
  }

  /** A new session of the person (another device). */
  String signin(Person person) {
    return signin(person.email(), PASSWORD);
  }

  String signin(String email, String password) {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON)
        .body(Map.of("email", email, "password", password)).post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
  }

  String url() {
    return server.baseUrl();
  }

  /** Connects a socket with the session and waits for its {@code user_info}; returns the socket's id. */
  String connect(String sock, int version, String sessionToken) {
    String id = sockets.connect(sock, version, url(), Map.of("sessionId", sessionToken));
    sockets.awaitEvent(sock, "user_info", WAIT);
    return id;
  }

  /** The first {@code user_info} the socket heard: the envelope {@code {data, error}}. */
  JsonNode userInfo(String sock) {
    return sockets.awaitEvent(sock, "user_info", WAIT).get(0);
  }

  /** Calls a socket method with {@code {data}} and returns the ack's envelope. */
  JsonNode call(String sock, String method, Map<String, ?> data) {
    JsonNode args = sockets.emitWithAck(sock, method, Map.of("data", data));
    assertThat(args.size()).as("ack arguments of %s: %s", method, args).isEqualTo(1);
    return args.get(0);
  }

  /** Calls a socket method and asserts its reply is a success. */
  JsonNode ok(String sock, String method, Map<String, ?> data) {
    JsonNode reply = call(sock, method, data);
    assertThat(reply.path("error").path("status").asBoolean(true)).as("%s replied %s", method, reply).isFalse();
    return reply;
  }

  /** The envelopes of the events of that name the socket received so far, in order. */
  List<JsonNode> heard(String sock, String event) {
    return sockets.events(sock).stream().filter(e -> e.path("event").asText().equals(event))
        .map(e -> e.path("args").get(0)).toList();
  }

  /** The names of every event the socket received so far, in order. */
  List<String> names(String sock) {
    return sockets.events(sock).stream().map(e -> e.path("event").asText()).toList();
  }

  /** Waits until the socket has received {@code count} events of that name; returns their envelopes. */
  List<JsonNode> await(String sock, String event, int count) {
    return sockets.awaitEvents(sock, event, count, WAIT).stream().map(a -> a.get(0)).toList();
  }

  /** The nth (from 1) event of that name, waiting for it; its envelope as JSON text. */
  String nth(String sock, String event, int n) {
    return await(sock, event, n).get(n - 1).toString();
  }

  /**
   * A barrier on the events of one user: the person's socket {@code caller} sets the collision setting to
   * {@code value}, and every socket given waits for that {@code user:settingsUpdated}. A user's events go out in
   * the order their changes were made, so every event of an earlier change has arrived once this returns.
   */
  void barrier(String caller, int settingsEventsBefore, int value, String... socks) {
    ok(caller, "user:setCollisionSettings", Map.of("objectCollision", value));
    for (String sock : socks) {
      JsonNode last = await(sock, "user:settingsUpdated", settingsEventsBefore + 1).get(settingsEventsBefore);
      assertThat(last.path("data").path("objectCollision").asInt()).isEqualTo(value);
    }
  }

  /** A Symphony request with the session token given. */
  RequestSpecification pod(String token) {
    return given().baseUri(server.baseUrl()).header("sessionToken", token).contentType(ContentType.JSON);
  }

  RequestSpecification admin() {
    return pod(adminToken);
  }

  /** A Roomful JSON-RPC request with {@code X-Session-Id}. */
  RequestSpecification rpc(String token) {
    return anonymous().header("X-Session-Id", token);
  }

  RequestSpecification anonymous() {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON);
  }

  @Override
  public void close() {
    try {
      sockets.close();
    } finally {
      server.close();
    }
  }
}
