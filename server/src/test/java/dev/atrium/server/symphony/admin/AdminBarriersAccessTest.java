package dev.atrium.server.symphony.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every information-barrier route refuses a caller without a live session (401) and a caller who is not an
 * administrator (403), before reading the request, and a refused call changes nothing.
 */
class AdminBarriersAccessTest {
  static AdminFixture pod;
  static String groupA;
  static String groupB;
  static String policy;
  static AdminFixture.Created member;
  static String plainToken;

  record Route(String method, String path, Object body) {
    @Override
    public String toString() {
      return method + " " + path.replaceAll("[0-9a-f]{24}", "{id}");
    }

    Response send(RequestSpecification request) {
      return method.equals("GET") ? request.get(path) : request.body(body).post(path);
    }
  }

  @BeforeAll
  static void start() {
    pod = new AdminFixture();
    member = pod.createUser("member");
    plainToken = pod.plainUserToken();
    groupA = pod.admin().body(Map.of("name", "A")).post("/pod/v1/admin/group/create").then().statusCode(200)
        .extract().path("id");
    groupB = pod.admin().body(Map.of("name", "B")).post("/pod/v1/admin/group/create").then().statusCode(200)
        .extract().path("id");
    policy = pod.admin().body(Map.of("policyType", "BLOCK", "groups", List.of(groupA, groupB), "active", false))
        .post("/pod/v1/admin/policy/create").then().statusCode(200).extract().path("id");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  /** Every route of SymphonyBarriers' table. */
  static Stream<Route> routes() {
    String g = "/pod/v1/admin/group/" + groupA;
    return Stream.of(
        new Route("GET", "/pod/v1/admin/group/list", null),
        new Route("GET", g + "/membership/list", null),
        new Route("POST", g + "/membership/add", List.of(member.id())),
        new Route("POST", g + "/membership/remove", List.of(member.id())),
        new Route("GET", "/pod/v1/admin/policy/list", null),
        new Route("POST", "/pod/v1/admin/group/create", Map.of("name", "Intruders")),
        new Route("POST", g + "/setActive?active=false", ""),
        new Route("POST", "/pod/v1/admin/policy/create", Map.of("policyType", "ALLOW", "groups",
            List.of(groupB, groupA))),
        new Route("POST", "/pod/v1/admin/policy/" + policy + "/setActive?active=true", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void no_session_token_is_refused_with_401(Route route) {
    String got = route.send(pod.anonymous()).then().statusCode(401).contentType("application/json")
        .extract().asString();
    Golden.assertMatches(got, "symphony/admin/error-invalid-session.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_plain_user_is_refused_with_403(Route route) {
    String got = route.send(pod.as(plainToken)).then().statusCode(403).contentType("application/json")
        .extract().asString();
    Golden.assertMatches(got, "symphony/admin/error-entitlement.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_plain_user_is_refused_before_the_body_is_read(Route route) {
    var request = pod.as(plainToken);
    Response response = route.method().equals("GET") ? request.get(route.path())
        : request.body("{not json").post(route.path());
    response.then().statusCode(403);
    assertThat(response.jsonPath().getString("message")).isEqualTo(AdminFixture.ENTITLEMENT);
  }

  @Test
  void refused_calls_change_nothing() {
    List<String> before = state();
    for (Route route : routes().toList()) {
      route.send(pod.anonymous()).then().statusCode(401);
      route.send(pod.as("forged-" + plainToken)).then().statusCode(401);
      route.send(pod.as(plainToken)).then().statusCode(403);
    }
    assertThat(state()).isEqualTo(before);
  }

  private static List<String> state() {
    return List.of(pod.snapshot("/pod/v1/admin/group/list"), pod.snapshot("/pod/v1/admin/policy/list"),
        pod.snapshot("/pod/v1/admin/group/" + groupA + "/membership/list"));
  }
}
