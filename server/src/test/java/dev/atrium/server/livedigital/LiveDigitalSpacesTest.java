package dev.atrium.server.livedigital;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiveDigital's spaces and space invites over HTTP: {@code /v1/spaces}, {@code /v1/spaces/{spaceId}} and
 * {@code /v1/spaces/{spaceId}/invites[/{inviteId}[/activate]]}, each with a user token; a client token is 403 and no
 * token 401. A space made here is the Roomful network of the same id.
 */
class LiveDigitalSpacesTest {
  static final String SPACES = "/v1/spaces";
  /** A refused request may write a session's last use, nothing else. */
  static final Set<String> IGNORED = Set.of("sessions.last_used_at");
  static TestServer server;
  static LiveDigitalFixture ld;
  static String clientToken;

  @BeforeAll
  static void start() {
    server = TestServer.start(Map.of("ATRIUM_RATE_LIMITS", "off"));
    ld = new LiveDigitalFixture(server);
    clientToken = ld.clientToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A user with a LiveDigital access token and an Atrium session. */
  record Caller(long id, String email, String token, String session) {
    RequestSpecification http() {
      return ld.as(token);
    }
  }

  static RequestSpecification anonymous() {
    return ld.anonymous();
  }

  static Caller newUser() {
    LiveDigitalFixture.Caller c = ld.newUser("Space User");
    return new Caller(c.id(), c.email(), c.token(), c.session());
  }

  static Map<String, String> digest() {
    return DatabaseDigest.of(server.atrium(), IGNORED);
  }

  static void refused(Response r, int status, String code) {
    assertThat(r.contentType()).startsWith("application/json");
    LiveDigitalFixture.refused(r, status, code);
  }

  /** The request, which must be refused so, leaving the database as it was. */
  static Response refusedUnchanged(int status, String code, java.util.function.Supplier<Response> request) {
    Map<String, String> before = digest();
    Response r = request.get();
    refused(r, status, code);
    assertThat(digest()).isEqualTo(before);
    return r;
  }

  static String create(Caller owner, Map<String, ?> body) {
    Response r = owner.http().body(body).post(SPACES);
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
    Golden.assertMatches(r.asString(), "livedigital/spaces/created.json");
    return r.path("id");
  }

  static String privateSpace(Caller owner) {
    return create(owner, Map.of("name", "Team room", "isPublic", false, "description", "Where the team meets",
        "logo", "https://example.test/logo.png"));
  }

  static String invite(Caller by, String spaceId, String role) {
    Response r = by.http().body(Map.of("role", role)).post(SPACES + "/" + spaceId + "/invites");
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
    Golden.assertMatches(r.asString(), "livedigital/spaces/created.json");
    return r.path("id");
  }

  static Response activate(Caller who, String spaceId, String inviteId) {
    return who.http().post(SPACES + "/" + spaceId + "/invites/" + inviteId + "/activate");
  }

  static @Nullable SpaceRole role(String spaceId, long userId) {
    return server.atrium().services().spaces().member(spaceId, userId).map(SpaceMember::role).orElse(null);
  }

  @Test
  void a_space_is_created_read_listed_changed_and_deleted_by_its_owner() {
    Caller owner = newUser();
    String id = privateSpace(owner);
    assertThat(id).matches("[A-Za-z0-9_-]{16}");
    assertThat(role(id, owner.id())).isEqualTo(SpaceRole.OWNER);

    Response got = owner.http().get(SPACES + "/" + id);
    assertThat(got.statusCode()).as(got.asString()).isEqualTo(200);
    Golden.assertMatches(got.asString(), "livedigital/spaces/space.json");
    assertThat(got.jsonPath().getString("id")).isEqualTo(id);
    assertThat(got.jsonPath().getString("ownerId")).isEqualTo(Long.toString(owner.id()));

    Response listed = owner.http().get(SPACES);
    assertThat(listed.statusCode()).as(listed.asString()).isEqualTo(200);
    Golden.assertMatches(listed.asString(), "livedigital/spaces/list.json");

    Response changed = owner.http().body(Map.of("name", "Renamed", "isPublic", true, "description", "New words"))
        .put(SPACES + "/" + id);
    assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
    Golden.assertMatches(changed.asString(), "livedigital/spaces/space-updated.json");
    Golden.assertMatches(owner.http().get(SPACES + "/" + id).asString(), "livedigital/spaces/space-updated.json");

    Response deleted = owner.http().delete(SPACES + "/" + id);
    assertThat(deleted.statusCode()).as(deleted.asString()).isEqualTo(204);
    assertThat(deleted.asString()).isEmpty();
    refused(owner.http().get(SPACES + "/" + id), 404, "not_found");
    assertThat(owner.http().get(SPACES).jsonPath().getInt("total")).isZero();
    assertThat(role(id, owner.id())).isNull();
  }

  @Test
  void create_takes_only_a_name_and_leaves_out_what_is_absent() {
    Caller owner = newUser();
    String id = create(owner, Map.of("name", "Bare", "isPublic", true, "unknownField", 1));
    Golden.assertMatches(owner.http().get(SPACES + "/" + id).asString(), "livedigital/spaces/space-bare.json");
    // isPublic absent: private, the safer default.
    String hidden = create(owner, Map.of("name", "Quiet"));
    assertThat(owner.http().get(SPACES + "/" + hidden).jsonPath().getBoolean("isPublic")).isFalse();
  }

  @Test
  void bad_bodies_are_400_and_change_nothing() {
    Caller owner = newUser();
    String id = privateSpace(owner);
    String path = SPACES + "/" + id;
    assertThat(refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("isPublic", true)).post(SPACES))
        .jsonPath().getString("message")).isEqualTo("name is required");
    refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("name", " ")).post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http().post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http().body("{\"name\":").post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http().body(List.of("name")).post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("name", 5)).post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("name", "N", "isPublic", "yes"))
        .post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("name", "N", "logo", "ftp://x/y.png"))
        .post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http()
        .body(Map.of("name", "N", "description", "d".repeat(4001))).post(SPACES));
    refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("name", "n".repeat(257))).post(SPACES));

    assertThat(refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("isPublic", true)).put(path))
        .jsonPath().getString("message")).isEqualTo("name is required");
    assertThat(refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("name", "N")).put(path))
        .jsonPath().getString("message")).isEqualTo("isPublic is required");
    refusedUnchanged(400, "bad_request", () -> owner.http().put(path));

    String invites = path + "/invites";
    assertThat(refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of()).post(invites))
        .jsonPath().getString("message")).isEqualTo("role is required");
    assertThat(refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("role", "role_space_owner"))
        .post(invites)).jsonPath().getString("message"))
        .isEqualTo("role must be role_space_moderator or role_space_user");
    refusedUnchanged(400, "bad_request", () -> owner.http().body(Map.of("role", List.of())).post(invites));
    refusedUnchanged(400, "bad_request", () -> activate(owner, id, "not-an-invite"));
    refusedUnchanged(400, "bad_request", () -> owner.http().delete(invites + "/not-an-invite"));
  }

  @Test
  void a_client_token_is_403_and_no_token_401_on_every_space_route() {
    Caller owner = newUser();
    String id = privateSpace(owner);
    String inviteId = invite(owner, id, "role_space_user");
    List<String[]> routes = List.of(new String[] {"POST", SPACES}, new String[] {"GET", SPACES},
        new String[] {"GET", SPACES + "/" + id}, new String[] {"PUT", SPACES + "/" + id},
        new String[] {"DELETE", SPACES + "/" + id}, new String[] {"POST", SPACES + "/" + id + "/invites"},
        new String[] {"GET", SPACES + "/" + id + "/invites"},
        new String[] {"DELETE", SPACES + "/" + id + "/invites/" + inviteId},
        new String[] {"POST", SPACES + "/" + id + "/invites/" + inviteId + "/activate"});
    Map<String, ?> body = Map.of("name", "N", "isPublic", true, "role", "role_space_user");
    for (String[] route : routes) {
      Response client = refusedUnchanged(403, "forbidden", () -> anonymous()
          .header("Authorization", "Bearer " + clientToken).body(body).request(route[0], route[1]));
      Golden.assertMatches(client.asString(), "livedigital/forbidden-client-token.json");
      Response cookie = refusedUnchanged(403, "forbidden", () -> anonymous().cookie("accessToken", clientToken)
          .body(body).request(route[0], route[1]));
      Golden.assertMatches(cookie.asString(), "livedigital/forbidden-client-token.json");
      Response none = refusedUnchanged(401, "unauthorized", () -> anonymous().body(body)
          .request(route[0], route[1]));
      Golden.assertMatches(none.asString(), "livedigital/unauthorized.json");
      refusedUnchanged(401, "unauthorized", () -> anonymous().header("Authorization", "Bearer forged")
          .body(body).request(route[0], route[1]));
    }
  }

  @Test
  void a_private_space_is_404_to_whoever_is_no_member_and_a_public_one_is_read_by_every_user() {
    Caller owner = newUser();
    Caller stranger = newUser();
    String id = privateSpace(owner);
    String inviteId = invite(owner, id, "role_space_user");
    String path = SPACES + "/" + id;
    Response unknown = refusedUnchanged(404, "not_found", () -> stranger.http().get(path));
    assertThat(unknown.jsonPath().getString("message")).isEqualTo("Space " + id + " not found");
    // told exactly what a space that does not exist tells
    assertThat(refusedUnchanged(404, "not_found", () -> stranger.http().get(SPACES + "/nowhere"))
        .jsonPath().getString("message")).isEqualTo("Space nowhere not found");
    refusedUnchanged(404, "not_found", () -> stranger.http().body(Map.of("name", "Mine", "isPublic", true))
        .put(path));
    refusedUnchanged(404, "not_found", () -> stranger.http().delete(path));
    refusedUnchanged(404, "not_found", () -> stranger.http().body(Map.of("role", "role_space_user"))
        .post(path + "/invites"));
    refusedUnchanged(404, "not_found", () -> stranger.http().get(path + "/invites"));
    refusedUnchanged(404, "not_found", () -> stranger.http().delete(path + "/invites/" + inviteId));
    assertThat(stranger.http().get(SPACES).jsonPath().getInt("total")).isZero();

    String open = create(owner, Map.of("name", "Bare", "isPublic", true));
    Response read = stranger.http().get(SPACES + "/" + open);
    assertThat(read.statusCode()).as(read.asString()).isEqualTo(200);
    Golden.assertMatches(read.asString(), "livedigital/spaces/space-bare.json");
    // reading a public space makes no one a member: it is not among their spaces, nor theirs to change
    assertThat(stranger.http().get(SPACES).jsonPath().getInt("total")).isZero();
    refusedUnchanged(403, "forbidden", () -> stranger.http().body(Map.of("name", "Mine", "isPublic", true))
        .put(SPACES + "/" + open));
    refusedUnchanged(403, "forbidden", () -> stranger.http().delete(SPACES + "/" + open));
    refusedUnchanged(403, "forbidden", () -> stranger.http().get(SPACES + "/" + open + "/invites"));
  }

  @Test
  void a_moderator_changes_the_space_and_manages_invites_but_only_the_owner_deletes_it() {
    Caller owner = newUser();
    Caller moderator = newUser();
    Caller user = newUser();
    Caller later = newUser();
    String id = privateSpace(owner);
    String path = SPACES + "/" + id;

    Response made = activate(moderator, id, invite(owner, id, "role_space_moderator"));
    assertThat(made.statusCode()).as(made.asString()).isEqualTo(200);
    Golden.assertMatches(made.asString(), "livedigital/spaces/activated.json");
    assertThat(made.jsonPath().getString("userId")).isEqualTo(Long.toString(moderator.id()));
    assertThat(role(id, moderator.id())).isEqualTo(SpaceRole.MODERATOR);

    // the new moderator invites in turn
    String userInvite = invite(moderator, id, "role_space_user");
    Response joined = activate(user, id, userInvite);
    assertThat(joined.statusCode()).as(joined.asString()).isEqualTo(200);
    assertThat(joined.jsonPath().getString("role")).isEqualTo("role_space_user");
    assertThat(role(id, user.id())).isEqualTo(SpaceRole.USER);
    assertThat(user.http().get(path).statusCode()).isEqualTo(200);
    assertThat(user.http().get(SPACES).jsonPath().getList("items.id")).containsExactly(id);

    // a plain member may not manage it
    refusedUnchanged(403, "forbidden", () -> user.http().body(Map.of("role", "role_space_user"))
        .post(path + "/invites"));
    refusedUnchanged(403, "forbidden", () -> user.http().get(path + "/invites"));
    refusedUnchanged(403, "forbidden", () -> user.http().delete(path + "/invites/" + userInvite));
    refusedUnchanged(403, "forbidden", () -> user.http().body(Map.of("name", "Mine", "isPublic", false))
        .put(path));
    refusedUnchanged(403, "forbidden", () -> user.http().delete(path));

    Response listed = moderator.http().get(path + "/invites");
    assertThat(listed.statusCode()).as(listed.asString()).isEqualTo(200);
    String pending = invite(owner, id, "role_space_user");
    listed = owner.http().get(path + "/invites");
    assertThat(listed.jsonPath().getInt("total")).isEqualTo(3);
    String byModerator = "items.find { it.id == '" + userInvite + "' }";
    assertThat(listed.jsonPath().getString(byModerator + ".activatedBy")).isEqualTo(Long.toString(user.id()));
    assertThat(listed.jsonPath().getString(byModerator + ".createdBy")).isEqualTo(Long.toString(moderator.id()));

    Response changed = moderator.http().body(Map.of("name", "Renamed", "isPublic", true, "description",
        "New words")).put(path);
    assertThat(changed.statusCode()).as(changed.asString()).isEqualTo(200);
    Response moderatorDelete = refusedUnchanged(403, "forbidden", () -> moderator.http().delete(path));
    assertThat(moderatorDelete.jsonPath().getString("message")).isEqualTo("Only an owner of space " + id
        + " can delete it");

    // deleting the space takes its members and invites
    assertThat(owner.http().delete(path).statusCode()).isEqualTo(204);
    for (Caller c : List.of(owner, moderator, user)) {
      assertThat(role(id, c.id())).isNull();
      refused(c.http().get(path), 404, "not_found");
    }
    refused(activate(later, id, pending), 404, "not_found");
    refused(owner.http().delete(path), 404, "not_found");
  }

  @Test
  void an_invite_lists_its_creator_and_activator_and_works_once() {
    Caller owner = newUser();
    Caller first = newUser();
    Caller second = newUser();
    String id = privateSpace(owner);
    String moderatorInvite = invite(owner, id, "role_space_moderator");
    assertThat(moderatorInvite).matches("[A-Za-z0-9_-]{22}");
    assertThat(activate(first, id, moderatorInvite).statusCode()).isEqualTo(200);
    invite(owner, id, "role_space_user");
    Response listed = owner.http().get(SPACES + "/" + id + "/invites");
    assertThat(listed.statusCode()).as(listed.asString()).isEqualTo(200);
    Golden.assertMatches(listed.asString(), "livedigital/spaces/invites.json");
    assertThat(listed.jsonPath().getString("items[0].activatedBy")).isEqualTo(Long.toString(first.id()));

    Response used = refusedUnchanged(409, "conflict", () -> activate(second, id, moderatorInvite));
    assertThat(used.jsonPath().getString("message"))
        .isEqualTo("Invite " + moderatorInvite + " has already been used");
    refusedUnchanged(409, "conflict", () -> activate(first, id, moderatorInvite));
    assertThat(role(id, second.id())).isNull();
  }

  @Test
  void activating_never_lowers_a_stronger_role() {
    Caller owner = newUser();
    String id = privateSpace(owner);
    Response r = activate(owner, id, invite(owner, id, "role_space_user"));
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(r.jsonPath().getString("role")).isEqualTo("role_space_owner");
    assertThat(role(id, owner.id())).isEqualTo(SpaceRole.OWNER);
  }

  @Test
  void a_revoked_invite_an_unknown_one_and_one_of_another_space_are_404() {
    Caller owner = newUser();
    Caller invitee = newUser();
    String id = privateSpace(owner);
    String other = privateSpace(owner);
    String inviteId = invite(owner, id, "role_space_user");
    String elsewhere = invite(owner, other, "role_space_user");

    Response revoked = owner.http().delete(SPACES + "/" + id + "/invites/" + inviteId);
    assertThat(revoked.statusCode()).as(revoked.asString()).isEqualTo(204);
    assertThat(owner.http().get(SPACES + "/" + id + "/invites").jsonPath().getInt("total")).isZero();
    assertThat(refusedUnchanged(404, "not_found", () -> activate(invitee, id, inviteId)).jsonPath()
        .getString("message")).isEqualTo("Invite " + inviteId + " not found");
    refusedUnchanged(404, "not_found", () -> owner.http().delete(SPACES + "/" + id + "/invites/" + inviteId));
    refusedUnchanged(404, "not_found", () -> activate(invitee, id, "AAAAAAAAAAAAAAAAAAAAAA"));
    refusedUnchanged(404, "not_found", () -> activate(invitee, id, elsewhere));
    refusedUnchanged(404, "not_found", () -> owner.http().delete(SPACES + "/" + id + "/invites/" + elsewhere));
    refusedUnchanged(404, "not_found", () -> activate(invitee, "nowhere", elsewhere));
    assertThat(role(id, invitee.id())).isNull();
    assertThat(activate(invitee, other, elsewhere).statusCode()).isEqualTo(200);
  }

  @Test
  void two_concurrent_activations_of_one_invite_one_wins_the_other_is_409_and_nothing_else_changes()
      throws Exception {
    Caller owner = newUser();
    Caller a = newUser();
    Caller b = newUser();
    String id = privateSpace(owner);
    HttpClient http = HttpClient.newHttpClient();
    for (int round = 0; round < 5; round++) {
      String inviteId = invite(owner, id, "role_space_user");
      // Everything but the invite and the members must stay as it is; those two are checked row by row.
      Set<String> ignored = Set.of("sessions.last_used_at", "space_invite", "space_member");
      Map<String, String> before = DatabaseDigest.of(server.atrium(), ignored);
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (Caller c : List.of(a, b)) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + SPACES + "/" + id + "/invites/"
            + inviteId + "/activate")).header("Authorization", "Bearer " + c.token())
            .POST(HttpRequest.BodyPublishers.noBody()).build();
        sent.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> f : sent) {
        HttpResponse<String> response = f.get();
        statuses.add(response.statusCode());
        if (response.statusCode() == 409) {
          assertThat(response.body()).contains("\"code\":\"conflict\"").contains("has already been used");
        }
      }
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
      Caller winner = statuses.get(0) == 200 ? a : b;
      Caller loser = winner == a ? b : a;
      assertThat(DatabaseDigest.of(server.atrium(), ignored)).isEqualTo(before);
      assertThat(role(id, winner.id())).isEqualTo(SpaceRole.USER);
      assertThat(role(id, loser.id())).isNull();
      assertThat(server.atrium().services().spaces().members(id)).extracting(SpaceMember::userId)
          .containsExactlyInAnyOrder(owner.id(), winner.id());
      Response invites = owner.http().get(SPACES + "/" + id + "/invites");
      assertThat(invites.jsonPath().getString("items.find { it.id == '" + inviteId + "' }.activatedBy"))
          .isEqualTo(Long.toString(winner.id()));
      server.atrium().services().spaces().removeMember(
          server.atrium().users().get(winner.id()), id, winner.id());
    }
  }

  @Test
  void a_space_made_here_is_a_roomful_network() {
    Caller owner = newUser();
    Caller invitee = newUser();
    String id = privateSpace(owner);
    String ownerSession = owner.session();
    String inviteeSession = invitee.session();
    Response owned = anonymous().header("X-Session-Id", ownerSession).header("X-Network-Id", id)
        .post("/api/v0/rpc/user.pluginPermissions");
    assertThat(owned.statusCode()).as(owned.asString()).isEqualTo(200);
    Golden.assertMatches(owned.asString(), "roomful/rpc/plugin-permissions-owner.json");
    Response stranger = anonymous().header("X-Session-Id", inviteeSession).header("X-Network-Id", id)
        .post("/api/v0/rpc/user.pluginPermissions");
    assertThat(stranger.statusCode()).as(stranger.asString()).isEqualTo(404);

    assertThat(activate(invitee, id, invite(owner, id, "role_space_moderator")).statusCode()).isEqualTo(200);
    Response moderator = anonymous().header("X-Session-Id", inviteeSession).header("X-Network-Id", id)
        .post("/api/v0/rpc/user.pluginPermissions");
    assertThat(moderator.statusCode()).as(moderator.asString()).isEqualTo(200);
    Golden.assertMatches(moderator.asString(), "roomful/rpc/plugin-permissions-moderator.json");
  }
}
