package dev.atrium.server.symphony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.core.service.presence.constant.PresenceStatus;
import com.symphony.bdk.gen.api.PresenceApi;
import com.symphony.bdk.gen.api.model.Presence;
import com.symphony.bdk.gen.api.model.V2Presence;
import com.symphony.bdk.http.api.ApiException;
import com.symphony.bdk.http.api.ApiRuntimeException;
import dev.atrium.server.Golden;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Presence, driven by the BDK's PresenceService (every call it makes: v2/v3 presence, the paged list, interest
 * registration, feeds) and the generated PresenceApi for the 1.40 endpoints, against the real server.
 */
class BdkPresenceTest {
  static final long UNKNOWN = (103L << 36) | 999_999L;
  static final String SETTABLE = "AVAILABLE, BUSY, ON_THE_PHONE, BE_RIGHT_BACK, IN_A_MEETING, AWAY,"
      + " OUT_OF_OFFICE, OFF_WORK";

  static SymphonyPod pod;
  static BdkBots bots;

  @BeforeAll
  static void start(@TempDir Path dir) {
    pod = SymphonyPod.start();
    bots = new BdkBots(pod, dir);
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static void refused(ThrowableAssert.ThrowingCallable call, int code, String message) {
    assertThatThrownBy(call).satisfies(e -> {
      int actual = e instanceof ApiRuntimeException r ? r.getCode() : ((ApiException) e).getCode();
      String body = e instanceof ApiRuntimeException r ? r.getResponseBody() : ((ApiException) e).getResponseBody();
      assertThat(actual).isEqualTo(code);
      assertThat(body).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    });
  }

  // ---- the BDK's PresenceService

  @Test
  void a_user_who_never_set_a_presence_is_offline() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    V2Presence seen = ann.bdk().presences().getUserPresence(ben.id(), false);

    assertThat(seen.getCategory()).isEqualTo("OFFLINE");
    assertThat(seen.getUserId()).isEqualTo(ben.id());
    assertThat(seen.getTimestamp()).isPositive();
    assertThat(ben.bdk().presences().getPresence().getCategory()).isEqualTo("OFFLINE");
  }

  @Test
  void a_bot_sets_its_presence_and_everyone_sees_it() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    V2Presence set = ann.bdk().presences().setPresence(PresenceStatus.BUSY, false);

    assertThat(set.getCategory()).isEqualTo("BUSY");
    assertThat(set.getUserId()).isEqualTo(ann.id());
    assertThat(set.getTimestamp()).isPositive();
    V2Presence own = ann.bdk().presences().getPresence();
    assertThat(own.getCategory()).isEqualTo("BUSY");
    assertThat(own.getTimestamp()).isEqualTo(set.getTimestamp());
    V2Presence seen = ben.bdk().presences().getUserPresence(ann.id(), true);
    assertThat(seen.getCategory()).isEqualTo("BUSY");
    assertThat(seen.getTimestamp()).isEqualTo(set.getTimestamp());
  }

  @Test
  void every_status_the_bdk_offers_can_be_set() {
    BdkBots.Bot ann = bots.create("ann");

    for (PresenceStatus status : PresenceStatus.values()) {
      assertThat(ann.bdk().presences().setPresence(status, false).getCategory()).isEqualTo(status.name());
      assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo(status.name());
    }
  }

  @Test
  void a_soft_set_while_offline_stays_offline_until_the_user_comes_online() {
    BdkBots.Bot ann = bots.create("ann");

    V2Presence soft = ann.bdk().presences().setPresence(PresenceStatus.IN_A_MEETING, true);
    assertThat(soft.getCategory()).isEqualTo("OFFLINE");
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("OFFLINE");

    // what a live socket of the user will call when it connects
    pod.server().atrium().presence().online(ann.id());
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("IN_A_MEETING");

    // once online, a soft set takes effect at once
    assertThat(ann.bdk().presences().setPresence(PresenceStatus.AWAY, true).getCategory()).isEqualTo("AWAY");
  }

  @Test
  void going_offline_and_online_again_brings_back_the_status_that_was_set() {
    BdkBots.Bot ann = bots.create("ann");
    ann.bdk().presences().setPresence(PresenceStatus.ON_THE_PHONE, false);

    pod.server().atrium().presence().offline(ann.id());
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("OFFLINE");

    pod.server().atrium().presence().online(ann.id());
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("ON_THE_PHONE");
  }

  @Test
  void a_user_provisioner_sets_another_users_presence_and_a_plain_user_may_not() {
    BdkBots.Bot admin = bots.create("provisioner", List.of("INDIVIDUAL", "USER_PROVISIONING"));
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    V2Presence set = admin.bdk().presences().setUserPresence(ann.id(), PresenceStatus.OUT_OF_OFFICE, false);
    assertThat(set.getUserId()).isEqualTo(ann.id());
    assertThat(set.getCategory()).isEqualTo("OUT_OF_OFFICE");
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("OUT_OF_OFFICE");

    refused(() -> ben.bdk().presences().setUserPresence(ann.id(), PresenceStatus.AVAILABLE, false), 403,
        "The user lacks the required entitlement to perform this operation");
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("OUT_OF_OFFICE");
    // anyone may set their own through the same endpoint
    assertThat(ben.bdk().presences().setUserPresence(ben.id(), PresenceStatus.AWAY, false).getCategory())
        .isEqualTo("AWAY");
  }

  @Test
  void the_presence_of_an_unknown_user_is_a_404_on_v3() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot admin = bots.create("provisioner", List.of("INDIVIDUAL", "USER_PROVISIONING"));

    refused(() -> ann.bdk().presences().getUserPresence(UNKNOWN, false), 404, "User " + UNKNOWN + " not found");
    refused(() -> admin.bdk().presences().setUserPresence(UNKNOWN, PresenceStatus.BUSY, false), 404,
        "User " + UNKNOWN + " not found");
  }

  @Test
  void the_paged_list_holds_every_enabled_user_ascending_by_id() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    BdkBots.Bot gone = bots.create("gone");
    ben.bdk().presences().setPresence(PresenceStatus.AVAILABLE, false);
    pod.setStatus(gone.id(), "DISABLED");

    List<V2Presence> all = ann.bdk().presences().listPresences(null, null);
    assertThat(all).extracting(V2Presence::getUserId).isSorted().contains(ann.id(), ben.id())
        .doesNotContain(gone.id());
    assertThat(all).filteredOn(p -> p.getUserId() == ben.id()).singleElement()
        .extracting(V2Presence::getCategory).isEqualTo("AVAILABLE");

    List<V2Presence> page = ann.bdk().presences().listPresences(ann.id(), 1);
    assertThat(page).extracting(V2Presence::getUserId).containsExactly(ben.id());
  }

  @Test
  void registering_interest_in_pod_users_succeeds_and_in_unknown_ones_is_a_404() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    ann.bdk().presences().externalPresenceInterest(List.of(ben.id()));

    refused(() -> ann.bdk().presences().externalPresenceInterest(List.of(ben.id(), UNKNOWN)), 404,
        "User " + UNKNOWN + " not found");
  }

  @Test
  void a_presence_feed_returns_what_changed_since_its_last_read() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    BdkBots.Bot cat = bots.create("cat");
    String feed = ann.bdk().presences().createPresenceFeed();

    ben.bdk().presences().setPresence(PresenceStatus.BUSY, false);
    cat.bdk().presences().setPresence(PresenceStatus.AWAY, false);
    List<V2Presence> first = ann.bdk().presences().readPresenceFeed(feed);
    assertThat(first).extracting(V2Presence::getUserId, V2Presence::getCategory)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ben.id(), "BUSY"),
            org.assertj.core.groups.Tuple.tuple(cat.id(), "AWAY"));

    assertThat(ann.bdk().presences().readPresenceFeed(feed)).isEmpty();
    ben.bdk().presences().setPresence(PresenceStatus.AVAILABLE, false);
    assertThat(ann.bdk().presences().readPresenceFeed(feed)).extracting(V2Presence::getCategory)
        .containsExactly("AVAILABLE");

    assertThat(ann.bdk().presences().deletePresenceFeed(feed)).isEqualTo(feed);
    refused(() -> ann.bdk().presences().readPresenceFeed(feed), 400, "Presence feed " + feed + " not found");
  }

  @Test
  void a_presence_feed_is_its_owners_alone() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    String feed = ann.bdk().presences().createPresenceFeed();

    refused(() -> ben.bdk().presences().readPresenceFeed(feed), 400, "Presence feed " + feed + " not found");
    refused(() -> ben.bdk().presences().deletePresenceFeed(feed), 400, "Presence feed " + feed + " not found");
    assertThat(ann.bdk().presences().readPresenceFeed(feed)).isNotNull();
  }

  // ---- the 1.40 endpoints, through the generated PresenceApi

  @Test
  void v1_sets_and_reads_the_callers_own_presence() throws ApiException {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    PresenceApi api = new PresenceApi(ann.pod());

    Presence set = api.v1UserUidPresencePost(ann.id(), ann.token(),
        new Presence().category(Presence.CategoryEnum.ON_THE_PHONE));
    assertThat(set.getCategory()).isEqualTo(Presence.CategoryEnum.ON_THE_PHONE);
    assertThat(api.v1UserUidPresenceGet(ann.id(), ben.token()).getCategory())
        .isEqualTo(Presence.CategoryEnum.ON_THE_PHONE);
    assertThat(api.v1UserPresenceGet(ann.token()).getCategory()).isEqualTo(Presence.CategoryEnum.ON_THE_PHONE);
    assertThat(api.v1UserPresencePost(ann.token(), new Presence().category(Presence.CategoryEnum.AWAY))
        .getCategory()).isEqualTo(Presence.CategoryEnum.AWAY);
    assertThat(api.v2UserUidPresenceGet(ann.id(), ben.token(), true).getCategory())
        .isEqualTo(Presence.CategoryEnum.AWAY);
  }

  @Test
  void v1_refuses_to_set_anyone_elses_presence() throws ApiException {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    PresenceApi api = new PresenceApi(ann.pod());

    refused(() -> api.v1UserUidPresencePost(ben.id(), ann.token(),
        new Presence().category(Presence.CategoryEnum.BUSY)), 403,
        "Only your own presence can be set here; /pod/v3/user/presence sets another user's");
    assertThat(api.v1UserUidPresenceGet(ben.id(), ann.token()).getCategory())
        .isEqualTo(Presence.CategoryEnum.OFFLINE);
  }

  @Test
  void the_categories_reserved_for_the_server_cannot_be_set_403() throws ApiException {
    BdkBots.Bot ann = bots.create("ann");
    PresenceApi api = new PresenceApi(ann.pod());
    api.v1UserUidPresencePost(ann.id(), ann.token(), new Presence().category(Presence.CategoryEnum.BUSY));

    for (Presence.CategoryEnum reserved : List.of(Presence.CategoryEnum.UNDEFINED, Presence.CategoryEnum.OFFLINE,
        Presence.CategoryEnum.DO_NOT_DISTURB)) {
      refused(() -> api.v1UserUidPresencePost(ann.id(), ann.token(), new Presence().category(reserved)), 403,
          "The presence " + reserved + " cannot be set; one of " + SETTABLE + " can");
    }
    pod.as(ann.token()).contentType(ContentType.JSON).body(Map.of("category", "OFFLINE"))
        .post("/pod/v2/user/presence").then().statusCode(403);
    assertThat(api.v1UserPresenceGet(ann.token()).getCategory()).isEqualTo(Presence.CategoryEnum.BUSY);
  }

  @Test
  void a_newer_category_reads_as_undefined_on_v1_whose_enum_lacks_it() throws ApiException {
    BdkBots.Bot ann = bots.create("ann");
    ann.bdk().presences().setPresence(PresenceStatus.IN_A_MEETING, false);

    assertThat(new PresenceApi(ann.pod()).v1UserPresenceGet(ann.token()).getCategory())
        .isEqualTo(Presence.CategoryEnum.UNDEFINED);
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("IN_A_MEETING");
  }

  @Test
  void v1_presence_lists_every_enabled_user() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot gone = bots.create("gone");
    ann.bdk().presences().setPresence(PresenceStatus.BUSY, false);
    pod.setStatus(gone.id(), "DISABLED");

    JsonPath all = pod.as(ann.token()).get("/pod/v1/presence").then().statusCode(200).extract().jsonPath();

    assertThat(all.getList("uid", Long.class)).isSorted().contains(ann.id()).doesNotContain(gone.id());
    assertThat(all.getString("find { it.uid == " + ann.id() + "L }.category")).isEqualTo("BUSY");
  }

  @Test
  void bad_input_is_a_400_and_no_session_a_401() {
    BdkBots.Bot ann = bots.create("ann");
    String token = ann.token();

    pod.as(token).contentType(ContentType.JSON).body(Map.of("category", "SLEEPING")).post("/pod/v2/user/presence")
        .then().statusCode(400).body("message", equalTo("category must be one of [UNDEFINED, AVAILABLE, BUSY,"
            + " DO_NOT_DISTURB, ON_THE_PHONE, BE_RIGHT_BACK, IN_A_MEETING, AWAY, OUT_OF_OFFICE, OFF_WORK, OFFLINE],"
            + " got 'SLEEPING'"));
    pod.as(token).contentType(ContentType.JSON).body(Map.of()).post("/pod/v3/user/presence").then()
        .statusCode(400).body("message", equalTo("category is required"));
    pod.as(token).get("/pod/v1/user/abc/presence").then().statusCode(400);
    pod.as(token).queryParam("limit", "5001").get("/pod/v2/users/presence").then().statusCode(400)
        .body("message", equalTo("limit must be an integer from 1 to 5000, got '5001'"));
    pod.as(token).contentType(ContentType.JSON).body("[]").post("/pod/v1/user/presence/register").then()
        .statusCode(400).body("message", equalTo("At least one user id is required"));
    // unknown user on the 1.40 endpoint: a client error, as that spec has no 404
    pod.as(token).get("/pod/v1/user/" + UNKNOWN + "/presence").then().statusCode(400);
    for (String path : List.of("/pod/v1/presence", "/pod/v2/user/presence", "/pod/v3/user/12/presence",
        "/pod/v2/users/presence", "/pod/v1/user/12/presence")) {
      pod.anonymous().get(path).then().statusCode(401).body("message", equalTo("Invalid session"));
    }
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("OFFLINE");
  }

  // ---- golden wire shapes

  @Test
  void presences_have_the_specs_shapes() {
    BdkBots.Bot ann = bots.create("ann");
    String token = ann.token();

    String v2 = pod.as(token).contentType(ContentType.JSON).body(Map.of("category", "AVAILABLE"))
        .post("/pod/v2/user/presence").then().statusCode(200).extract().asString();
    Golden.assertMatches(v2, "symphony/contacts/v2-presence.json");
    String v1 = pod.as(token).get("/pod/v1/user/" + ann.id() + "/presence").then().statusCode(200).extract()
        .asString();
    Golden.assertMatches(v1, "symphony/contacts/presence.json");
    String list = pod.as(token).queryParam("lastUserId", ann.id() - 1).queryParam("limit", 1)
        .get("/pod/v2/users/presence").then().statusCode(200).extract().asString();
    Golden.assertMatches(list, "symphony/contacts/v2-presence-list.json");
    Map<String, Object> one = pod.as(token).get("/pod/v1/presence").then().statusCode(200).extract().jsonPath()
        .getMap("find { it.uid == " + ann.id() + "L }");
    Golden.assertMatches(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(one).toString(),
        "symphony/contacts/user-presence.json");
    String feed = pod.as(token).post("/pod/v1/presence/feed/create").then().statusCode(200).extract().asString();
    Golden.assertMatches(feed, "symphony/contacts/string-id.json");
    String registered = pod.as(token).contentType(ContentType.JSON).body(List.of(ann.id()))
        .post("/pod/v1/user/presence/register").then().statusCode(200).extract().asString();
    Golden.assertMatches(registered, "symphony/contacts/presence-interest-registered.json");
    String forbidden = pod.as(token).contentType(ContentType.JSON).body(Map.of("category", "OFFLINE"))
        .post("/pod/v1/user/" + ann.id() + "/presence").then().statusCode(403).extract().asString();
    Golden.assertMatches(forbidden, "symphony/contacts/error-403.json");
  }
}
