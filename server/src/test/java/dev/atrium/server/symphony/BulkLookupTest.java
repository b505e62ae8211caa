package dev.atrium.server.symphony;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The list endpoints the BDK's UserService calls: {@code GET /pod/v3/users} and {@code GET /pod/v2/admin/user/list}. */
class BulkLookupTest {
  static TestServer server;
  static String admin;
  static final List<Long> ids = new ArrayList<>();

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = given().baseUri(server.baseUrl()).contentType("application/json")
        .body("{\"email\":\"" + TestServer.ADMIN_EMAIL + "\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}")
        .post("/api/v1/auth/signin").path("data.session_token");
    for (String name : List.of("amy", "bob", "cat")) {
      Number id = pod().body("{\"userAttributes\":{\"userName\":\"" + name + "\",\"emailAddress\":\"" + name
          + "@atrium.test\",\"firstName\":\"" + name + "\"}}").post("/pod/v2/admin/user/create")
          .then().statusCode(200).extract().path("userSystemInfo.id");
      ids.add(id.longValue());
    }
    pod().body("{\"status\":\"DISABLED\"}").post("/pod/v1/admin/user/" + ids.get(2) + "/status/update")
        .then().statusCode(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static RequestSpecification pod() {
    return given().baseUri(server.baseUrl()).header("sessionToken", admin).contentType("application/json");
  }

  @Test
  void v3_users_finds_several_by_id_and_reports_malformed_entries() {
    Response response = pod().get("/pod/v3/users?uid=" + ids.get(0) + "," + ids.get(1) + ",999,abc");
    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/v3-users.json");
  }

  @Test
  void v3_users_by_email_and_username_and_activity() {
    pod().get("/pod/v3/users?email=amy@atrium.test,CAT@atrium.test").then().statusCode(200)
        .body("users.username", equalTo(List.of("amy", "cat"))).body("errors", hasSize(0));
    pod().get("/pod/v3/users?email=amy@atrium.test,cat@atrium.test&active=true").then().statusCode(200)
        .body("users.username", equalTo(List.of("amy")));
    pod().get("/pod/v3/users?username=bob&local=true").then().statusCode(200)
        .body("users[0].id", equalTo(ids.get(1)));
  }

  @Test
  void v3_users_refuses_ambiguous_or_unlocal_queries_and_answers_204_for_nobody() {
    pod().get("/pod/v3/users?uid=1&email=a@b.c").then().statusCode(400)
        .body("message", equalTo("Exactly one of uid, email and username is required"));
    pod().get("/pod/v3/users?username=bob").then().statusCode(400)
        .body("message", equalTo("A lookup by username needs local=true"));
    pod().get("/pod/v3/users?email=nobody@atrium.test").then().statusCode(204).body(equalTo(""));
    given().baseUri(server.baseUrl()).get("/pod/v3/users?uid=1").then().statusCode(401)
        .body("code", equalTo(401)).body("message", equalTo("Invalid session"));
  }

  @Test
  void v2_admin_user_list_pages_through_every_user() {
    pod().get("/pod/v2/admin/user/list").then().statusCode(200).body("", hasSize(4))
        .body("[1].userAttributes.userName", equalTo("amy"));
    pod().get("/pod/v2/admin/user/list?skip=1&limit=2").then().statusCode(200)
        .body("userAttributes.userName", equalTo(List.of("amy", "bob")))
        .body("[1].userSystemInfo.status", equalTo("ENABLED"));
    pod().get("/pod/v2/admin/user/list?limit=1001").then().statusCode(400)
        .body("message", equalTo("limit must be an integer from 1 to 1000, got '1001'"));
  }
}
