package dev.atrium.server.symphony.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access sweep of an administrators-only route table: every route refuses a caller without a live session
 * (401) and every caller who is not an administrator (403), before reading the request, and a refused call
 * changes nothing. A subclass names its routes, the state they could change and, beyond a plain user, the
 * other callers who must be refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessSweep {
  protected AdminFixture pod;
  private List<String> refused;

  /** One route with a request an administrator would have answered with 200. */
  record Route(String method, String path, Object body) {
    @Override
    public String toString() {
      return method + " " + path.replaceAll("[0-9a-f]{24}", "{id}");
    }

    Response send(RequestSpecification request) {
      return method.equals("GET") ? request.get(path) : request.body(body).post(path);
    }
  }

  /** Every route of the table under test. */
  abstract Stream<Route> routes();

  /** Snapshots of everything a route could change. */
  abstract List<String> state();

  /** Creates what the routes name; {@link #pod} is up. */
  abstract void setUp() throws Exception;

  /** Checks what {@link #state()} cannot see, after the refused calls. */
  void afterRefusals() {}

  /** Session tokens of callers who are not administrators, besides a plain user. */
  List<String> otherRefusedTokens() {
    return List.of();
  }

  @BeforeAll
  final void start() throws Exception {
    pod = new AdminFixture();
    setUp();
    refused = Stream.concat(Stream.of(pod.plainUserToken()), otherRefusedTokens().stream()).toList();
  }

  @AfterAll
  final void stop() {
    pod.close();
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
  void an_unknown_session_token_is_refused_with_401(Route route) {
    String got = route.send(pod.as("no-such-token")).then().statusCode(401).extract().asString();
    Golden.assertMatches(got, "symphony/admin/error-invalid-session.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_caller_who_is_no_administrator_is_refused_with_403(Route route) {
    for (String token : refused) {
      String got = route.send(pod.as(token)).then().statusCode(403).contentType("application/json")
          .extract().asString();
      Golden.assertMatches(got, "symphony/admin/error-entitlement.json");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void a_caller_who_is_no_administrator_is_refused_before_the_body_is_read(Route route) {
    for (String token : refused) {
      var request = pod.as(token);
      Response response = route.method().equals("GET") ? request.get(route.path())
          : request.body("{not json").post(route.path());
      response.then().statusCode(403);
      assertThat(response.jsonPath().getString("message")).isEqualTo(AdminFixture.ENTITLEMENT);
    }
  }

  @Test
  void refused_calls_change_nothing() {
    List<String> before = state();
    for (Route route : routes().toList()) {
      route.send(pod.anonymous()).then().statusCode(401);
      route.send(pod.as("forged-" + refused.getFirst())).then().statusCode(401);
      for (String token : refused) {
        route.send(pod.as(token)).then().statusCode(403);
      }
    }
    assertThat(state()).isEqualTo(before);
    afterRefusals();
  }
}
