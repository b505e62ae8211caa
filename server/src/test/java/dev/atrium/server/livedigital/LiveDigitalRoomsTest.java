package dev.atrium.server.livedigital;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceType;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStatus;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.FakeClock;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiveDigital's rooms in spaces over HTTP: create, list, get, update, delete, by alias, room roles and guest access
 * links, with who may do what; a room made here is the Symphony and Rocket.Chat room of the same id.
 */
class LiveDigitalRoomsTest {
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static final FakeClock CLOCK = new FakeClock();
  static TestServer server;
  static LiveDigitalFixture ld;
  static String adminToken;

  /** A user: id, email, a LiveDigital user access token and an Atrium session token (for Symphony). */
  record Caller(long id, String email, String token, String session) {
    User user() {
      return server.atrium().users().get(id);
    }
  }

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of(), CLOCK);
    ld = new LiveDigitalFixture(server);
    adminToken = ld.adminToken;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static RequestSpecification anonymous() {
    return ld.anonymous();
  }

  static RequestSpecification as(String token) {
    return ld.as(token);
  }

  static RequestSpecification as(Caller c) {
    return as(c.token());
  }

  static Caller newUser() {
    LiveDigitalFixture.Caller c = ld.newUser("Rooms User");
    return new Caller(c.id(), c.email(), c.token(), c.session());
  }

  static String clientToken() {
    return ld.clientToken();
  }

  static Space space(Caller owner, boolean isPublic) {
    return server.atrium().services().spaces().create(owner.user(), "Space " + SEQUENCE.incrementAndGet(),
        SpaceType.PUBLIC, isPublic, null);
  }

  static void putMember(Caller owner, Space space, Caller member, SpaceRole role) {
    server.atrium().services().spaces().putMember(owner.user(), space.id(), member.id(), role);
  }

  static Map<String, Object> roomBody(String name, boolean isPublic) {
    return Map.of("name", name, "isPublic", isPublic, "isScreensharingAllowed", true, "isChatAllowed", false,
        "type", "webinar");
  }

  static String rooms(Space space) {
    return "/v1/spaces/" + space.id() + "/rooms";
  }

  static String room(Space space, String roomId) {
    return rooms(space) + "/" + roomId;
  }

  /** Creates a room through the API and returns its id. */
  static String createRoom(Caller by, Space space, boolean isPublic) {
    // rooms are listed by creation time: each one a moment after the last
    CLOCK.advance(Duration.ofMillis(5));
    Response r = as(by).body(roomBody("Room " + SEQUENCE.incrementAndGet(), isPublic)).post(rooms(space));
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
    return r.path("id");
  }

  static void refused(Response r, int status, String code) {
    LiveDigitalFixture.refused(r, status, code);
  }

  static int roomCount() {
    return server.atrium().services().database().dsl().fetchCount(
        server.atrium().services().database().dsl().selectFrom("space_room"));
  }

  static Map<String, String> query(String url) {
    Map<String, String> params = new HashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  static Response generate(Caller by, Space space, String roomId, Map<String, ?> body) {
    return as(by).body(body).post(room(space, roomId) + "/generate-access");
  }

  static String link(Caller by, Space space, String roomId, Map<String, ?> body) {
    Response r = generate(by, space, roomId, body);
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    return r.path("url");
  }

  static String tokenOf(String url) {
    return query(url).get("accessToken");
  }

  // ---- rooms

  @Test
  void the_space_owner_creates_a_room_that_is_the_symphony_room_of_the_same_id() {
    Caller owner = newUser();
    Space space = space(owner, true);

    Response created = as(owner).body(roomBody("Physics 101", true)).post(rooms(space));

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    Golden.assertMatches(created.asString(), "livedigital/room-created.json");
    String id = created.path("id");
    assertThat((String) created.path("alias")).matches("[A-Za-z0-9_-]{10}");
    assertThat((String) created.path("channelId")).matches("[0-9a-f]{24}");
    Response got = as(owner).get(room(space, id));
    assertThat(got.statusCode()).as(got.asString()).isEqualTo(200);
    Golden.assertMatches(got.asString(), "livedigital/room.json");
    assertThat((String) got.path("appId")).isEqualTo(ld.clientId);
    assertThat((String) got.path("spaceId")).isEqualTo(space.id());
    assertThat((String) got.path("alias")).isEqualTo(created.path("alias"));

    Response symphony = given().baseUri(server.baseUrl()).header("sessionToken", owner.session())
        .get("/pod/v3/room/" + id + "/info");
    assertThat(symphony.statusCode()).as(symphony.asString()).isEqualTo(200);
    assertThat((String) symphony.path("roomAttributes.name")).isEqualTo("Physics 101");
    assertThat((String) symphony.path("roomSystemInfo.id")).isEqualTo(id);
    assertThat(server.atrium().services().rooms().membershipOf(owner.user(), id).orElseThrow().role().name())
        .isEqualTo("OWNER");
    Response rocketChat = given().baseUri(server.baseUrl()).header("X-User-Id", Long.toString(owner.id()))
        .header("X-Auth-Token", owner.session()).get("/api/v1/channels.info?roomId=" + id);
    assertThat(rocketChat.statusCode()).as(rocketChat.asString()).isEqualTo(200);
    assertThat((String) rocketChat.path("channel._id")).isEqualTo(id);
  }

  @Test
  void a_space_moderator_creates_rooms_and_a_plain_member_or_stranger_may_not() {
    Caller owner = newUser();
    Caller moderator = newUser();
    Caller member = newUser();
    Caller stranger = newUser();
    Space space = space(owner, true);
    putMember(owner, space, moderator, SpaceRole.MODERATOR);
    putMember(owner, space, member, SpaceRole.USER);
    Space hidden = space(owner, false);
    int before = roomCount();

    createRoom(moderator, space, true);
    refused(as(member).body(roomBody("No", true)).post(rooms(space)), 403, "forbidden");
    refused(as(stranger).body(roomBody("No", true)).post(rooms(space)), 403, "forbidden");
    refused(as(stranger).body(roomBody("No", true)).post(rooms(hidden)), 404, "not_found");
    refused(as(owner).body(roomBody("No", true)).post("/v1/spaces/no-such-space/rooms"), 404, "not_found");

    assertThat(roomCount()).isEqualTo(before + 1);
  }

  @Test
  void bad_input_is_400_and_creates_nothing() {
    Caller owner = newUser();
    Space space = space(owner, true);
    int before = roomCount();

    refused(as(owner).body(Map.of("name", "R", "type", "party")).post(rooms(space)), 400, "bad_request");
    refused(as(owner).body(Map.of("type", "lesson")).post(rooms(space)), 400, "bad_request");
    refused(as(owner).body(Map.of("name", "R", "isPublic", "yes")).post(rooms(space)), 400, "bad_request");
    refused(as(owner).body("[]").post(rooms(space)), 400, "bad_request");
    refused(as(owner).body("").post(rooms(space)), 400, "bad_request");

    assertThat(roomCount()).isEqualTo(before);
  }

  @Test
  void a_private_room_is_invisible_to_the_space_owner_until_a_room_role_is_granted() {
    Caller owner = newUser();
    Caller moderator = newUser();
    Space space = space(owner, true);
    putMember(owner, space, moderator, SpaceRole.MODERATOR);
    String secret = createRoom(moderator, space, false);
    String open = createRoom(moderator, space, true);
    String alias = as(moderator).get(room(space, secret)).path("alias");

    refused(as(owner).get(room(space, secret)), 404, "not_found");
    refused(as(owner).get("/v1/spaces/room-by-alias/" + alias), 404, "not_found");
    Response ownersList = as(owner).get(rooms(space));
    assertThat(ownersList.jsonPath().getList("items.id", String.class)).containsExactly(open);
    refused(as(owner).body(Map.of("targetUserId", Long.toString(owner.id()), "role", "role_room_moderator"))
        .post(room(space, secret) + "/roles"), 404, "not_found");

    Response granted = as(moderator).body(Map.of("targetUserId", Long.toString(owner.id()), "role",
        "role_room_user")).post(room(space, secret) + "/roles");

    assertThat(granted.statusCode()).as(granted.asString()).isEqualTo(200);
    Golden.assertMatches(granted.asString(), "livedigital/role-granted.json");
    assertThat(as(owner).get(room(space, secret)).statusCode()).isEqualTo(200);
    assertThat(as(owner).get("/v1/spaces/room-by-alias/" + alias).statusCode()).isEqualTo(200);
    Response list = as(owner).get(rooms(space));
    Golden.assertMatches(list.asString(), "livedigital/rooms.json");
    assertThat(list.jsonPath().getList("items.id", String.class)).containsExactly(secret, open);
  }

  @Test
  void room_roles_are_given_by_the_room_creator_or_a_room_moderator_only() {
    Caller owner = newUser();
    Caller creator = newUser();
    Caller target = newUser();
    Space space = space(owner, true);
    putMember(owner, space, creator, SpaceRole.MODERATOR);
    String id = createRoom(creator, space, true);
    String roles = room(space, id) + "/roles";

    refused(as(owner).body(Map.of("targetUserId", Long.toString(target.id()), "role", "role_room_user"))
        .post(roles), 403, "forbidden");
    refused(as(creator).body(Map.of("targetUserId", Long.toString(target.id()), "role", "role_room_owner"))
        .post(roles), 400, "bad_request");
    refused(as(creator).body(Map.of("targetUserId", "999999999999", "role", "role_room_user")).post(roles), 404,
        "not_found");
    refused(as(creator).body(Map.of("targetUserId", "nobody", "role", "role_room_user")).post(roles), 404,
        "not_found");
    refused(as(creator).body(Map.of("targetUserId", Long.toString(creator.id()), "role", "role_room_user"))
        .post(roles), 403, "forbidden");

    assertThat(as(creator).body(Map.of("targetUserId", Long.toString(target.id()), "role", "role_room_moderator"))
        .post(roles).statusCode()).isEqualTo(200);
    // the new moderator may give roles, and change the space owner's from none to user
    assertThat(as(target).body(Map.of("targetUserId", Long.toString(owner.id()), "role", "role_room_user"))
        .post(roles).statusCode()).isEqualTo(200);
    assertThat(server.atrium().services().rooms().membershipOf(owner.user(), id).orElseThrow().role().name())
        .isEqualTo("MEMBER");
    // a plain member may not
    refused(as(owner).body(Map.of("targetUserId", Long.toString(target.id()), "role", "role_room_user"))
        .post(roles), 403, "forbidden");
  }

  @Test
  void a_room_moderator_updates_and_deletes_a_room_and_a_member_may_not() {
    Caller owner = newUser();
    Caller member = newUser();
    Caller moderator = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    as(owner).body(Map.of("targetUserId", Long.toString(member.id()), "role", "role_room_user"))
        .post(room(space, id) + "/roles").then().statusCode(200);
    as(owner).body(Map.of("targetUserId", Long.toString(moderator.id()), "role", "role_room_moderator"))
        .post(room(space, id) + "/roles").then().statusCode(200);

    refused(as(member).body(Map.of("name", "Mine")).put(room(space, id)), 403, "forbidden");
    refused(as(moderator).body(Map.of("type", "seminar")).put(room(space, id)), 400, "bad_request");
    Response updated = as(moderator).body(Map.of("name", "Renamed", "isPublic", false, "isChatAllowed", true,
        "type", "lesson")).put(room(space, id));

    assertThat(updated.statusCode()).as(updated.asString()).isEqualTo(200);
    Golden.assertMatches(updated.asString(), "livedigital/room-updated.json");
    Response got = as(member).get(room(space, id));
    assertThat((String) got.path("name")).isEqualTo("Renamed");
    assertThat((Boolean) got.path("isPublic")).isFalse();
    assertThat((Boolean) got.path("isChatAllowed")).isTrue();
    assertThat((Boolean) got.path("isScreensharingAllowed")).isTrue();
    assertThat((String) got.path("type")).isEqualTo("lesson");

    refused(as(member).delete(room(space, id)), 403, "forbidden");
    Response deleted = as(moderator).delete(room(space, id));
    assertThat(deleted.statusCode()).as(deleted.asString()).isEqualTo(204);
    refused(as(owner).get(room(space, id)), 404, "not_found");
    Response symphony = given().baseUri(server.baseUrl()).header("sessionToken", owner.session())
        .get("/pod/v3/room/" + id + "/info");
    assertThat(symphony.statusCode()).as("Symphony's answer for a stream that is gone").isEqualTo(400);
  }

  @Test
  void a_room_is_found_by_its_alias() {
    Caller owner = newUser();
    Caller other = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    String alias = as(owner).get(room(space, id)).path("alias");

    Response found = as(other).get("/v1/spaces/room-by-alias/" + alias);

    assertThat(found.statusCode()).as(found.asString()).isEqualTo(200);
    Golden.assertMatches(found.asString(), "livedigital/room.json");
    assertThat((String) found.path("id")).isEqualTo(id);
    refused(as(other).get("/v1/spaces/room-by-alias/XXXXXXXXXX"), 404, "not_found");
    refused(as(other).get("/v1/spaces/room-by-alias/short"), 404, "not_found");
  }

  @Test
  void a_client_token_is_403_no_token_401_and_the_cookie_alone_authenticates() {
    Caller owner = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    String client = clientToken();

    Response byClient = as(client).get(room(space, id));
    refused(byClient, 403, "forbidden");
    assertThat(byClient.jsonPath().getString("message")).isEqualTo("Данный метод запрещен для пользователя");
    refused(as(client).body(roomBody("R", true)).post(rooms(space)), 403, "forbidden");
    refused(as(client).body(Map.of("username", "G")).post(room(space, id) + "/generate-access"), 403, "forbidden");
    refused(anonymous().get(room(space, id)), 401, "unauthorized");
    refused(anonymous().body(roomBody("R", true)).post(rooms(space)), 401, "unauthorized");

    Response byCookie = anonymous().cookie("accessToken", owner.token()).get(room(space, id));
    assertThat(byCookie.statusCode()).as(byCookie.asString()).isEqualTo(200);
    Response createdByCookie = anonymous().cookie("accessToken", owner.token()).body(roomBody("C", true))
        .post(rooms(space));
    assertThat(createdByCookie.statusCode()).as(createdByCookie.asString()).isEqualTo(201);
  }

  @Test
  void deleting_every_room_of_a_space_deletes_them_in_every_dialect() {
    Caller owner = newUser();
    Space space = space(owner, true);
    Space other = space(owner, true);
    String first = createRoom(owner, space, true);
    String second = createRoom(owner, space, false);
    String kept = createRoom(owner, other, true);

    assertThat(server.atrium().services().spaceRooms().deleteAllIn(space.id())).isEqualTo(2);

    refused(as(owner).get(room(space, first)), 404, "not_found");
    refused(as(owner).get(room(space, second)), 404, "not_found");
    assertThat(as(owner).get(rooms(space)).jsonPath().getList("items")).isEmpty();
    assertThat(as(owner).get(room(other, kept)).statusCode()).isEqualTo(200);
    assertThat(given().baseUri(server.baseUrl()).header("sessionToken", owner.session())
        .get("/pod/v3/room/" + first + "/info").statusCode()).isEqualTo(400);
  }

  @Test
  void deleting_a_space_deletes_its_rooms_in_every_dialect_and_a_refused_delete_keeps_them() {
    Caller owner = newUser();
    Caller member = newUser();
    String spaceId = as(owner).body(Map.of("name", "Doomed " + SEQUENCE.incrementAndGet(), "isPublic", true))
        .post("/v1/spaces").then().statusCode(201).extract().path("id");
    Space space = server.atrium().services().spaces().get(spaceId);
    putMember(owner, space, member, SpaceRole.MODERATOR);
    String id = createRoom(owner, space, true);
    int before = roomCount();

    refused(as(member).delete("/v1/spaces/" + spaceId), 403, "forbidden");
    assertThat(roomCount()).isEqualTo(before);
    assertThat(as(owner).get(room(space, id)).statusCode()).isEqualTo(200);

    as(owner).delete("/v1/spaces/" + spaceId).then().statusCode(204);

    assertThat(roomCount()).isEqualTo(before - 1);
    refused(as(owner).get(room(space, id)), 404, "not_found");
    assertThat(given().baseUri(server.baseUrl()).header("sessionToken", owner.session())
        .get("/pod/v3/room/" + id + "/info").statusCode()).isEqualTo(400);
  }

  // ---- guest access

  @Test
  void a_guest_acts_in_its_room_only_it_makes_no_users_or_spaces_and_joins_no_space() {
    Caller owner = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    String invite = as(owner).body(Map.of("role", "role_space_user")).post("/v1/spaces/" + space.id() + "/invites")
        .then().statusCode(201).extract().path("id");
    String token = tokenOf(link(owner, space, id, Map.of("username", "Visitor", "role", "moderator",
        "isPermanent", true)));
    int before = roomCount();

    refused(as(token).body(Map.of("name", "Guest space", "isPublic", true)).post("/v1/spaces"), 403, "forbidden");
    refused(as(token).body(Map.of("email", "by.guest." + SEQUENCE.incrementAndGet() + "@example.test", "password",
        "guest-password-1", "username", "By Guest " + SEQUENCE.get())).post("/v1/users"), 403, "forbidden");
    refused(as(token).post("/v1/spaces/" + space.id() + "/invites/" + invite + "/activate"), 403, "forbidden");

    // in its room, a moderator's link moderates
    assertThat(as(token).get(room(space, id)).statusCode()).isEqualTo(200);
    assertThat(as(token).body(Map.of("name", "Renamed by the guest")).put(room(space, id)).statusCode())
        .isEqualTo(200);
    assertThat(roomCount()).isEqualTo(before);
    assertThat(server.atrium().services().spaces().member(space.id(),
        as(token).get("/v1/users/me").then().extract().jsonPath().getLong("id"))).isEmpty();
  }

  @Test
  void a_guest_sees_the_room_of_its_link_in_a_private_space_it_is_no_member_of() {
    Caller owner = newUser();
    Space space = space(owner, false);
    String id = createRoom(owner, space, false);
    String token = tokenOf(link(owner, space, id, Map.of("username", "Visitor", "role", "user",
        "isPermanent", true)));

    Response got = as(token).get(room(space, id));

    assertThat(got.statusCode()).as(got.asString()).isEqualTo(200);
    assertThat((String) got.path("id")).isEqualTo(id);
    // the room only: not the space's other rooms, nor the space
    String other = createRoom(owner, space, true);
    refused(as(token).get(room(space, other)), 404, "not_found");
    refused(as(token).get("/v1/spaces/" + space.id()), 404, "not_found");
  }

  @Test
  void a_one_time_link_names_the_participant_and_works_once() {
    Caller owner = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    String alias = as(owner).get(room(space, id)).path("alias");

    Response r = generate(owner, space, id, Map.of("username", "John Smith", "role", "user",
        "externalUserId", "ext-1", "email", "john.smith." + SEQUENCE.incrementAndGet() + "@guest.test",
        "phone", "+15550199"));

    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    Golden.assertMatches(r.asString(), "livedigital/generate-access.json");
    String url = r.path("url");
    assertThat(url).matches("http://[^/]+:" + server.port() + "/room/" + alias
        + "\\?participantName=John%20Smith&accessToken=[A-Za-z0-9_.-]+");
    String token = tokenOf(url);
    Response me = as(token).get("/v1/users/me");
    assertThat(me.statusCode()).as(me.asString()).isEqualTo(200);
    assertThat((String) me.path("name")).isEqualTo("John Smith");
    assertThat((String) me.path("phone")).isEqualTo("+15550199");
    assertThat((String) me.path("username")).startsWith("guest-");
    refused(as(token).get("/v1/users/me"), 401, "unauthorized");
    refused(as(token).get(room(space, id)), 401, "unauthorized");
  }

  @Test
  void a_permanent_link_works_until_its_ttl_and_gives_the_guest_its_room_role() {
    Caller owner = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, false);
    String token = tokenOf(link(owner, space, id, Map.of("username", "Mod", "role", "moderator", "ttl", 60,
        "isPermanent", true)));

    for (int i = 0; i < 3; i++) {
      Response got = as(token).get(room(space, id));
      assertThat(got.statusCode()).as(got.asString()).isEqualTo(200);
    }
    // a moderator's link may give roles
    Caller other = newUser();
    assertThat(as(token).body(Map.of("targetUserId", Long.toString(other.id()), "role", "role_room_user"))
        .post(room(space, id) + "/roles").statusCode()).isEqualTo(200);
    CLOCK.advance(Duration.ofSeconds(61));
    refused(as(token).get(room(space, id)), 401, "unauthorized");
  }

  @Test
  void concurrent_first_uses_of_a_one_time_link_let_exactly_one_through() throws Exception {
    Caller owner = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    String token = tokenOf(link(owner, space, id, Map.of("username", "Racer")));
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Integer> use = () -> {
          go.await();
          return as(token).get("/v1/users/me").statusCode();
        };
        results.add(pool.submit(use));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : results) {
        statuses.add(f.get());
      }
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 401).hasSize(threads - 1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void the_same_external_user_id_reuses_the_guest_and_disabling_it_ends_its_links() {
    Caller owner = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    String first = tokenOf(link(owner, space, id, Map.of("username", "Ann", "externalUserId", "crm-7",
        "isPermanent", true)));
    String second = tokenOf(link(owner, space, id, Map.of("username", "Ann", "externalUserId", "crm-7",
        "isPermanent", true)));

    String firstId = as(first).get("/v1/users/me").path("id");
    assertThat((String) as(second).get("/v1/users/me").path("id")).isEqualTo(firstId);
    User admin = server.atrium().users().byEmail(TestServer.ADMIN_EMAIL).orElseThrow();
    server.atrium().services().accounts().setStatus(admin, Long.parseLong(firstId), UserStatus.DISABLED);

    refused(as(first).get("/v1/users/me"), 401, "unauthorized");
    refused(as(second).get("/v1/users/me"), 401, "unauthorized");
    // a guest has no password: nobody logs in as it
    String guestName = server.atrium().users().get(Long.parseLong(firstId)).username();
    Response login = anonymous().body(Map.of("grant_type", "password", "client_id", ld.clientId, "client_secret",
        ld.clientSecret, "username", guestName, "password", "")).post("/v1/auth/token");
    assertThat(login.statusCode()).as(login.asString()).isIn(400, 401);
    refused(generate(owner, space, id, Map.of("username", "Ann", "externalUserId", "crm-7")), 403, "forbidden");
  }

  @Test
  void revoking_the_guest_sessions_ends_a_permanent_link_at_once() {
    Caller owner = newUser();
    Space space = space(owner, true);
    String id = createRoom(owner, space, true);
    String token = tokenOf(link(owner, space, id, Map.of("username", "Bo", "isPermanent", true)));
    String guestId = as(token).get("/v1/users/me").path("id");

    server.atrium().services().sessions().revokeAllOf(Long.parseLong(guestId));

    refused(as(token).get("/v1/users/me"), 401, "unauthorized");
  }

  @Test
  void generate_access_is_for_the_room_creator_or_a_room_moderator_and_checks_its_input() {
    Caller owner = newUser();
    Caller creator = newUser();
    Caller taken = newUser();
    Space space = space(owner, true);
    putMember(owner, space, creator, SpaceRole.MODERATOR);
    String id = createRoom(creator, space, true);
    int users = server.atrium().users().ids(server.atrium().users().byEmail(TestServer.ADMIN_EMAIL).orElseThrow())
        .size();

    refused(generate(owner, space, id, Map.of("username", "G")), 403, "forbidden");
    refused(generate(creator, space, id, Map.of("username", "G", "ttl", 0)), 400, "bad_request");
    refused(generate(creator, space, id, Map.of("username", "G", "ttl", -5)), 400, "bad_request");
    refused(generate(creator, space, id, Map.of("username", "G", "ttl", 30L * 24 * 3600 + 1)), 400, "bad_request");
    refused(generate(creator, space, id, Map.of("username", "G", "role", "owner")), 400, "bad_request");
    refused(generate(creator, space, id, Map.of("role", "user")), 400, "bad_request");
    refused(generate(creator, space, id, Map.of("username", "G", "email", "not-an-email")), 400, "bad_request");
    refused(generate(creator, space, id, Map.of("username", "G", "phone", "call me")), 400, "bad_request");
    refused(generate(creator, space, id, Map.of("username", "G", "email", taken.email())), 409, "conflict");
    refused(generate(creator, space, "no-such-room", Map.of("username", "G")), 404, "not_found");

    assertThat(server.atrium().users().ids(server.atrium().users().byEmail(TestServer.ADMIN_EMAIL).orElseThrow()))
        .hasSize(users);
  }
}
