package dev.atrium.server.roomful;

import static dev.atrium.server.roomful.RoomfulSocketFixture.WAIT;
import static dev.atrium.server.roomful.RoomfulSocketFixture.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.testkit.FakeClock;
import dev.atrium.testkit.FakeFacebook;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /auth/link/facebook}: a Facebook account checked with Graph becomes the caller's, once. */
class RoomfulLinkFacebookTest {
  static final FakeClock clock = new FakeClock();
  static final FakeFacebook facebook = FakeFacebook.start(clock);
  @RegisterExtension
  static final RoomfulSocketFixture f = RoomfulSocketFixture.with(() -> Map.of("ATRIUM_FACEBOOK_APP_ID",
      facebook.appId(), "ATRIUM_FACEBOOK_APP_SECRET", facebook.appSecret(), "ATRIUM_FACEBOOK_GRAPH_URL",
      facebook.graphUrl()), clock);

  @AfterAll
  static void stopFacebook() {
    facebook.close();
  }

  static String signup(String email) {
    return f.http().body(Map.of("email", email, "password", "a-good-password")).post("/api/v1/auth/signup")
        .then().statusCode(200).extract().path("data.session_token");
  }

  @Test
  void a_checked_token_links_the_account_and_the_sockets_hear_it() {
    String token = signup("linker@atrium.test");
    String sock = f.connect(token, 2);

    f.rpc(token).body(Map.of("token", facebook.issueToken("1001", "Lin Ker", null)))
        .post("/auth/link/facebook").then().statusCode(200).body(equalTo("{}"));

    JsonNode linked = f.client.awaitEvent(sock, "user:linkedToSocialAccount", WAIT);
    assertThat(only(linked).path("data").toString())
        .isEqualTo("{\"kind\":\"facebook\",\"socialId\":\"1001\",\"identityName\":\"\"}");
    JsonNode list = f.call(sock, "user:getLinkedSocialAccounts");
    assertThat(list.path("data").path("socialAccounts").toString())
        .isEqualTo("[{\"kind\":\"facebook\",\"socialId\":\"1001\",\"identityName\":\"\"}]");
  }

  @Test
  void refusals_change_nothing() {
    String ann = signup("ann.fb@atrium.test");
    String bob = signup("bob.fb@atrium.test");
    String annToken = facebook.issueToken("2002", "Ann", null);
    f.http().body(Map.of("token", annToken)).post("/auth/link/facebook").then().statusCode(401)
        .body("error.status", equalTo(true)).body("error.code", equalTo(401));
    f.rpc(ann).body(Map.of("token", "EAAnot-a-real-token")).post("/auth/link/facebook")
        .then().statusCode(400).body("error.code", equalTo(400));
    f.rpc(ann).body(Map.of()).post("/auth/link/facebook").then().statusCode(400)
        .body("error.message", equalTo("token is required"));
    f.rpc(ann).body(Map.of("token", annToken)).post("/auth/link/facebook")
        .then().statusCode(200);
    f.rpc(bob).body(Map.of("token", facebook.issueToken("2002", "Ann", null)))
        .post("/auth/link/facebook").then().statusCode(409)
        .body("error.message", equalTo("This facebook account is linked to another user"));

    String bobSock = f.connect(bob, 4);
    assertThat(f.call(bobSock, "user:getLinkedSocialAccounts").path("data").toString())
        .isEqualTo("{\"socialAccounts\":[]}");
  }
}
