package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.core.session.Session;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceRoomType;
import dev.atrium.core.space.SpaceRooms;
import dev.atrium.core.space.SpaceType;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.server.AuthorizationMatrix.Access;
import dev.atrium.server.AuthorizationMatrix.Entry;
import dev.atrium.testkit.SocketIoNodeClient;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorization matrix, generated from the route tables: every route the server serves ({@link Atrium#routes})
 * and every socket method ({@link Atrium#socketEvents}) has an entry in {@code authorization-matrix.txt} saying who
 * may call it, and every entry names a route that exists. Each mutating route is then sent, with the body an allowed
 * caller would send, by every caller who must be refused: without a credential, with a forged token, with a Symphony
 * key-manager token, with a valid token in another dialect's header, as a user disabled after signing in, as a plain
 * user or another user (the request names someone else's account or room), as a member who owns nothing, and as the
 * holder of each role that is not enough. Each must be refused in the dialect's error shape (401 for a credential
 * that is no caller, 403/404 or what the dialect documents for a caller who may not), with the database unchanged.
 * Last, the allowed caller sends the same request and must succeed, so that the refusals were about the caller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * Columns a refused request may write. A session's last use is written back (at most once a minute) whenever its
   * token authenticates, before the caller is found not allowed: bookkeeping of the session, not of the resource.
   */
  private static final Set<String> IGNORED = Set.of("sessions.last_used_at");
  private static final List<String> SYMPHONY = List.of("/pod/", "/login/", "/relay/", "/sessionauth/", "/agent/");
  private static final List<String> ROOMFUL = List.of("/api/", "/auth/");
  /**
   * The header each dialect reads a session token from, written as the dialect expects it; Rocket.Chat's token
   * goes with its user's id in {@code X-User-Id}.
   */
  private static final Map<String, String> HEADERS = Map.of("symphony", "sessionToken", "roomful", "X-Session-Id",
      "atrium", "Authorization", "rocketchat", "X-Auth-Token", "livedigital", "Authorization");

  private final AtomicInteger sequence = new AtomicInteger();
  private final Map<String, String> values = new HashMap<>();
  private final Map<String, User> roleHolders = new LinkedHashMap<>();
  /** A session and a key-manager token of each caller, made before the walk: opening one changes the database. */
  private final Map<Long, String> tokens = new HashMap<>();
  private final Map<Long, String> keyManagerTokens = new HashMap<>();
  /** The user of each token made here, for Rocket.Chat's {@code X-User-Id}; a forged token names the owner. */
  private final Map<String, Long> tokenUsers = new HashMap<>();
  private TestServer server;
  private AuthorizationMatrix matrix;
  private SocketIoNodeClient sockets;
  private String adminToken;
  private User owner;
  private User plain;
  private User member;
  /** A guest of the owner's rooms (room role GUEST, as LiveDigital's guest links give), in no space. */
  private User guest;
  private User disabled;
  private String disabledToken;
  private String ownerSocket;
  /** The API client LiveDigital's access tokens name. */
  private String liveDigitalClient;

  @BeforeAll
  void start() throws Exception {
    matrix = AuthorizationMatrix.load();
    server = TestServer.start(Map.of("ATRIUM_RATE_LIMITS", "off"));
    adminToken = session(server.atrium().users().byEmail(TestServer.ADMIN_EMAIL).orElseThrow());
    liveDigitalClient = server.atrium().services().clients()
        .create(server.atrium().users().byEmail(TestServer.ADMIN_EMAIL).orElseThrow(), "matrix").client().clientId();
    owner = createUser("owner", List.of("INDIVIDUAL"));
    plain = createUser("plain", List.of("INDIVIDUAL"));
    member = createUser("member", List.of("INDIVIDUAL"));
    User target = createUser("target", List.of("INDIVIDUAL"));
    User requester = createUser("requester", List.of("INDIVIDUAL"));
    User requester2 = createUser("requester2", List.of("INDIVIDUAL"));
    for (String role : Roles.ALL) {
      if (!role.equals(Roles.INDIVIDUAL)) {
        roleHolders.put(role, createUser(role.toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
            List.of("INDIVIDUAL", role)));
      }
    }
    // A super administrator who signed in and was then disabled: his token would open everything.
    disabled = createUser("disabled", List.of("INDIVIDUAL", Roles.SUPER_ADMINISTRATOR));
    disabledToken = session(disabled);
    pod(adminToken).body(Map.of("status", "DISABLED")).post("/pod/v1/admin/user/" + disabled.id() + "/status/update")
        .then().statusCode(200);

    values.put("owner", Long.toString(owner.id()));
    values.put("plain", Long.toString(plain.id()));
    values.put("member", Long.toString(member.id()));
    values.put("target", Long.toString(target.id()));
    values.put("requester", Long.toString(requester.id()));
    values.put("requester2", Long.toString(requester2.id()));
    String ownerToken = session(owner);
    String room = pod(ownerToken).body(Map.of("name", "Matrix room")).post("/pod/v3/room/create")
        .then().statusCode(200).extract().path("roomSystemInfo.id");
    values.put("room", room);
    pod(ownerToken).body(Map.of("id", member.id())).post("/pod/v1/room/" + room + "/membership/add")
        .then().statusCode(200);
    guest = createUser("guest", List.of("INDIVIDUAL"));
    server.atrium().services().rooms().setRole(owner, room, guest.id(), RoomRole.GUEST);
    liveDigitalPlaces();
    for (User asking : List.of(requester, requester2)) {
      pod(session(asking)).body(Map.of("userId", owner.id())).post("/pod/v1/connection/create")
          .then().statusCode(200);
    }
    values.put("disclaimer", pod(adminToken).body(Map.of("name", "Recording", "content", "Recorded."))
        .post("/pod/v1/admin/disclaimer/create").then().statusCode(200).extract().path("id"));
    List<Object> groups = new ArrayList<>();
    for (String name : List.of("Matrix A", "Matrix A2")) {
      groups.add(pod(adminToken).body(Map.of("name", name)).post("/pod/v1/admin/group/create")
          .then().statusCode(200).extract().path("id"));
    }
    values.put("group", groups.getFirst().toString());
    for (String name : List.of("B", "C")) {
      values.put("group" + name, pod(adminToken).body(Map.of("name", "Matrix " + name))
          .post("/pod/v1/admin/group/create").then().statusCode(200).extract().path("id").toString());
    }
    pod(adminToken).body(List.of(Map.of("appId", "zoom", "appName", "Zoom", "enable", true, "listed", true,
        "install", false))).post("/pod/v1/admin/app/entitlement/list").then().statusCode(200);
    values.put("persona", given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + ownerToken)
        .contentType(ContentType.JSON).body(Map.of("firstName", "Owner", "lastName", "Persona"))
        .post("/atrium/v1/personas").then().statusCode(201).extract().path("id"));
    values.put("policy", pod(adminToken).body(Map.of("policyType", "ALLOW", "groups", groups))
        .post("/pod/v1/admin/policy/create").then().statusCode(200).extract().path("id").toString());
    for (String cert : List.of("ca", "bot")) {
      pod(adminToken).body(Map.of("pem", resource("/certs/" + cert + ".pem"), "attributes", Map.of("name", cert,
          "type", Map.of("type", "USER"), "status", Map.of("type", "TRUSTED"))))
          .post("/pod/v1/companycert/create").then().statusCode(200);
    }
    for (String line : resource("/certs/fingerprints.txt").split("\n")) {
      String[] parts = line.strip().split(" ");
      values.put("fp:" + parts[0], parts[1]);
    }
    for (String cert : List.of("jira", "agent")) {
      String pem = JSON.writeValueAsString(resource("/certs/" + cert + ".pem"));
      values.put("pem:" + cert, pem.substring(1, pem.length() - 1));
    }
    values.put("feed", pod(ownerToken).post("/pod/v1/presence/feed/create").then().statusCode(200)
        .extract().path("id"));
    values.put("message", given().baseUri(server.baseUrl()).header("sessionToken", ownerToken)
        .multiPart("message", "<messageML>hello</messageML>").post("/agent/v4/stream/" + room + "/message/create")
        .then().statusCode(200).extract().path("messageId"));
    values.put("badge", given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + adminToken)
        .contentType(ContentType.JSON).body(Map.of("badgeType", "matrix")).post("/atrium/v1/users/" + target.id()
            + "/badges").then().statusCode(200).extract().path("id"));
    values.put("client", given().baseUri(server.baseUrl()).header("Authorization", "Bearer " + adminToken)
        .contentType(ContentType.JSON).body(Map.of("name", "Matrix client")).post("/atrium/v1/clients")
        .then().statusCode(201).extract().path("clientId"));
    values.put("avatar", image());
    for (User user : Stream.concat(Stream.of(owner, plain, member, guest), roleHolders.values().stream()).toList()) {
      tokens.put(user.id(), session(user));
      keyManagerTokens.put(user.id(), server.atrium().sessions().open(user, Session.Kind.KEY_MANAGER,
          Space.DEFAULT_ID, null).token());
      tokenUsers.put(keyManagerTokens.get(user.id()), user.id());
    }

    sockets = new SocketIoNodeClient();
    ownerSocket = "owner";
    values.put("socket", sockets.connect(ownerSocket, 4, server.baseUrl(),
        Map.of("sessionId", ownerToken)));
    sockets.awaitEvent(ownerSocket, "user_info", SocketIoNodeClient.TIMEOUT);
  }

  /**
   * LiveDigital's places: a private space {space} of the owner, where {member} is a plain member; in it a private
   * room {ldroom} (alias {alias}) where {member} is a plain member and {guest} a guest; {doomedspace} and
   * {doomedroom} for the owner to delete; invites {invite} to revoke and {invite2} to activate.
   */
  private void liveDigitalPlaces() {
    var spaces = server.atrium().services().spaces();
    var spaceRooms = server.atrium().services().spaceRooms();
    var rooms = server.atrium().services().rooms();
    String space = spaces.create(owner, "Matrix space", SpaceType.PUBLIC, false, null).id();
    spaces.putMember(owner, space, member.id(), SpaceRole.USER);
    String doomedSpace = spaces.create(owner, "Matrix doomed space", SpaceType.PUBLIC, false, null).id();
    spaces.putMember(owner, doomedSpace, member.id(), SpaceRole.USER);
    SpaceRooms.Placed ldroom = spaceRooms.create(owner, space, new SpaceRooms.Spec("Matrix LD room", false, true,
        true, SpaceRoomType.LESSON), null);
    String doomedRoom = spaceRooms.create(owner, space, new SpaceRooms.Spec("Matrix doomed room", false, true, true,
        SpaceRoomType.LESSON), null).room().id();
    for (String id : List.of(ldroom.room().id(), doomedRoom)) {
      rooms.setRole(owner, id, member.id(), RoomRole.MEMBER);
      rooms.setRole(owner, id, guest.id(), RoomRole.GUEST);
    }
    values.put("space", space);
    values.put("doomedspace", doomedSpace);
    values.put("ldroom", ldroom.room().id());
    values.put("alias", ldroom.place().alias());
    values.put("doomedroom", doomedRoom);
    values.put("invite", spaces.invites().create(owner, space, SpaceRole.USER).id());
    values.put("invite2", spaces.invites().create(owner, space, SpaceRole.USER).id());
  }

  @AfterAll
  void stop() {
    if (sockets != null) {
      sockets.close();
    }
    if (server != null) {
      server.close();
    }
  }

  // ---- the table against the server

  @Test
  void every_route_and_socket_method_has_an_entry_and_every_entry_a_route() {
    Set<String> served = new TreeSet<>();
    server.atrium().routes().forEach(route -> served.add(route.toString()));
    server.atrium().socketEvents().values().forEach(events -> events.forEach(e -> served.add("SOCKET " + e)));
    Set<String> listed = new TreeSet<>();
    matrix.entries().forEach(entry -> listed.add(entry.route()));

    Set<String> missing = new TreeSet<>(served);
    missing.removeAll(listed);
    Set<String> stale = new TreeSet<>(listed);
    stale.removeAll(served);
    assertThat(missing).as("routes served without an entry in %s (say who may call each, see the README,"
        + " Security › Authorization)", AuthorizationMatrix.RESOURCE).isEmpty();
    assertThat(stale).as("entries in %s for routes the server does not serve", AuthorizationMatrix.RESOURCE)
        .isEmpty();
  }

  @Test
  void the_table_rejects_what_it_cannot_read() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthorizationMatrix.parse("POST /x | anyone"))
        .hasMessage("line 1: unknown access 'anyone'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthorizationMatrix.parse(
        "POST /x | public\nPOST  /x | signed-in")).hasMessage("line 2: POST /x is already on line 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuthorizationMatrix.parse("POST /r/{id}/x | owner"))
        .hasMessage("line 1: POST /r/{id}/x is walked but names no concrete path");
  }

  // ---- HTTP routes

  Stream<Entry> walkedRoutes() {
    return matrix.entries().stream().filter(e -> e.walked() && !e.socket());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("walkedRoutes")
  void every_caller_who_may_not_is_refused_with_nothing_changed_and_the_allowed_caller_succeeds(Entry entry) {
    String dialect = dialect(entry.path());
    User allowed = allowedCaller(entry.access());
    String allowedToken = token(allowed);
    Map<String, String> before = DatabaseDigest.of(server.atrium(), IGNORED);
    List<String> answers = new ArrayList<>();

    // Credentials that make no caller: 401.
    Map<String, Map<String, String>> nobody = new LinkedHashMap<>();
    nobody.put("anonymous", Map.of());
    nobody.put("forged token", credential(dialect, "forged-" + allowedToken.substring(0, 8)));
    nobody.put("key-manager token", credential(dialect, keyManagerToken(allowed)));
    HEADERS.keySet().stream().filter(d -> !d.equals(dialect) && !acceptedBy(dialect, d))
        .forEach(d -> nobody.put(d + " header", credential(d, allowedToken)));
    nobody.put("disabled user", credential(dialect, disabledToken));
    SoftAssertions softly = new SoftAssertions();
    nobody.forEach((caller, headers) -> answers.add(refused(entry, caller, headers, Set.of(401), softly)));

    // Callers who are signed in but may not.
    Map<String, User> refusedUsers = new LinkedHashMap<>();
    switch (entry.access()) {
      case Access.Self s -> refusedUsers.put("other user", plain);
      case Access.RoomOwner o -> {
        refusedUsers.put("other user", plain);
        refusedUsers.put("member", member);
        refusedUsers.put("guest", guest);
      }
      case Access.Admin admin -> {
        refusedUsers.put("plain user", owner);
        roleHolders.forEach((role, holder) -> {
          if (!admin.roles().contains(role)) {
            refusedUsers.put(role, holder);
          }
        });
      }
      case Access.RoomMember m -> refusedUsers.put("other user", plain);
      case Access.SignedIn s -> { }
      case Access.Public p -> throw new AssertionError("a public route is not walked");
    }
    refusedUsers.forEach((caller, user) -> answers.add(refused(entry, caller,
        credential(dialect, token(user)), entry.refusals(), softly)));
    softly.assertThat(changedTables(before)).as("tables changed by %s, refused as%n%s", entry,
        String.join("\n", answers)).isEmpty();
    softly.assertAll();

    if (entry.checkSuccess()) {
      Response ok = send(entry, credential(dialect, entry.fresh() ? session(allowed) : allowedToken));
      assertThat(ok.statusCode()).as("%s by the allowed caller (%s): %s", entry, allowed.username(), ok.asString())
          .isBetween(200, 299);
    }
  }

  /** Sends the entry's request as a caller who must be refused; checks the status and the dialect's error shape. */
  private String refused(Entry entry, String caller, Map<String, String> headers, Set<Integer> statuses,
      SoftAssertions softly) {
    Response response = send(entry, headers);
    String body = response.asString();
    String answer = caller + ": " + response.statusCode() + " " + body;
    softly.assertThat(response.statusCode()).as("%s as %s: %s", entry, caller, body).isIn(statuses.toArray());
    JsonNode json = json(body, entry + " as " + caller);
    String shape = switch (dialect(entry.path())) {
      case "symphony" -> json.path("code").asInt() == response.statusCode() && !json.path("message").asText().isBlank()
          ? "" : "Symphony's {code, message}";
      case "roomful" -> json.path("error").path("status").asBoolean()
          && json.path("error").path("code").asInt() == response.statusCode() ? "" : "Roomful's {error:{status, code}}";
      case "rocketchat" -> json.path("success").isBoolean() && !json.path("success").asBoolean()
          && !json.path("error").asText().isBlank() ? "" : "Rocket.Chat's {success:false, error}";
      default -> json.path("code").isTextual() && !json.path("message").asText().isBlank() ? ""
          : "Atrium's {code, message}";
    };
    softly.assertThat(shape).as("%s as %s: the error shape, got %s", entry, caller, body).isEmpty();
    return answer;
  }

  private Response send(Entry entry, Map<String, String> headers) {
    Map<String, String> filled = new HashMap<>(values);
    filled.put("n", Integer.toString(sequence.incrementAndGet()));
    RequestSpecification request = given().baseUri(server.baseUrl()).headers(headers);
    String body = AuthorizationMatrix.fill(entry.body(), filled);
    if (body.startsWith("form:")) {
      for (String part : body.substring(5).split("&")) {
        int eq = part.indexOf('=');
        request.multiPart(part.substring(0, eq), part.substring(eq + 1));
      }
    } else if (!body.isEmpty()) {
      request.contentType(ContentType.JSON).body(body);
    }
    return request.request(entry.method(), AuthorizationMatrix.fill(entry.path(), filled));
  }

  // ---- socket methods

  Stream<Entry> walkedSocketMethods() {
    return matrix.entries().stream().filter(e -> e.walked() && e.socket());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("walkedSocketMethods")
  void every_socket_without_a_caller_is_refused_with_nothing_changed_and_the_owner_succeeds(Entry entry) {
    String method = entry.route().substring("SOCKET ".length());
    Map<String, String> refusedSockets = new LinkedHashMap<>();
    refusedSockets.put("anonymous socket", "");
    refusedSockets.put("forged token", "forged-token");
    refusedSockets.put("key-manager token", keyManagerToken(owner));
    refusedSockets.put("disabled user", disabledToken);
    Map<String, String> before = DatabaseDigest.of(server.atrium(), IGNORED);
    refusedSockets.forEach((caller, token) -> {
      String sock = "refused-" + sequence.incrementAndGet();
      sockets.connect(sock, 4, server.baseUrl(), token.isEmpty() ? Map.of() : Map.of("sessionId", token));
      sockets.awaitEvent(sock, "anonymousConnection", SocketIoNodeClient.TIMEOUT);
      JsonNode ack = call(sock, method, entry.body());
      sockets.close(sock);
      assertThat(ack.path("error").path("status").asBoolean()).as("%s on a socket with %s: %s", entry, caller, ack)
          .isTrue();
      assertThat(ack.path("error").path("code").asInt()).as("%s on a socket with %s: %s", entry, caller, ack)
          .isEqualTo(401);
    });
    assertThat(changedTables(before)).as("tables changed by %s refused on sockets without a caller", entry)
        .isEmpty();
    if (entry.checkSuccess()) {
      JsonNode ack = call(ownerSocket, method, entry.body());
      assertThat(ack.path("error").path("status").asBoolean()).as("%s by its owner: %s", entry, ack).isFalse();
    }
  }

  private List<String> changedTables(Map<String, String> before) {
    Map<String, String> after = DatabaseDigest.of(server.atrium(), IGNORED);
    return before.keySet().stream().filter(t -> !java.util.Objects.equals(before.get(t), after.get(t))).toList();
  }

  private JsonNode call(String sock, String method, String body) {
    ObjectNode request = JSON.createObjectNode();
    Map<String, String> filled = new HashMap<>(values);
    filled.put("n", Integer.toString(sequence.incrementAndGet()));
    if (!body.isEmpty()) {
      request.set("data", json(AuthorizationMatrix.fill(body, filled), method));
    }
    request.putObject("event").put("date", Instant.now().toString());
    return sockets.emitWithAck(sock, method, request).get(0);
  }

  // ---- callers

  /** The caller the entry allows: the owner for what any user, the user himself or a room owner may do. */
  private User allowedCaller(Access access) {
    return switch (access) {
      case Access.Admin admin -> java.util.Objects.requireNonNull(roleHolders.get(Roles.ALL.stream()
          .filter(admin.roles()::contains).findFirst().orElseThrow()));
      case Access.SignedIn s -> owner;
      case Access.Self s -> owner;
      case Access.RoomOwner o -> owner;
      case Access.RoomMember m -> owner;
      case Access.Public p -> throw new AssertionError("a public route has no allowed caller to check");
    };
  }

  private static String dialect(String path) {
    if (SYMPHONY.stream().anyMatch(path::startsWith)) {
      return "symphony";
    }
    if (path.startsWith("/v1/")) {
      return "livedigital";
    }
    // Rocket.Chat's paths: /api/v1/, but Roomful's sign-in under /api/v1/auth/
    if (path.startsWith("/api/v1/") && !path.startsWith("/api/v1/auth/")) {
      return "rocketchat";
    }
    return ROOMFUL.stream().anyMatch(path::startsWith) ? "roomful" : "atrium";
  }

  /** Atrium's own API reads Symphony's header too ({@code sessionToken}): no wrong kind there. */
  private static boolean acceptedBy(String dialect, String other) {
    return dialect.equals("atrium") && other.equals("symphony");
  }

  private Map<String, String> credential(String dialect, String token) {
    String header = java.util.Objects.requireNonNull(HEADERS.get(dialect));
    if (dialect.equals("rocketchat")) {
      return Map.of("X-User-Id", Long.toString(tokenUsers.getOrDefault(token, owner.id())), header, token);
    }
    if (dialect.equals("livedigital")) {
      // LiveDigital's access token for the session the token opens (signing it stores nothing); a token that opens
      // none (forged, a key-manager's, a disabled user's) goes as it is, which no LiveDigital route reads.
      return Map.of(header, "Bearer " + server.atrium().sessions().caller(token)
          .map(p -> server.atrium().livedigitalTokens().orElseThrow().accessToken(liveDigitalClient, p.session()))
          .orElse(token));
    }
    return Map.of(header, header.equals("Authorization") ? "Bearer " + token : token);
  }

  private String session(User user) {
    String token = server.atrium().sessions().open(user, Session.Kind.SESSION, Space.DEFAULT_ID, null).token();
    tokenUsers.put(token, user.id());
    return token;
  }

  private String token(User user) {
    return java.util.Objects.requireNonNull(tokens.get(user.id()), user.username());
  }

  private String keyManagerToken(User user) {
    return java.util.Objects.requireNonNull(keyManagerTokens.get(user.id()), user.username());
  }

  private User createUser(String name, List<String> roles) {
    Number id = pod(adminToken).body(Map.of("userAttributes", Map.of("userName", "matrix-" + name,
        "emailAddress", "matrix-" + name + "@atrium.test", "firstName", "Matrix", "lastName", name,
        "displayName", "Matrix " + name), "roles", roles, "password", "matrix-password-1"))
        .post("/pod/v2/admin/user/create").then().statusCode(200).extract().path("userSystemInfo.id");
    return server.atrium().users().byId(id.longValue()).orElseThrow();
  }

  private RequestSpecification pod(String token) {
    return given().baseUri(server.baseUrl()).header("sessionToken", token).contentType(ContentType.JSON);
  }

  private static JsonNode json(String text, String what) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(what + ": not JSON: " + text, e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = AuthorizationMatrixTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small PNG, base64: what the avatar update takes. */
  private static String image() throws IOException {
    BufferedImage picture = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(picture, "png", out)).isTrue();
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
