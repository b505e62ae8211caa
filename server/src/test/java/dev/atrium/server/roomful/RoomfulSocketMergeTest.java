package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.assertEmptyOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.golden;
import static dev.atrium.server.roomful.RoomfulSocketFixture.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.contact.ConnectionView;
import dev.atrium.core.contact.Relation;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomSpec;
import dev.atrium.core.social.SocialKind;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FakeFacebook;
import dev.atrium.testkit.FakeReadyPlayerMe;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The methods that reach a provider or another account: {@code mergeByEmail}, {@code mergeByFacebook} against
 * {@link FakeFacebook}, and {@code getRPMAvatarToken} against {@link FakeReadyPlayerMe}. A merge moves rooms,
 * connections, params, social accounts, personas and z-addresses, disables the merged account and closes its
 * sockets; a refused merge moves nothing.
 */
class RoomfulSocketMergeTest {
  static final FakeClock CLOCK = new FakeClock();
  static final FakeFacebook facebook = FakeFacebook.start(CLOCK);
  static final FakeReadyPlayerMe rpm = FakeReadyPlayerMe.start("atrium-test", CLOCK);
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(() -> Map.of(
      "ATRIUM_FACEBOOK_APP_ID", facebook.appId(),
      "ATRIUM_FACEBOOK_APP_SECRET", facebook.appSecret(),
      "ATRIUM_FACEBOOK_GRAPH_URL", facebook.graphUrl(),
      "ATRIUM_RPM_API_KEY", rpm.apiKey(),
      "ATRIUM_RPM_PARTNER", rpm.partner(),
      "ATRIUM_RPM_API_URL", rpm.apiUrl()), CLOCK);

  @AfterAll
  static void stopFakes() {
    rpm.close();
    facebook.close();
  }

  /** What a merge of {@code from} moves, set up through the services: rooms, contacts, params, and the rest. */
  record Belongings(Room ownRoom, Room joinedRoom, long friend, long asked, User persona, String zAddress) {}

  static Belongings belongings(Account from) {
    User fromUser = f.user(from.id());
    Account carl = f.signup("carl");
    Account dora = f.signup("dora");
    Room own = f.services().rooms().create(fromUser, RoomSpec.builder().name("Own " + from.id()).build());
    Room joined = f.services().rooms().create(f.user(carl.id()), RoomSpec.builder().name("Carl's " + from.id())
        .membersCanInvite(true).build());
    f.services().rooms().addMember(f.user(carl.id()), joined.id(), from.id());
    f.services().connections().request(f.user(carl.id()), from.id());
    f.services().connections().accept(fromUser, carl.id());
    f.services().connections().request(fromUser, dora.id());
    f.services().profiles().setParams(from.id(), map("fromOnly", 1, "shared", "from"));
    User persona = f.services().personas().create(from.id(), Profile.EMPTY.withNames("Alt", "Ego"));
    String zAddress = "zs1from" + from.id();
    f.services().profiles().setZAddress(from.id(), zAddress, "from's");
    return new Belongings(own, joined, carl.id(), dora.id(), persona, zAddress);
  }

  /** Asserts that {@code into} holds what {@code from} had, and that {@code from} holds none of it. */
  static void assertMoved(Account into, Account from, Belongings b, String sock) {
    User intoUser = f.user(into.id());
    List<String> rooms = f.services().rooms().roomsOf(intoUser, Set.of(RoomKind.ROOM), false, 0, 100).stream()
        .map(Room::id).toList();
    assertThat(rooms).contains(b.ownRoom().id(), b.joinedRoom().id());
    assertThat(f.services().rooms().currentMemberIds(b.joinedRoom().id())).contains(into.id())
        .doesNotContain(from.id());
    List<ConnectionView> contacts = f.services().connections().list(intoUser, EnumSet.allOf(Relation.class),
        Set.of());
    assertThat(contacts).extracting(ConnectionView::userId).contains(b.friend(), b.asked());
    JsonNode params = assertOk(f.call(sock, "user:getUserParams")).path("data").path("params");
    assertThat(params.path("fromOnly").asInt()).isEqualTo(1);
    assertThat(params.path("shared").asText()).isEqualTo("into");
    assertThat(f.call(sock, "user:listLinkedPersonaAccounts").path("data").path("linkedAccounts")
        .findValuesAsText("id")).contains(Long.toString(b.persona().id()));
    assertThat(f.call(sock, "user:listZAddresses").path("data").path("zAddresses").findValuesAsText("zAddress"))
        .contains(b.zAddress());
    assertThat(f.symphonyStatus(from.id())).isEqualTo("DISABLED");
    f.assertSigninRefused(from.email(), from.password());
  }

  /** Asserts that nothing of {@code from} moved and it is still enabled. */
  static void assertNothingMoved(Account into, Account from, Belongings b, JsonNode intoBefore) {
    assertThat(f.info(into.token())).isEqualTo(intoBefore);
    assertThat(f.services().rooms().currentMemberIds(b.joinedRoom().id())).contains(from.id())
        .doesNotContain(into.id());
    assertThat(f.services().connections().list(f.user(into.id()), EnumSet.allOf(Relation.class), Set.of())).isEmpty();
    assertThat(f.services().personas().list(from.id())).extracting(User::id).containsExactly(b.persona().id());
    assertThat(f.symphonyStatus(from.id())).isEqualTo("ENABLED");
    assertThat(f.sessionLive(from.token())).isTrue();
  }

  // ---- mergeByEmail

  @BothVersions
  void mergeByEmail_moves_the_proven_account_into_the_caller_s_and_closes_its_sockets(int version) {
    Account ann = f.signup("into");
    Account old = f.signup("from");
    Belongings b = belongings(old);
    f.services().profiles().setParams(ann.id(), map("shared", "into"));
    f.services().socialAccounts().link(old.id(), SocialKind.GOOGLE, "g-" + old.id(), "Old G");
    String sock = f.connect(ann.token(), version);
    List<String> oldSocks = List.of(f.connect(old.token(), 2), f.connect(old.token(), 4),
        f.connect(f.signin(old), version));

    assertEmptyOk(f.call(sock, "user:mergeByEmail", map("targetUser", old.idText(), "email", old.email(),
        "password", old.password())));
    f.assertClosedByServer(oldSocks);
    assertMoved(ann, old, b, sock);
    JsonNode social = f.call(sock, "user:getLinkedSocialAccounts").path("data").path("socialAccounts");
    assertThat(social.findValuesAsText("socialId")).containsExactly("g-" + old.id());
    assertThat(f.sessionLive(old.token())).isFalse();
    f.assertAlive(sock);
  }

  @Test
  void mergeByEmail_refuses_a_wrong_password_or_target_and_moves_nothing() {
    Account ann = f.signup("intobad");
    Account old = f.signup("frombad");
    Account other = f.signup("otherbad");
    Belongings b = belongings(old);
    String sock = f.connect(ann.token(), 2);
    String oldSock = f.connect(old.token(), 4);
    JsonNode before = f.info(ann.token());

    // a wrong password of the other account is not the caller's session failing: 403, never 401
    assertError(f.call(sock, "user:mergeByEmail", map("email", old.email(), "password", "not-the-password")), 403,
        "Invalid email or password");
    assertError(f.call(sock, "user:mergeByEmail", map("email", "nobody@sockets.test", "password",
        "whatever-password")), 403, "Invalid email or password");
    assertError(f.call(sock, "user:mergeByEmail", map("password", old.password())), 400, "email is required");
    assertError(f.call(sock, "user:mergeByEmail", map("email", old.email())), 400, "password is required");
    assertError(f.call(sock, "user:mergeByEmail", map("email", old.email(), "password", 5)), 400,
        "Field 'password' has the wrong type; expected a string");
    assertError(f.call(sock, "user:mergeByEmail", map("targetUser", other.idText(), "email", old.email(),
        "password", old.password())), 400, "targetUser is not the account of " + old.email());
    // without the password, no one learns whether an address is a given user's
    assertError(f.call(sock, "user:mergeByEmail", map("targetUser", other.idText(), "email", old.email(),
        "password", "not-the-password")), 403, "Invalid email or password");
    assertError(f.call(sock, "user:mergeByEmail", map("targetUser", old.idText(), "email", old.email(),
        "password", "not-the-password")), 403, "Invalid email or password");
    assertError(f.call(sock, "user:mergeByEmail", map("targetUser", "old", "email", old.email(),
        "password", old.password())), 400, "targetUser must be a user id (a positive decimal integer), got 'old'");
    assertError(f.call(sock, "user:mergeByEmail", map("email", ann.email(), "password", ann.password())), 400,
        "An account cannot be merged into itself");

    assertNothingMoved(ann, old, b, before);
    f.assertAlive(sock);
    f.assertAlive(oldSock);
  }

  // ---- mergeByFacebook

  @Test
  void mergeByFacebook_moves_the_account_linked_to_the_token_s_facebook_user() {
    Account ann = f.signup("fbinto");
    Account old = f.signup("fbfrom");
    Belongings b = belongings(old);
    f.services().profiles().setParams(ann.id(), map("shared", "into"));
    String fbUser = "10" + old.id();
    f.services().socialAccounts().link(old.id(), SocialKind.FACEBOOK, fbUser, "Old FB");
    String token = facebook.issueToken(fbUser, "Old Fb", old.email());
    String sock = f.connect(ann.token(), 2);
    String oldSock = f.connect(old.token(), 4);

    assertEmptyOk(f.call(sock, "user:mergeByFacebook", map("targetUser", old.idText(), "facebookToken", token)));
    f.assertClosedByServer(oldSock);
    assertMoved(ann, old, b, sock);
    JsonNode social = f.call(sock, "user:getLinkedSocialAccounts").path("data").path("socialAccounts");
    assertThat(social.findValuesAsText("socialId")).containsExactly(fbUser);
    assertThat(f.services().socialAccounts().byAccount(SocialKind.FACEBOOK, fbUser)).get()
        .extracting(a -> a.userId()).isEqualTo(ann.id());
  }

  @Test
  void mergeByFacebook_refuses_a_bad_token_an_unlinked_account_or_a_provider_that_is_down() {
    Account ann = f.signup("fbbad");
    Account old = f.signup("fbbadfrom");
    Belongings b = belongings(old);
    String fbUser = "20" + old.id();
    f.services().socialAccounts().link(old.id(), SocialKind.FACEBOOK, fbUser, null);
    String good = facebook.issueToken(fbUser, "Old Fb", null);
    String sock = f.connect(ann.token(), 4);
    String oldSock = f.connect(old.token(), 2);
    JsonNode before = f.info(ann.token());

    assertError(f.call(sock, "user:mergeByFacebook", map()), 400, "facebookToken is required");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", "")), 400,
        "The Facebook access token is empty");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", "EAAnot-a-token")), 400,
        "The Facebook access token is not valid");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", facebook.issueTokenOfAnotherApp(fbUser,
        "Old Fb", null))), 400, "The Facebook access token was issued for another app");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", facebook.issueToken(fbUser, "Old Fb",
        null, CLOCK.instant().minusSeconds(1)))), 400, "The Facebook access token has expired");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", facebook.issueToken("30" + old.id(),
        "Nobody", null))), 404, "No account is linked to this Facebook account");
    assertError(f.call(sock, "user:mergeByFacebook", map("targetUser", ann.idText(), "facebookToken", good)), 400,
        "targetUser is not the account linked to this Facebook account");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", 42)), 400,
        "Field 'facebookToken' has the wrong type; expected a string");
    facebook.failNext(500, "text/html", "<html>Service Unavailable</html>");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", good)), 503,
        "Facebook answered HTTP 500 without a JSON body");
    facebook.failNext(503, "application/json",
        "{\"error\":{\"message\":\"down\",\"type\":\"OAuthException\",\"code\":2,\"fbtrace_id\":\"x\"}}");
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", good)), 503,
        "Facebook answered Graph error 2 (HTTP 503)");

    assertNothingMoved(ann, old, b, before);
    f.assertAlive(sock);
    f.assertAlive(oldSock);
    // the token still works once Facebook is back
    assertEmptyOk(f.call(sock, "user:mergeByFacebook", map("facebookToken", good)));
    f.assertClosedByServer(oldSock);
  }

  @Test
  void mergeByFacebook_with_the_caller_s_own_facebook_account_is_refused() {
    Account ann = f.signup("fbself");
    String fbUser = "40" + ann.id();
    f.services().socialAccounts().link(ann.id(), SocialKind.FACEBOOK, fbUser, null);
    String sock = f.connect(ann.token(), 2);
    assertError(f.call(sock, "user:mergeByFacebook", map("facebookToken", facebook.issueToken(fbUser, "Ann", null))),
        400, "An account cannot be merged into itself");
    f.assertAlive(sock);
  }

  // ---- getRPMAvatarToken

  @BothVersions
  void getRPMAvatarToken_gets_a_token_for_the_avatar_s_ready_player_me_user(int version) {
    Account ann = f.signup("rpm");
    String rpmUser = rpm.addUser();
    String sock = f.connect(ann.token(), version);
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("assetId", "a1", "avatarUserId",
        rpmUser))));

    JsonNode reply = assertOk(f.call(sock, "user:getRPMAvatarToken"));
    golden(reply, "rpm-avatar-token.json");
    assertThat(rpm.userOf(reply.path("data").path("rpmToken").asText())).contains(rpmUser);
  }

  @Test
  void getRPMAvatarToken_refuses_without_a_ready_player_me_user_or_when_ready_player_me_refuses() {
    Account ann = f.signup("rpmbad");
    String sock = f.connect(ann.token(), 2);
    String noAvatar = "The user has no Ready Player Me avatar: set avatar3D.avatarUserId first";
    assertError(f.call(sock, "user:getRPMAvatarToken"), 400, noAvatar);
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("assetId", "a1"))));
    assertError(f.call(sock, "user:getRPMAvatarToken"), 400, noAvatar);

    String unauthorized = rpm.addUserWithoutAuthorization();
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("avatarUserId", unauthorized))));
    assertError(f.call(sock, "user:getRPMAvatarToken"), 403,
        "Ready Player Me user " + unauthorized + " has not authorized this application");
    String unknown = "64943d471dc01e086ac887ee";
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("avatarUserId", unknown))));
    assertError(f.call(sock, "user:getRPMAvatarToken"), 404, "Ready Player Me has no user " + unknown);
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("avatarUserId", "not an id!"))));
    assertError(f.call(sock, "user:getRPMAvatarToken"), 400,
        "A Ready Player Me user id is 1 to 64 letters, digits, '-' or '_'");

    String good = rpm.addUser();
    assertEmptyOk(f.call(sock, "user:changeAvatar3D", map("avatar3D", map("avatarUserId", good))));
    rpm.failNext(502, "text/html", "<html>Bad Gateway</html>");
    assertError(f.call(sock, "user:getRPMAvatarToken"), 503, "Ready Player Me answered HTTP 502");
    assertThat(rpm.userOf(assertOk(f.call(sock, "user:getRPMAvatarToken")).path("data").path("rpmToken").asText()))
        .contains(good);
  }
}
