package dev.atrium.server.atrium;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.atrium.core.user.User;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Atrium's own API under {@code /atrium/v1}: the session token as {@code Authorization: Bearer} or in the
 * {@code sessionToken} header, errors as {@code {code, message}}, and the outbox, badge and persona calls.
 */
class AtriumApiTest {
  static final String PASSWORD = "user-password-1";
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static TestServer server;
  static AtriumCallers api;
  static String adminToken;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = new AtriumCallers(server);
    adminToken = api.adminToken;
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String signin(String email, String password) {
    return api.signin(email, password);
  }

  static RequestSpecification anonymous() {
    return api.anonymous();
  }

  static RequestSpecification bearer(String token) {
    return api.bearer(token);
  }

  static RequestSpecification admin() {
    return api.admin();
  }

  /** A user created by the administrator through the pod API, with the roles given. */
  static User createUser(String... roles) {
    String username = "atrium-user." + SEQUENCE.incrementAndGet();
    long id = anonymous().header("sessionToken", adminToken)
        .body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", username + "@example.test",
            "firstName", "First", "lastName", "Last"), "password", PASSWORD, "roles", List.of(roles)))
        .post("/pod/v2/admin/user/create").then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    return server.atrium().users().get(id);
  }

  static String tokenOf(User user) {
    return signin(user.email(), PASSWORD);
  }

  static void refused(Response response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/json");
    assertThat(response.jsonPath().getString("code")).isEqualTo(code);
    assertThat(response.jsonPath().getString("message")).isEqualTo(message);
  }

  @Nested
  class Credentials {
    @Test
    void the_session_token_works_as_a_bearer_token_and_in_the_session_token_header() {
      User ann = createUser("INDIVIDUAL");
      String token = tokenOf(ann);
      Map<String, String> body = Map.of("firstName", "Night", "lastName", "Owl");

      bearer(token).body(body).post("/atrium/v1/personas").then().statusCode(201)
          .body("ownerId", equalTo(Long.toString(ann.id())));
      anonymous().header("sessionToken", token).body(body).post("/atrium/v1/personas").then().statusCode(201)
          .body("ownerId", equalTo(Long.toString(ann.id())));
      anonymous().header("Authorization", "bearer " + token).body(body).post("/atrium/v1/personas").then()
          .statusCode(201);
    }

    @Test
    void no_token_a_wrong_one_or_another_scheme_is_refused_with_401_and_the_scheme_to_use() {
      for (RequestSpecification request : List.of(anonymous(), bearer("no-such-token"), bearer(""),
          anonymous().header("Authorization", "Basic YWRtaW46cGFzc3dvcmQ="),
          anonymous().header("sessionToken", "no-such-token"))) {
        Response response = request.get("/atrium/v1/outbox");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"atrium\"");
        Golden.assertMatches(response.asString(), "atrium/error-unauthenticated.json");
      }
    }

    @Test
    void a_bad_bearer_token_decides_even_beside_a_good_session_token_header() {
      bearer("no-such-token").header("sessionToken", adminToken).get("/atrium/v1/outbox").then().statusCode(401);
    }

    @Test
    void a_revoked_session_is_refused_at_once() {
      User ann = createUser("INDIVIDUAL");
      String token = tokenOf(ann);
      bearer(token).body(Map.of()).post("/atrium/v1/personas").then().statusCode(201);
      anonymous().header("X-Session-Id", token).post("/api/v1/auth/signout").then().statusCode(200);
      bearer(token).body(Map.of()).post("/atrium/v1/personas").then().statusCode(401);
    }

    @Test
    void an_unknown_path_answers_in_atriums_format() {
      Response response = admin().get("/atrium/v1/no/such/thing");
      assertThat(response.statusCode()).isEqualTo(404);
      Golden.assertMatches(response.asString(), "atrium/error-no-endpoint.json");
    }
  }

  @Nested
  class Outbox {
    void requestVerification(String email) {
      anonymous().body(Map.of("email", email)).post("/api/v1/auth/requestEmailVerification").then().statusCode(200);
    }

    @Test
    void without_smtp_the_mail_is_kept_and_its_link_read_by_the_super_administrator() {
      String email = "local." + SEQUENCE.incrementAndGet() + "@example.test";
      requestVerification(email);

      Response list = admin().get("/atrium/v1/outbox?limit=1");

      assertThat(list.statusCode()).isEqualTo(200);
      Golden.assertMatches(list.asString(), "atrium/outbox.json");
      JsonPath mail = list.jsonPath();
      assertThat(mail.getString("[0].to")).isEqualTo(email);
      String link = mail.getString("[0].text").lines().filter(l -> l.contains("/api/v1/auth/verifyEmail?token="))
          .findFirst().orElseThrow().strip();
      assertThat(link).startsWith("http://localhost:" + server.port() + "/api/v1/auth/verifyEmail?token=");
      anonymous().body(Map.of("email", email, "password", "first-password")).post("/api/v1/auth/signup")
          .then().statusCode(200);
      anonymous().get(link).then().statusCode(200).body("data.isVerified", equalTo(true));
    }

    @Test
    void the_newest_mail_comes_first_and_limit_bounds_the_list() {
      String first = "first." + SEQUENCE.incrementAndGet() + "@example.test";
      String second = "second." + SEQUENCE.incrementAndGet() + "@example.test";
      requestVerification(first);
      requestVerification(second);

      JsonPath two = admin().get("/atrium/v1/outbox?limit=2").then().statusCode(200).extract().jsonPath();

      assertThat(two.getList("to")).containsExactly(second, first);
      assertThat(admin().get("/atrium/v1/outbox").then().statusCode(200).extract().jsonPath().getList("id").size())
          .isGreaterThanOrEqualTo(2);
      refused(admin().get("/atrium/v1/outbox?limit=0"), 400, "invalid_request",
          "limit must be an integer from 1 to 1000, got '0'");
      refused(admin().get("/atrium/v1/outbox?limit=many"), 400, "invalid_request",
          "limit must be an integer from 1 to 1000, got 'many'");
    }

    @Test
    void an_administrator_who_is_not_super_and_a_plain_user_are_refused_with_403() {
      refused(bearer(tokenOf(createUser("ADMINISTRATOR"))).get("/atrium/v1/outbox"), 403, "forbidden",
          "Only a SUPER_ADMINISTRATOR can read the mail outbox");
      refused(bearer(tokenOf(createUser("INDIVIDUAL"))).get("/atrium/v1/outbox"), 403, "forbidden",
          "Only a SUPER_ADMINISTRATOR can read the mail outbox");
    }
  }

  @Nested
  class Badges {
    String badges(long uid) {
      return "/atrium/v1/users/" + uid + "/badges";
    }

    String snapshot(long uid) {
      return admin().get(badges(uid)).then().statusCode(200).extract().asString();
    }

    @Test
    void a_grant_is_listed_replaced_by_a_second_grant_of_its_type_and_revoked() {
      User ann = createUser("INDIVIDUAL");
      String granted = admin().body(Map.of("badgeType", "speaker", "data", Map.of("event", "Expo", "year", 2026)))
          .post(badges(ann.id())).then().statusCode(200).extract().asString();
      Golden.assertMatches(granted, "atrium/badge-granted.json");
      String id = JsonPath.from(granted).getString("id");

      admin().body(Map.of("badgeType", "speaker", "data", Map.of("event", "Summit"))).post(badges(ann.id()))
          .then().statusCode(200);
      List<Map<String, Object>> listed = admin().get(badges(ann.id())).then().statusCode(200).extract().jsonPath()
          .getList("$");
      assertThat(listed).singleElement().satisfies(b -> {
        assertThat(b).containsEntry("id", id).containsEntry("badgeType", "speaker");
        assertThat(b.get("data")).isEqualTo(Map.of("event", "Summit"));
      });

      admin().delete("/atrium/v1/badges/" + id).then().statusCode(200).body("id", equalTo(id));
      assertThat(admin().get(badges(ann.id())).then().statusCode(200).extract().jsonPath().getList("$")).isEmpty();
    }

    @Test
    void bad_grants_are_refused_and_change_nothing() {
      User ann = createUser("INDIVIDUAL");
      String before = snapshot(ann.id());
      refused(admin().body(Map.of("data", Map.of())).post(badges(ann.id())), 400, "invalid_request",
          "badgeType is required");
      refused(admin().body(Map.of("badgeType", "speaker", "data", "not an object")).post(badges(ann.id())), 400,
          "invalid_request", "Field 'data' has the wrong type; expected an object");
      assertThat(admin().body(Map.of("badgeType", "speaker")).post(badges(999_999_999L)).statusCode())
          .isEqualTo(404);
      refused(admin().body(Map.of("badgeType", "speaker")).post("/atrium/v1/users/abc/badges"), 400,
          "invalid_request", "uid must be a user id (a positive decimal integer), got 'abc'");
      assertThat(admin().delete("/atrium/v1/badges/no-such-badge").statusCode()).isEqualTo(404);
      assertThat(snapshot(ann.id())).isEqualTo(before);
    }

    @Test
    void only_user_administrators_may_grant_list_or_revoke_and_a_refusal_changes_nothing() {
      User bob = createUser("INDIVIDUAL");
      String badgeId = admin().body(Map.of("badgeType", "host")).post(badges(bob.id())).then().statusCode(200)
          .extract().path("id");
      String before = snapshot(bob.id());
      for (String token : List.of(tokenOf(createUser("INDIVIDUAL")), tokenOf(bob))) {
        for (Response response : List.of(bearer(token).body(Map.of("badgeType", "intruder")).post(badges(bob.id())),
            bearer(token).body("{not json").post(badges(bob.id())),
            bearer(token).get(badges(bob.id())),
            bearer(token).delete("/atrium/v1/badges/" + badgeId))) {
          assertThat(response.statusCode()).isEqualTo(403);
          Golden.assertMatches(response.asString(), "atrium/error-forbidden.json");
        }
      }
      for (Response response : List.of(anonymous().body(Map.of("badgeType", "intruder")).post(badges(bob.id())),
          anonymous().get(badges(bob.id())), anonymous().delete("/atrium/v1/badges/" + badgeId))) {
        assertThat(response.statusCode()).isEqualTo(401);
      }
      assertThat(snapshot(bob.id())).isEqualTo(before);
    }
  }

  @Nested
  class Personas {
    @Test
    void a_user_creates_a_persona_of_their_own() {
      User ann = createUser("INDIVIDUAL");
      Response created = bearer(tokenOf(ann)).body(Map.of("firstName", "Night", "lastName", "Owl",
          "companyName", "Moon", "companyTitle", "Watcher")).post("/atrium/v1/personas");

      assertThat(created.statusCode()).isEqualTo(201);
      Golden.assertMatches(created.asString(), "atrium/persona-created.json");
      User persona = server.atrium().users().get(Long.parseLong(created.jsonPath().getString("id")));
      assertThat(persona.ownerId()).isEqualTo(ann.id());
      assertThat(persona.profile().firstName()).isEqualTo("Night");
      assertThat(persona.profile().companyName()).isEqualTo("Moon");
      assertThat(persona.email()).isNull();
    }

    @Test
    void a_bad_body_is_refused_and_creates_nothing() {
      User ann = createUser("INDIVIDUAL");
      String token = tokenOf(ann);
      Response malformed = bearer(token).body("{not json").post("/atrium/v1/personas");
      assertThat(malformed.statusCode()).isEqualTo(400);
      assertThat(malformed.jsonPath().getString("code")).isEqualTo("invalid_request");
      assertThat(malformed.jsonPath().getString("message")).startsWith("The request body is not valid JSON: ");
      refused(bearer(token).body(Map.of("firstName", 7)).post("/atrium/v1/personas"), 400, "invalid_request",
          "Field 'firstName' has the wrong type; expected a string");
      assertThat(server.atrium().services().personas().list(ann.id())).isEmpty();
    }
  }
}
