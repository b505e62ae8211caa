package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.WAIT;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertEmptyOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertError;
import static dev.atrium.server.roomful.RoomfulSocketFixture.assertOk;
import static dev.atrium.server.roomful.RoomfulSocketFixture.golden;
import static dev.atrium.server.roomful.RoomfulSocketFixture.map;
import static dev.atrium.server.roomful.RoomfulSocketFixture.only;
import static dev.atrium.server.roomful.RoomfulSocketFixture.otherVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceType;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.server.roomful.RoomfulSocketFixture.Account;
import dev.atrium.server.roomful.RoomfulSocketFixture.BothVersions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The methods between one user's sockets: {@code getDataForSocketSwitch} (a new session for another network or a
 * persona, announced to the other sockets of the session) and the pub-sub channels ({@code initPubSubChannel},
 * {@code subscribeToPubSubChannel}, {@code sendToPubSubChannel}), on both client versions.
 */
class RoomfulSocketSwitchTest {
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.standard();

  // ---- getDataForSocketSwitch

  @BothVersions
  void a_switch_is_told_to_the_other_sockets_of_the_session_only(int version) {
    Account ann = f.signup("switch");
    Account bob = f.signup("switchbob");
    String caller = f.connect(ann.token(), version);
    String sameSession = f.connect(ann.token(), otherVersion(version));
    String sameSession2 = f.connect(ann.token(), version);
    String otherSession = f.connect(f.signin(ann), version);
    String bobSock = f.connect(bob.token(), version);

    JsonNode same = assertOk(f.call(caller, "user:getDataForSocketSwitch", map()));
    golden(same, "socket-switch-same-account.json");
    assertThat(same.path("data").path("accountId").asText()).isEqualTo(ann.idText());
    JsonNode event = only(f.client.awaitEvent(sameSession, "user:socketSwitchEvent", WAIT));
    golden(event, "socket-switch-event.json");
    assertThat(event.path("data")).isEqualTo(same.path("data"));
    assertThat(only(f.client.awaitEvent(sameSession2, "user:socketSwitchEvent", WAIT))).isEqualTo(event);
    f.assertNoEvent(caller, "user:socketSwitchEvent");
    assertThat(f.events(otherSession, "user:socketSwitchEvent")).isEmpty();
    assertThat(f.events(bobSock, "user:socketSwitchEvent")).isEmpty();
  }

  @Test
  void requestNewSessionId_opens_a_session_of_the_same_account_that_works_on_a_new_socket() {
    Account ann = f.signup("newsession");
    String sock = f.connect(ann.token(), 2);
    JsonNode reply = assertOk(f.call(sock, "user:getDataForSocketSwitch", map("requestNewSessionId", true)));
    golden(reply, "socket-switch-new-session.json");
    String newSession = reply.path("data").path("newSessionId").asText();
    assertThat(newSession).isNotEqualTo(ann.token()).hasSizeGreaterThanOrEqualTo(43);

    String switched = f.connect(newSession, 4);
    assertThat(f.userInfo(switched).path("data").path("user").path("id").asText()).isEqualTo(ann.idText());
    assertThat(f.sessionLive(ann.token())).isTrue();
    f.assertAlive(sock);
    f.assertAlive(switched);
    // requestNewSessionId false is the same as leaving it out
    assertThat(f.call(sock, "user:getDataForSocketSwitch", map("requestNewSessionId", false)).path("data")
        .path("newSessionId").asText()).isEmpty();
  }

  @Test
  void a_switch_to_a_network_the_user_may_use_opens_a_session_in_it() {
    Account ann = f.signup("netswitch");
    Account bob = f.signup("netswitchbob");
    Space team = f.services().spaces().create(f.user(ann.id()), "Team " + ann.id(), SpaceType.BUSINESS_SOCIAL, false,
        null);
    String sock = f.connect(ann.token(), 4);
    String bobSock = f.connect(bob.token(), 2);

    JsonNode reply = assertOk(f.call(sock, "user:getDataForSocketSwitch", map("networkId", team.id(),
        "requestNewSessionId", true)));
    assertThat(reply.path("data").path("networkId").asText()).isEqualTo(team.id());
    String switched = f.connect(reply.path("data").path("newSessionId").asText(), 2);
    JsonNode info = f.userInfo(switched).path("data");
    assertThat(info.path("network").path("id").asText()).isEqualTo(team.id());
    assertThat(info.path("network").path("type").asText()).isEqualTo("BusinessSocial");
    assertThat(info.path("user").path("id").asText()).isEqualTo(ann.idText());

    // a private network of which bob is no member, and an unknown one, are both unknown to him
    assertError(f.call(bobSock, "user:getDataForSocketSwitch", map("networkId", team.id())), 404,
        "Space " + team.id() + " not found");
    assertError(f.call(bobSock, "user:getDataForSocketSwitch", map("networkId", "no-such-network",
        "requestNewSessionId", true)), 404, "Space no-such-network not found");
    assertThat(f.services().sessions().authenticate(bob.token())).isPresent();
  }

  @BothVersions
  void a_switch_to_an_owned_persona_opens_a_session_of_the_persona(int version) {
    Account ann = f.signup("persona");
    User persona = f.services().personas().create(ann.id(), Profile.EMPTY.withNames("Night", "Owl"));
    String personaId = Long.toString(persona.id());
    String sock = f.connect(ann.token(), version);
    String sameSession = f.connect(ann.token(), otherVersion(version));

    JsonNode reply = assertOk(f.call(sock, "user:getDataForSocketSwitch", map("accountId", personaId)));
    assertThat(reply.path("data").path("accountId").asText()).isEqualTo(personaId);
    assertThat(reply.path("data").path("networkId").asText()).isEqualTo(Space.DEFAULT_ID);
    String personaSession = reply.path("data").path("newSessionId").asText();
    assertThat(personaSession).isNotEmpty();
    assertThat(only(f.client.awaitEvent(sameSession, "user:socketSwitchEvent", WAIT)).path("data"))
        .isEqualTo(reply.path("data"));

    String personaSock = f.connect(personaSession, version);
    JsonNode user = f.userInfo(personaSock).path("data").path("user");
    assertThat(user.path("id").asText()).isEqualTo(personaId);
    assertThat(user.path("firstName").asText()).isEqualTo("Night");
    assertThat(user.path("email").asText()).isEmpty();
    assertThat(f.info(personaSession).path("id").asText()).isEqualTo(personaId);
    // the persona's socket works as the persona, and may switch back to its owner
    assertEmptyOk(f.call(personaSock, "user:setUserParams", map("userParams", map("mood", "dark"))));
    assertThat(f.call(sock, "user:getUserParams", map("targetUser", personaId)).path("data").path("params")
        .path("mood").asText()).isEqualTo("dark");
    assertThat(f.call(sock, "user:getUserParams").path("data").path("params").has("mood")).isFalse();
    JsonNode back = assertOk(f.call(personaSock, "user:getDataForSocketSwitch", map("accountId", ann.idText())));
    assertThat(f.info(back.path("data").path("newSessionId").asText()).path("id").asText()).isEqualTo(ann.idText());
  }

  @Test
  void a_switch_to_another_user_s_account_is_refused_and_tells_no_socket() {
    Account ann = f.signup("switchbad");
    Account bob = f.signup("switchbadbob");
    User bobsPersona = f.services().personas().create(bob.id(), Profile.EMPTY.withNames("Bob's", "Alt"));
    String sock = f.connect(ann.token(), 2);
    String sameSession = f.connect(ann.token(), 4);

    assertError(f.call(sock, "user:getDataForSocketSwitch", map("accountId", bob.idText())), 403,
        "User " + bob.id() + " is not a persona of user " + ann.id());
    assertError(f.call(sock, "user:getDataForSocketSwitch", map("accountId", Long.toString(bobsPersona.id()),
        "requestNewSessionId", true)), 403, "User " + bobsPersona.id() + " is not a persona of user " + ann.id());
    assertError(f.call(sock, "user:getDataForSocketSwitch", map("accountId", "1")), 404, "User 1 not found");
    assertError(f.call(sock, "user:getDataForSocketSwitch", map("accountId", "bob")), 400,
        "accountId must be a user id (a positive decimal integer), got 'bob'");
    assertError(f.call(sock, "user:getDataForSocketSwitch", map("accountId", bob.id())), 400,
        "Field 'accountId' has the wrong type; expected a string");
    assertError(f.call(sock, "user:getDataForSocketSwitch", map("requestNewSessionId", "yes")), 400,
        "Field 'requestNewSessionId' has the wrong type; expected a boolean");
    assertError(f.call(sock, "user:getDataForSocketSwitch", map("networkId", 7)), 400,
        "Field 'networkId' has the wrong type; expected a string");

    f.assertNoEvent(sameSession, "user:socketSwitchEvent");
    f.assertAlive(sock);
  }

  // ---- pub-sub

  @BothVersions
  void a_pub_sub_channel_carries_data_to_every_subscribed_socket_of_the_user_but_the_sender(int version) {
    Account ann = f.signup("pubsub");
    String creator = f.connect(ann.token(), version);
    String sameSession = f.connect(ann.token(), otherVersion(version));
    String otherSession = f.connect(f.signin(ann), version);
    String notSubscribed = f.connect(ann.token(), otherVersion(version));

    String channel = assertOk(f.call(creator, "user:initPubSubChannel")).path("data").path("channelId").asText();
    assertThat(channel).matches("[A-Za-z0-9_-]{24}");
    assertEmptyOk(f.call(sameSession, "user:subscribeToPubSubChannel", map("channelId", channel)));
    assertEmptyOk(f.call(otherSession, "user:subscribeToPubSubChannel", map("channelId", channel)));
    // subscribing twice is no error and no second delivery
    assertEmptyOk(f.call(otherSession, "user:subscribeToPubSubChannel", map("channelId", channel)));

    Map<String, Object> data = map("step", 1, "tool", map("name", "pen", "sizes", List.of(1, 2)));
    assertEmptyOk(f.call(creator, "user:sendToPubSubChannel", map("channelId", channel, "channelData", data)));
    JsonNode heard = only(f.client.awaitEvent(sameSession, "user:onPubSubChannelEvent", WAIT));
    golden(heard, "pub-sub-channel-event.json");
    assertThat(heard.path("data").path("channelId").asText()).isEqualTo(channel);
    assertThat(only(f.client.awaitEvent(otherSession, "user:onPubSubChannelEvent", WAIT))).isEqualTo(heard);

    // a subscriber sends: the creator hears it (it is subscribed), the sender does not
    assertEmptyOk(f.call(sameSession, "user:sendToPubSubChannel", map("channelId", channel, "channelData",
        "just a string")));
    JsonNode reply = only(f.client.awaitEvent(creator, "user:onPubSubChannelEvent", WAIT));
    assertThat(reply.path("data").path("channelData").asText()).isEqualTo("just a string");
    f.client.awaitEvents(otherSession, "user:onPubSubChannelEvent", 2, WAIT);
    f.assertNoEvent(notSubscribed, "user:onPubSubChannelEvent");
    assertThat(f.events(sameSession, "user:onPubSubChannelEvent")).hasSize(1);
    assertThat(f.events(creator, "user:onPubSubChannelEvent")).hasSize(1);
    assertThat(f.events(otherSession, "user:onPubSubChannelEvent")).hasSize(2);

    // the creator's socket goes; the channel stays while the user has sockets
    f.client.close(creator);
    assertEmptyOk(f.call(otherSession, "user:sendToPubSubChannel", map("channelId", channel, "channelData",
        map("step", 3))));
    assertThat(only(f.client.awaitEvents(sameSession, "user:onPubSubChannelEvent", 2, WAIT).get(1)).path("data")
        .path("channelData").path("step").asInt()).isEqualTo(3);
  }

  @Test
  void another_user_cannot_subscribe_or_send_to_a_channel_and_bad_requests_are_refused() {
    Account ann = f.signup("pubsubbad");
    Account bob = f.signup("pubsubbob");
    String creator = f.connect(ann.token(), 2);
    String sibling = f.connect(ann.token(), 4);
    String bobSock = f.connect(bob.token(), 4);
    String channel = assertOk(f.call(creator, "user:initPubSubChannel")).path("data").path("channelId").asText();
    assertEmptyOk(f.call(sibling, "user:subscribeToPubSubChannel", map("channelId", channel)));

    String notFound = "Channel " + channel + " not found";
    assertError(f.call(bobSock, "user:subscribeToPubSubChannel", map("channelId", channel)), 404, notFound);
    assertError(f.call(bobSock, "user:sendToPubSubChannel", map("channelId", channel, "channelData", map("x", 1))),
        404, notFound);
    assertError(f.call(creator, "user:subscribeToPubSubChannel", map("channelId", "no-such-channel")), 404,
        "Channel no-such-channel not found");
    assertError(f.call(creator, "user:sendToPubSubChannel", map("channelId", "no-such-channel", "channelData",
        map())), 404, "Channel no-such-channel not found");
    assertError(f.call(creator, "user:subscribeToPubSubChannel", map()), 400, "channelId is required");
    assertError(f.call(creator, "user:sendToPubSubChannel", map("channelData", map())), 400,
        "channelId is required");
    assertError(f.call(creator, "user:sendToPubSubChannel", map("channelId", channel)), 400,
        "channelData is required");
    assertError(f.call(creator, "user:sendToPubSubChannel", map("channelId", 5, "channelData", map())), 400,
        "Field 'channelId' has the wrong type; expected a string");
    assertError(f.call(creator, "user:sendToPubSubChannel", map("channelId", channel, "channelData",
        "x".repeat(64 * 1024))), 400, "channelData must be at most 65536 bytes as JSON");

    f.assertNoEvent(sibling, "user:onPubSubChannelEvent");
    assertThat(f.events(bobSock, "user:onPubSubChannelEvent")).isEmpty();
    // the channel still works for its user
    assertEmptyOk(f.call(creator, "user:sendToPubSubChannel", map("channelId", channel, "channelData", null)));
    assertThat(only(f.client.awaitEvent(sibling, "user:onPubSubChannelEvent", WAIT)).path("data")
        .path("channelData").isNull()).isTrue();
  }
}
