package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.ENTITLEMENT;
import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static dev.atrium.server.symphony.admin.CertFixtures.BOT;
import static dev.atrium.server.symphony.admin.CertFixtures.CA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every company certificate route refuses a caller without a live session (401), and a caller who is not a pod
 * administrator (403) — a plain user and a user provisioner alike — before reading the request; a refused call
 * changes nothing.
 */
class CompanyCertAccessTest {
  static AdminFixture pod;
  static String plainToken;
  static String provisionerToken;

  /** One route with a request an administrator would have answered with 200. */
  record Route(String method, String path, Object body) {
    @Override
    public String toString() {
      return method + " " + path;
    }

    Response send(RequestSpecification request) {
      return method.equals("GET") ? request.get(path) : request.body(body).post(path);
    }
  }

  @BeforeAll
  static void start() {
    pod = new AdminFixture();
    plainToken = pod.plainUserToken();
    AdminFixture.Created provisioner = pod.createUser("provisioner", "INDIVIDUAL", "USER_PROVISIONING");
    provisionerToken = pod.signin(provisioner.email(), PASSWORD);
    for (String file : List.of("ca", "bot")) {
      pod.admin().body(Map.of("pem", CertFixtures.pem(file), "attributes", Map.of("name", file,
          "type", Map.of("type", "USER"), "status", Map.of("type", "TRUSTED"))))
          .post("/pod/v1/companycert/create").then().statusCode(200);
    }
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  /** Every route of SymphonyCerts' table. */
  static Stream<Route> routes() {
    Map<String, Object> jira = Map.of("pem", CertFixtures.pem("jira"), "attributes", Map.of("name", "Jira",
        "type", Map.of("type", "USER"), "status", Map.of("type", "TRUSTED")));
    return Stream.of(
        new Route("POST", "/pod/v1/companycert/create", jira),
        new Route("POST", "/pod/v2/companycert/create", jira),
        new Route("POST", "/pod/v1/companycert/delete", Map.of("id", BOT)),
        new Route("GET", "/pod/v1/companycert/" + BOT + "/get", null),
        new Route("POST", "/pod/v1/companycert/" + BOT + "/update", Map.of("status", Map.of("type", "REVOKED"))),
        new Route("GET", "/pod/v1/companycert/" + CA + "/issuedBy", null),
        new Route("GET", "/pod/v1/companycert/list", null),
        new Route("GET", "/pod/v1/companycert/podmanaged/list", null),
        new Route("POST", "/pod/v1/companycert/type/list", List.of(Map.of("type", "USER"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void no_session_token_is_refused_with_401(Route route) {
    String got = route.send(pod.anonymous()).then().statusCode(401).contentType("application/json")
        .extract().asString();
    Golden.assertMatches(got, "symphony/certs/error-invalid-session.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void an_unknown_session_token_is_refused_with_401(Route route) {
    String got = route.send(pod.as("no-such-token")).then().statusCode(401).extract().asString();
    Golden.assertMatches(got, "symphony/certs/error-invalid-session.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_plain_user_is_refused_with_403(Route route) {
    String got = route.send(pod.as(plainToken)).then().statusCode(403).contentType("application/json")
        .extract().asString();
    Golden.assertMatches(got, "symphony/certs/error-entitlement.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_user_provisioner_is_refused_with_403(Route route) {
    String got = route.send(pod.as(provisionerToken)).then().statusCode(403).extract().asString();
    Golden.assertMatches(got, "symphony/certs/error-entitlement.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_non_administrator_is_refused_before_the_body_is_read(Route route) {
    var request = pod.as(plainToken);
    Response response = route.method().equals("GET") ? request.get(route.path())
        : request.body("{not json").post(route.path());
    response.then().statusCode(403);
    assertThat(response.jsonPath().getString("message")).isEqualTo(ENTITLEMENT);
  }

  @Test
  void refused_calls_change_nothing() {
    List<String> before = state();
    for (Route route : routes().toList()) {
      route.send(pod.anonymous()).then().statusCode(401);
      route.send(pod.as("forged-" + plainToken)).then().statusCode(401);
      route.send(pod.as(plainToken)).then().statusCode(403);
      route.send(pod.as(provisionerToken)).then().statusCode(403);
    }
    assertThat(state()).isEqualTo(before);
  }

  private static List<String> state() {
    List<String> state = new ArrayList<>();
    for (String path : List.of("/pod/v1/companycert/list", "/pod/v1/companycert/" + BOT + "/get",
        "/pod/v1/companycert/" + CA + "/issuedBy")) {
      state.add(pod.snapshot(path));
    }
    return state;
  }
}
