package dev.atrium.server.roomful;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceType;
import dev.atrium.server.Golden;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Roomful's JSON-RPC over HTTP: {@code user.info}, {@code user.pluginPermissions}, {@code user.setSocketRoute}
 * and the public {@code init.client}, each reply in the {@code {data, error}} envelope (golden files under
 * {@code golden/roomful/rpc}), each refusal with its status, code and message, and changing nothing.
 */
class RoomfulRpcTest {
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.standard();

  static Response post(RequestSpecification request, String method) {
    return request.post("/api/v0/rpc/" + method);
  }

  static void assertReply(Response response, int status, String golden) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    Golden.assertMatches(response.asString(), "roomful/rpc/" + golden);
  }

  /** A body that is no JSON document: 400, and a message that says so (the parser's detail follows it). */
  static void assertMalformed(Response response) {
    assertReply(response, 400, "error-malformed-json.json");
    assertThat(response.as(JsonNode.class).path("error").path("message").asText())
        .startsWith("The request body is not valid JSON: ");
  }

  static void assertError(Response response, int status, String message) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    JsonNode error = response.as(JsonNode.class).path("error");
    assertThat(error.path("status").asBoolean()).isTrue();
    assertThat(error.path("code").asInt()).isEqualTo(status);
    assertThat(error.path("message").asText()).isEqualTo(message);
    assertThat(response.as(JsonNode.class).has("data")).isFalse();
  }

  /** A private network made by its owner through the core service (no dialect creates networks yet). */
  static Space privateNetwork(Account owner) {
    return f.services().spaces().create(f.user(owner.id()), RoomfulSocketFixture.unique("Club "),
        SpaceType.BUSINESS_SOCIAL, false, null);
  }

  // ---- user.info

  @Test
  void user_info_answers_the_caller_with_permissions() {
    Account ann = f.person("Ann");
    Response info = post(f.rpc(ann.token()), "user.info");
    assertReply(info, 200, "user-info.json");
    assertThat(info.as(JsonNode.class).path("data").path("user").path("id").asText()).isEqualTo(ann.idText());

    Response admin = post(f.rpc(f.adminToken()), "user.info");
    assertThat(admin.as(JsonNode.class).path("data").path("user").path("permissions").path("admin").asBoolean())
        .isTrue();
  }

  @Test
  void user_info_without_a_live_session_is_401_in_the_envelope() {
    Account ann = f.person("Ann");
    String token = f.signin(ann);
    f.rpc(token).post("/api/v1/auth/signout").then().statusCode(200);
    for (RequestSpecification request : List.of(f.http(), f.rpc("no-such-session"), f.rpc(""), f.rpc(token))) {
      assertReply(post(request, "user.info"), 401, "error-unauthorized.json");
    }
  }

  // ---- user.pluginPermissions

  @Test
  void plugin_permissions_in_the_default_network_follow_the_callers_role() {
    Account ann = f.person("Ann");
    assertReply(post(f.rpc(ann.token()).header("X-Network-Id", Space.DEFAULT_ID), "user.pluginPermissions"), 200,
        "plugin-permissions-visitor.json");
    // Without X-Network-Id: the session's network, here the default one.
    assertReply(post(f.rpc(ann.token()), "user.pluginPermissions"), 200, "plugin-permissions-visitor.json");
    assertReply(post(f.rpc(f.adminToken()).header("X-Network-Id", Space.DEFAULT_ID), "user.pluginPermissions"), 200,
        "plugin-permissions-admin.json");
  }

  @Test
  void plugin_permissions_in_a_private_network_need_its_membership_and_otherwise_are_an_unknown_network() {
    Account carl = f.person("Carl");
    Account ann = f.person("Ann");
    Space club = privateNetwork(carl);

    assertReply(post(f.rpc(carl.token()).header("X-Network-Id", club.id()), "user.pluginPermissions"), 200,
        "plugin-permissions-owner.json");

    // Ann may not use the network: she is told what an unknown network tells, so its existence stays private.
    Response refused = post(f.rpc(ann.token()).header("X-Network-Id", club.id()), "user.pluginPermissions");
    assertReply(refused, 404, "error-network-not-found.json");
    assertError(refused, 404, "Space " + club.id() + " not found");
    assertError(post(f.rpc(ann.token()).header("X-Network-Id", "no-such-network"), "user.pluginPermissions"), 404,
        "Space no-such-network not found");
    // A session made in that network (signin names any network) gets no further.
    String inClub = f.http().header("X-Network", club.id())
        .body(Map.of("email", ann.email(), "password", ann.password())).post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
    assertError(post(f.rpc(inClub), "user.pluginPermissions"), 404, "Space " + club.id() + " not found");

    f.services().spaces().putMember(f.user(carl.id()), club.id(), ann.id(), SpaceRole.USER);
    assertReply(post(f.rpc(ann.token()).header("X-Network-Id", club.id()), "user.pluginPermissions"), 200,
        "plugin-permissions-member.json");
    assertReply(post(f.rpc(inClub), "user.pluginPermissions"), 200, "plugin-permissions-member.json");
    f.services().spaces().putMember(f.user(carl.id()), club.id(), ann.id(), SpaceRole.MODERATOR);
    assertReply(post(f.rpc(ann.token()).header("X-Network-Id", club.id()), "user.pluginPermissions"), 200,
        "plugin-permissions-moderator.json");
    // A Symphony administrator manages every network.
    assertReply(post(f.rpc(f.adminToken()).header("X-Network-Id", club.id()), "user.pluginPermissions"), 200,
        "plugin-permissions-admin.json");
  }

  @Test
  void plugin_permissions_refuse_an_overlong_network_id_and_a_missing_session() {
    Account ann = f.person("Ann");
    assertError(post(f.rpc(ann.token()).header("X-Network-Id", "n".repeat(129)), "user.pluginPermissions"), 400,
        "X-Network-Id must be at most 128 characters long");
    assertReply(post(f.http().header("X-Network-Id", Space.DEFAULT_ID), "user.pluginPermissions"), 401,
        "error-unauthorized.json");
  }

  // ---- user.setSocketRoute

  @Test
  void set_socket_route_refuses_bad_requests_and_tells_no_socket() {
    Account ann = f.person("Ann");
    String sock = f.connect(ann.token(), 2);
    String socketId = f.socketId(sock);

    assertError(post(f.rpc(ann.token()).body(Map.of("route", "/rooms/a")), "user.setSocketRoute"), 400,
        "socketId is required");
    assertError(post(f.rpc(ann.token()).body(Map.of("socketId", socketId)), "user.setSocketRoute"), 400,
        "route is required");
    assertError(post(f.rpc(ann.token()).body(Map.of("socketId", 7, "route", "/rooms/a")), "user.setSocketRoute"),
        400, "Field 'socketId' has the wrong type; expected a string");
    assertError(post(f.rpc(ann.token()).body(Map.of("socketId", socketId, "route", List.of("/a"))),
        "user.setSocketRoute"), 400, "Field 'route' has the wrong type; expected a string");
    assertError(post(f.rpc(ann.token()).body(Map.of("socketId", socketId, "route", "/" + "r".repeat(2048))),
        "user.setSocketRoute"), 400, "route must be at most 2048 characters long");
    assertError(post(f.rpc(ann.token()).body("null"), "user.setSocketRoute"), 400,
        "The request body must not be null");
    assertError(post(f.rpc(ann.token()).body(""), "user.setSocketRoute"), 400,
        "The request body is empty; a JSON document is required");
    assertMalformed(post(f.rpc(ann.token()).body("{\"socketId\":"), "user.setSocketRoute"));
    assertReply(post(f.http().body(Map.of("socketId", socketId, "route", "/rooms/a")), "user.setSocketRoute"),
        401, "error-unauthorized.json");

    assertReply(post(f.rpc(ann.token()).body(Map.of("socketId", socketId, "route", "/rooms/a")),
        "user.setSocketRoute"), 200, "ok.json");
    f.await(sock, "user:setSocketRoute", 1);
    f.barrier(sock, 0, 1, sock);
    assertThat(f.names(sock)).containsExactly("user_info", "user:setSocketRoute", "user:settingsUpdated");
  }

  // ---- init.client

  @Test
  void init_client_without_a_session_answers_for_an_anonymous_user_in_the_default_network() {
    Response anonymous = f.http().post("/api/v0/publicRpc/init.client");
    assertReply(anonymous, 200, "init-client-anonymous.json");
    assertThat(anonymous.as(JsonNode.class).path("data").path("endpoint").asText())
        .isEqualTo("http://localhost:" + f.server.port());
    assertReply(f.http().body(Map.of("roomId", "r-1", "domainName", "example.test"))
        .post("/api/v0/publicRpc/init.client"), 200, "init-client-anonymous.json");

    Account ann = f.person("Ann");
    String token = f.signin(ann);
    f.rpc(token).post("/api/v1/auth/signout").then().statusCode(200);
    for (RequestSpecification request : List.of(f.rpc("no-such-session"), f.rpc(token))) {
      assertReply(request.post("/api/v0/publicRpc/init.client"), 200, "init-client-anonymous.json");
    }
  }

  @Test
  void init_client_with_a_session_names_its_user_and_network() {
    Account ann = f.person("Ann");
    Response signedIn = f.rpc(ann.token()).post("/api/v0/publicRpc/init.client");
    assertReply(signedIn, 200, "init-client-session.json");
    assertThat(signedIn.as(JsonNode.class).path("data").path("userId").asText()).isEqualTo(ann.idText());

    // A session in a private network: that network once the user may use it, the default one before.
    Account carl = f.person("Carl");
    Space club = privateNetwork(carl);
    String inClub = f.http().header("X-Network", club.id())
        .body(Map.of("email", ann.email(), "password", ann.password())).post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
    JsonNode outside = f.rpc(inClub).post("/api/v0/publicRpc/init.client").then().statusCode(200).extract()
        .as(JsonNode.class).path("data");
    assertThat(outside.path("networkId").asText()).isEqualTo(Space.DEFAULT_ID);
    assertThat(outside.path("sessionNetworkId").asText()).isEqualTo(club.id());
    f.services().spaces().putMember(f.user(carl.id()), club.id(), ann.id(), SpaceRole.USER);
    JsonNode inside = f.rpc(inClub).post("/api/v0/publicRpc/init.client").then().statusCode(200).extract()
        .as(JsonNode.class).path("data");
    assertThat(inside.path("networkId").asText()).isEqualTo(club.id());
    assertThat(inside.path("sessionNetworkId").asText()).isEqualTo(club.id());
    assertThat(inside.path("userId").asText()).isEqualTo(ann.idText());
  }

  @Test
  void init_client_refuses_malformed_json_and_wrong_types_in_the_envelope() {
    assertMalformed(f.http().body("{\"roomId\":").post("/api/v0/publicRpc/init.client"));
    assertMalformed(f.http().body("not json").post("/api/v0/publicRpc/init.client"));
    assertMalformed(f.rpc(f.adminToken()).body("{\"roomId\":\"r\"} trailing").post("/api/v0/publicRpc/init.client"));
    assertError(f.http().body(Map.of("roomId", 5)).post("/api/v0/publicRpc/init.client"), 400,
        "Field 'roomId' has the wrong type; expected a string");
  }
}
