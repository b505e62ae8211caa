package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.WAIT;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertEmptyOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.golden;
import static dev.atrium.server.roomful.RoomfulSocketFixture.map;
import static dev.atrium.server.roomful.RoomfulSocketFixture.otherVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The socket's start and the rules every method shares: {@code user_info} or {@code anonymousConnection} on
 * connect, many sockets per user and per session, 401 from an anonymous socket, 404 for an unknown method, 400 for
 * a malformed request, and {@code event.id} as an idempotency key per session. Both socket.io-client 2.x and 4.x.
 */
class RoomfulSocketConnectTest {
  static final String UNAUTHORIZED = "Unauthorized: this socket has no session";

  /** Every {@code user:*} method of the user API, with a request that would succeed for a signed-in user. */
  static final Map<String, Object> METHODS = new LinkedHashMap<>();

  static {
    METHODS.put("user:editProfile", map("firstName", "Zed"));
    METHODS.put("user:changeEmail", map("email", "anon.changed@sockets.test"));
    METHODS.put("user:changePhone", map("phoneNumber", "+15550199"));
    METHODS.put("user:changePassword", map("password", "a", "newPassword", "another-password"));
    METHODS.put("user:changeAvatar", map("avatar", "https://cdn.example.com/a.png"));
    METHODS.put("user:changeAvatar3D", map("avatar3D", map("assetId", "a1")));
    METHODS.put("user:getRPMAvatarToken", map());
    METHODS.put("user:changeCompanyInfo", map("companyName", "Acme"));
    METHODS.put("user:deviceSettings", map("settings", map("device_language", "en")));
    METHODS.put("user:setNetworkState", map("networkState", map("data", map())));
    METHODS.put("user:setEmailSettings", map("settings", map("ignoreNewTextchatMessage", true)));
    METHODS.put("user:setNavigationSettings", map("settings", map("navigationMode", 1)));
    METHODS.put("user:setCollisionSettings", map("objectCollision", 1));
    METHODS.put("user:mergeByEmail", map("email", "x@sockets.test", "password", "y"));
    METHODS.put("user:mergeByFacebook", map("facebookToken", "EAAx"));
    METHODS.put("user:setUserIsNotNew", map());
    METHODS.put("user:sendUserEmailVerificationToken", map());
    METHODS.put("user:getUserParams", map());
    METHODS.put("user:setUserParams", map("userParams", map("k", 1)));
    METHODS.put("user:listBadgesOfType", map("badgeType", "gold"));
    METHODS.put("user:getLinkedSocialAccounts", map());
    METHODS.put("user:getSocialAccounts", map());
    METHODS.put("user:unlinkSocialAccount", map("socialKind", "google"));
    METHODS.put("user:listLinkedPersonaAccounts", map());
    METHODS.put("user:disable", map());
    METHODS.put("user:getDataForSocketSwitch", map());
    METHODS.put("user:initPubSubChannel", map());
    METHODS.put("user:subscribeToPubSubChannel", map("channelId", "c"));
    METHODS.put("user:sendToPubSubChannel", map("channelId", "c", "channelData", map()));
    METHODS.put("user:setZAddress", map("zAddress", "zs1anon", "title", "t"));
    METHODS.put("user:listZAddresses", map());
  }

  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.standard();

  // ---- connect

  @BothVersions
  void a_socket_with_a_live_session_is_told_user_info(int version) {
    Account ann = f.signup("info");
    String sock = f.connect(ann.token(), version);

    JsonNode info = f.userInfo(sock);
    golden(info, "user-info.json");
    assertThat(info.path("data").path("user").path("id").asText()).isEqualTo(ann.idText());
    assertThat(info.path("data").path("user").path("email").asText()).isEqualTo(ann.email());
    // the user object is the one user.info shows, with counters, flags and roles added
    JsonNode viaRpc = f.info(ann.token());
    viaRpc.fieldNames().forEachRemaining(name -> assertThat(info.path("data").path("user").get(name))
        .as(name).isEqualTo(viaRpc.get(name)));
    assertThat(f.events(sock, "anonymousConnection")).isEmpty();
  }

  @BothVersions
  void a_socket_without_a_live_session_is_told_anonymousConnection(int version) {
    Account ann = f.signup("anon");
    String revoked = f.signin(ann);
    f.http().header("X-Session-Id", revoked).post("/api/v1/auth/signout").then().statusCode(200);
    List<Map<String, String>> queries = List.of(Map.of(), Map.of("sessionId", ""),
        Map.of("sessionId", "no-such-session-token-0123456789abcdefghijkl"), Map.of("sessionId", revoked));

    for (Map<String, String> query : queries) {
      String sock = f.connectAnonymous(query, version);
      golden(RoomfulSocketFixture.only(f.client.awaitEvent(sock, "anonymousConnection", WAIT)),
          "anonymous-connection.json");
      assertThat(f.events(sock, "user_info")).as("user_info for %s", query).isEmpty();
      // the anonymous socket stays connected and is told why it may not call a method
      assertError(f.call(sock, "user:listZAddresses"), 401, UNAUTHORIZED);
      f.client.close(sock);
    }
  }

  @Test
  void a_user_has_many_sockets_over_many_sessions_on_both_client_versions_at_once() {
    Account ann = f.signup("many");
    String second = f.signin(ann);
    List<String> socks = List.of(f.connect(ann.token(), 2), f.connect(ann.token(), 4), f.connect(ann.token(), 2),
        f.connect(second, 4), f.connect(second, 2));

    for (int i = 0; i < socks.size(); i++) {
      assertThat(f.userInfo(socks.get(i)).path("data").path("user").path("id").asText()).isEqualTo(ann.idText());
      assertEmptyOk(f.call(socks.get(i), "user:setZAddress", map("zAddress", "zs1many" + ann.id() + "x" + i,
          "title", "t" + i)));
    }
    JsonNode listed = assertOk(f.call(socks.getFirst(), "user:listZAddresses"));
    assertThat(listed.path("data").path("zAddresses")).hasSize(socks.size());

    // closing one socket of a session leaves the others, of that session and the other, working
    f.client.close(socks.get(1));
    for (String sock : List.of(socks.get(0), socks.get(2), socks.get(3), socks.get(4))) {
      f.assertAlive(sock);
    }
  }

  // ---- refusals every method shares

  @Test
  void every_method_from_an_anonymous_socket_is_a_401_and_changes_nothing() {
    Account ann = f.signup("anoncalls");
    JsonNode before = f.info(ann.token());
    for (int version : RoomfulSocketFixture.VERSIONS) {
      String sock = f.connectAnonymous(Map.of("sessionId", "dead-token"), version);
      for (Map.Entry<String, Object> method : METHODS.entrySet()) {
        assertError(f.call(sock, method.getKey(), method.getValue()), 401, UNAUTHORIZED);
      }
      f.assertNoEvent(sock, "user:update");
      f.client.close(sock);
    }
    assertThat(METHODS).hasSize(31);
    assertThat(f.info(ann.token())).isEqualTo(before);
    assertThat(f.services().users().byEmail("anon.changed@sockets.test")).isEmpty();
  }

  @BothVersions
  void an_unknown_method_is_a_404_with_its_name(int version) {
    Account ann = f.signup("unknown");
    String sock = f.connect(ann.token(), version);
    assertError(f.call(sock, "user:noSuchMethod", map()), 404, "Unknown method 'user:noSuchMethod'");
    assertError(f.call(sock, "room:join", map("roomId", "r")), 404, "Unknown method 'room:join'");
    assertError(f.callRaw(sock, "user:editprofile"), 404, "Unknown method 'user:editprofile'");
    String anonymous = f.connectAnonymous(Map.of(), version);
    assertError(f.call(anonymous, "user:noSuchMethod", map()), 404, "Unknown method 'user:noSuchMethod'");
    f.assertAlive(sock);
  }

  @BothVersions
  void a_malformed_request_is_a_400_that_harms_no_socket(int version) {
    Account ann = f.signup("malformed");
    Account bob = f.signup("bystander");
    String sock = f.connect(ann.token(), version);
    String sibling = f.connect(ann.token(), otherVersion(version));
    String other = f.connect(bob.token(), version);
    JsonNode before = f.info(ann.token());

    String notAnObject = "The request must be an object {data, event}";
    assertError(f.callRaw(sock, "user:editProfile", "firstName=Zed"), 400, notAnObject);
    assertError(f.callRaw(sock, "user:editProfile", 42), 400, notAnObject);
    assertError(f.callRaw(sock, "user:editProfile", true), 400, notAnObject);
    assertError(f.callRaw(sock, "user:editProfile", List.of(map("data", map("firstName", "Zed")))), 400,
        notAnObject);
    assertError(f.callRaw(sock, "user:editProfile", map("data", "firstName=Zed")), 400, "data must be an object");
    assertError(f.callRaw(sock, "user:editProfile", map("data", List.of("Zed"))), 400, "data must be an object");
    assertError(f.callRaw(sock, "user:editProfile", map("data", 7)), 400, "data must be an object");
    assertError(f.call(sock, "user:editProfile", map("firstName", 7)), 400,
        "Field 'firstName' has the wrong type; expected a string");
    assertError(f.call(sock, "user:editProfile", map("privacyMode", "1")), 400,
        "Field 'privacyMode' has the wrong type; expected an integer");
    assertError(f.call(sock, "user:editProfile", map("privacyMode", 1.5)), 400,
        "Field 'privacyMode' has the wrong type; expected an integer");
    // many arguments: the first is the request
    assertError(f.callRaw(sock, "user:editProfile", "x", map("data", map("firstName", "Zed"))), 400, notAnObject);
    // an emit without an ack is ignored and harms nothing
    f.client.emit(sock, "user:editProfile", "no ack");
    f.client.emit(sock, "user:noSuchMethod");

    assertThat(f.info(ann.token())).isEqualTo(before);
    for (String s : List.of(sock, sibling, other)) {
      f.assertAlive(s);
    }
    assertEmptyOk(f.call(sock, "user:editProfile", map("firstName", "Zed")));
    assertThat(f.info(ann.token()).path("firstName").asText()).isEqualTo("Zed");
  }

  // ---- event.id

  @BothVersions
  void a_repeated_event_id_on_a_session_gets_the_first_reply_without_the_work_running_again(int version) {
    Account ann = f.signup("replay");
    String sock = f.connect(ann.token(), version);
    String sameSession = f.connect(ann.token(), otherVersion(version));

    JsonNode first = assertOk(f.call(sock, "user:initPubSubChannel", null, "e-1"));
    golden(first, "init-pub-sub-channel.json");
    String channel = first.path("data").path("channelId").asText();
    assertThat(f.call(sock, "user:initPubSubChannel", null, "e-1")).isEqualTo(first);
    // the id belongs to the session, not to the socket
    assertThat(f.call(sameSession, "user:initPubSubChannel", null, "e-1")).isEqualTo(first);
    // another id, or none, does the work: a new channel each time
    String other = f.call(sock, "user:initPubSubChannel", null, "e-2").path("data").path("channelId").asText();
    String none1 = f.call(sock, "user:initPubSubChannel", null, null).path("data").path("channelId").asText();
    String none2 = f.call(sock, "user:initPubSubChannel", null, null).path("data").path("channelId").asText();
    String empty = f.call(sock, "user:initPubSubChannel", null, "").path("data").path("channelId").asText();
    assertThat(List.of(channel, other, none1, none2, empty)).doesNotHaveDuplicates();

    // the same request with the same id stores once: a changed title under the same id is not applied
    String z = "zs1replay" + ann.id();
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", z, "title", "one"), "z-1"));
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", z, "title", "two"), "z-1"));
    assertThat(titles(sock)).containsExactly("one");
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", z, "title", "two"), "z-2"));
    assertThat(titles(sock)).containsExactly("two");
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", z, "title", "three"), null));
    assertThat(titles(sock)).containsExactly("three");
  }

  @Test
  void the_same_event_id_on_another_session_does_the_work() {
    Account ann = f.signup("replay2");
    Account bob = f.signup("replay2b");
    String sock = f.connect(ann.token(), 2);
    String otherSession = f.connect(f.signin(ann), 4);
    String otherUser = f.connect(bob.token(), 4);

    String a = f.call(sock, "user:initPubSubChannel", null, "same").path("data").path("channelId").asText();
    String b = f.call(otherSession, "user:initPubSubChannel", null, "same").path("data").path("channelId").asText();
    String c = f.call(otherUser, "user:initPubSubChannel", null, "same").path("data").path("channelId").asText();
    assertThat(List.of(a, b, c)).doesNotHaveDuplicates();

    String z = "zs1replay2" + ann.id();
    assertEmptyOk(f.call(sock, "user:setZAddress", map("zAddress", z, "title", "one"), "z"));
    assertEmptyOk(f.call(otherSession, "user:setZAddress", map("zAddress", z, "title", "two"), "z"));
    assertThat(titles(sock)).containsExactly("two");
  }

  @Test
  void a_refusal_under_an_event_id_is_replayed_too_and_the_id_stays_bound_to_it() {
    Account ann = f.signup("replay3");
    String sock = f.connect(ann.token(), 4);
    assertError(f.call(sock, "user:setZAddress", map("title", "t"), "bad-1"), 400, "zAddress is required");
    // the retry under the same id gets the same answer, even with a request that would now succeed
    assertError(f.call(sock, "user:setZAddress", map("zAddress", "zs1replay3" + ann.id(), "title", "t"), "bad-1"),
        400, "zAddress is required");
    assertThat(titles(sock)).isEmpty();
  }

  private static List<String> titles(String sock) {
    List<String> out = new ArrayList<>();
    assertOk(f.call(sock, "user:listZAddresses")).path("data").path("zAddresses")
        .forEach(z -> out.add(z.path("title").asText()));
    return out;
  }
}
