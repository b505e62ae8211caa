package dev.atrium.server.rocketchat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.session.Session;
import dev.atrium.core.space.Space;
import dev.atrium.core.user.User;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.server.rocketchat.RocketChat.Credentials;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rocket.Chat's personal access tokens over the wire: made, listed, used as a login's token in Rocket.Chat and in the
 * other dialects, made anew and removed, each refused at once once it ends; and who may not make one.
 */
class RocketChatTokensTest {
  static TestServer server;
  static RocketChat rc;

  @BeforeAll
  static void start() {
    server = TestServer.start(RocketChat.settings(Map.of()));
    rc = new RocketChat(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Response post(Credentials as, String route, Object body) {
    return rc.as(as).contentType(ContentType.JSON).body(body).post("/api/v1/" + route);
  }

  private static Credentials user(String username) {
    rc.createUser(username, "Token", "User", List.of("INDIVIDUAL"));
    return rc.credentials(username, RocketChat.PASSWORD);
  }

  private static String generate(Credentials as, String name) {
    Response made = post(as, "users.generatePersonalAccessToken", Map.of("tokenName", name));
    assertThat(made.statusCode()).as(made.asString()).isEqualTo(200);
    return made.path("token");
  }

  private static int me(String userId, String token) {
    return rc.as(new Credentials(userId, token)).get("/api/v1/me").statusCode();
  }

  private static int symphony(String token) {
    return given().baseUri(server.baseUrl()).header("sessionToken", token).get("/pod/v2/sessioninfo").statusCode();
  }

  @Test
  void a_token_is_made_once_listed_without_its_secret_and_opens_every_dialect() {
    Credentials ann = user("ann.token");
    Response made = post(ann, "users.generatePersonalAccessToken", Map.of("tokenName", "ci", "bypassTwoFactor",
        true));
    assertThat(made.statusCode()).as(made.asString()).isEqualTo(200);
    Golden.assertMatches(made.asString(), "rocketchat/token.json");
    String token = made.path("token");
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);
    generate(ann, "laptop");

    assertThat(me(ann.userId(), token)).isEqualTo(200);
    assertThat((String) rc.as(new Credentials(ann.userId(), token)).get("/api/v1/me").path("username"))
        .isEqualTo("ann.token");
    assertThat(symphony(token)).isEqualTo(200);
    // the token opens its own user only
    assertThat(me(rc.admin().userId(), token)).isEqualTo(401);

    Response list = rc.as(ann).get("/api/v1/users.getPersonalAccessTokens");
    assertThat(list.statusCode()).as(list.asString()).isEqualTo(200);
    Golden.assertMatches(list.asString(), "rocketchat/tokens.json");
    assertThat((String) list.path("tokens[0].lastTokenPart")).isEqualTo(token.substring(token.length() - 6));
    assertThat(list.asString()).doesNotContain(token);
    // a login does not list tokens of others
    assertThat((List<?>) rc.as(user("bob.token")).get("/api/v1/users.getPersonalAccessTokens").path("tokens"))
        .isEmpty();
  }

  @Test
  void a_removed_token_is_refused_at_once_everywhere_and_its_name_is_free_again() {
    Credentials cat = user("cat.token");
    String token = generate(cat, "deploy");
    assertThat(me(cat.userId(), token)).isEqualTo(200);

    Response removed = post(cat, "users.removePersonalAccessToken", Map.of("tokenName", "deploy"));
    assertThat(removed.statusCode()).as(removed.asString()).isEqualTo(200);
    Golden.assertMatches(removed.asString(), "rocketchat/success.json");
    assertThat(me(cat.userId(), token)).isEqualTo(401);
    assertThat(symphony(token)).isEqualTo(401);
    assertThat((List<?>) rc.as(cat).get("/api/v1/users.getPersonalAccessTokens").path("tokens")).isEmpty();
    // the login that removed it still works
    assertThat(rc.as(cat).get("/api/v1/me").statusCode()).isEqualTo(200);

    String again = generate(cat, "deploy");
    assertThat(me(cat.userId(), again)).isEqualTo(200);
  }

  @Test
  void a_regenerated_token_replaces_the_old_one() {
    Credentials dan = user("dan.token");
    String old = generate(dan, "bot");
    Response made = post(dan, "users.regeneratePersonalAccessToken", Map.of("tokenName", "bot"));
    assertThat(made.statusCode()).as(made.asString()).isEqualTo(200);
    Golden.assertMatches(made.asString(), "rocketchat/token.json");
    String fresh = made.path("token");
    assertThat(fresh).isNotEqualTo(old);
    assertThat(me(dan.userId(), old)).isEqualTo(401);
    assertThat(me(dan.userId(), fresh)).isEqualTo(200);
    assertThat((List<String>) rc.as(dan).get("/api/v1/users.getPersonalAccessTokens").path("tokens.name"))
        .containsExactly("bot");
  }

  @Test
  void disabling_the_user_or_setting_his_password_ends_his_tokens() {
    Credentials eve = user("eve.token");
    String token = generate(eve, "script");
    Credentials admin = rc.admin();
    assertThat(post(admin, "users.setActiveStatus", Map.of("userId", eve.userId(), "activeStatus", false))
        .statusCode()).isEqualTo(200);
    assertThat(me(eve.userId(), token)).isEqualTo(401);
    assertThat(post(admin, "users.setActiveStatus", Map.of("userId", eve.userId(), "activeStatus", true))
        .statusCode()).isEqualTo(200);
    assertThat(me(eve.userId(), token)).isEqualTo(401);

    Credentials eveAgain = rc.credentials("eve.token", RocketChat.PASSWORD);
    String second = generate(eveAgain, "script");
    assertThat(me(eve.userId(), second)).isEqualTo(200);
    assertThat(post(admin, "users.update", Map.of("userId", eve.userId(), "data",
        Map.of("password", "reset-password-1"))).statusCode()).isEqualTo(200);
    assertThat(me(eve.userId(), second)).isEqualTo(401);
  }

  @Test
  void a_refused_token_request_changes_nothing() {
    Credentials fay = user("fay.token");
    generate(fay, "taken");
    Map<String, String> before = DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"));
    Response duplicate = post(fay, "users.generatePersonalAccessToken", Map.of("tokenName", "taken"));
    assertThat(duplicate.statusCode()).isEqualTo(400);
    Golden.assertMatches(duplicate.asString(), "rocketchat/token-exists.json");
    Response missing = post(fay, "users.removePersonalAccessToken", Map.of("tokenName", "nope"));
    assertThat(missing.statusCode()).isEqualTo(400);
    Golden.assertMatches(missing.asString(), "rocketchat/token-missing.json");
    Golden.assertMatches(post(fay, "users.regeneratePersonalAccessToken", Map.of("tokenName", "nope")).asString(),
        "rocketchat/token-missing.json");
    assertThat((String) post(fay, "users.generatePersonalAccessToken", Map.of()).path("error"))
        .isEqualTo("must have required property 'tokenName' [invalid-params]");
    assertThat((String) post(fay, "users.generatePersonalAccessToken", Map.of("tokenName", "x", "extra", 1))
        .path("error")).isEqualTo("must NOT have additional properties [invalid-params]");
    assertThat(post(fay, "users.generatePersonalAccessToken", Map.of("tokenName", " ")).statusCode())
        .isEqualTo(400);
    assertThat(rc.http().body(Map.of("tokenName", "anon")).post("/api/v1/users.generatePersonalAccessToken")
        .statusCode()).isEqualTo(401);
    assertThat(DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"))).isEqualTo(before);

    // a bot (a SYSTEM account) lacks create-personal-access-tokens
    Number botId = given().baseUri(server.baseUrl()).header("sessionToken", rc.admin().authToken())
        .contentType(ContentType.JSON).body(Map.of("userAttributes", Map.of("userName", "bot.token",
            "emailAddress", "bot.token@rocket.test", "displayName", "Bot", "accountType", "SYSTEM")))
        .post("/pod/v2/admin/user/create").then().statusCode(200).extract().path("userSystemInfo.id");
    User bot = server.atrium().users().byId(botId.longValue()).orElseThrow();
    String botToken = server.atrium().sessions().open(bot, Session.Kind.SESSION, Space.DEFAULT_ID, null).token();
    before = DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"));
    Response refused = post(new Credentials(Long.toString(bot.id()), botToken), "users.generatePersonalAccessToken",
        Map.of("tokenName", "bot"));
    assertThat(refused.statusCode()).isEqualTo(400);
    Golden.assertMatches(refused.asString(), "rocketchat/not-authorized.json");
    assertThat(DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"))).isEqualTo(before);
  }
}
