package dev.atrium.server.symphony.admin;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The access sweep of SymphonyBarriers' routes. */
class AdminBarriersAccessTest extends AccessSweep {
  String groupA;
  String groupB;
  String policy;
  AdminFixture.Created member;

  @Override
  void setUp() {
    member = pod.createUser("member");
    groupA = pod.admin().body(Map.of("name", "A")).post("/pod/v1/admin/group/create").then().statusCode(200)
        .extract().path("id");
    groupB = pod.admin().body(Map.of("name", "B")).post("/pod/v1/admin/group/create").then().statusCode(200)
        .extract().path("id");
    policy = pod.admin().body(Map.of("policyType", "BLOCK", "groups", List.of(groupA, groupB), "active", false))
        .post("/pod/v1/admin/policy/create").then().statusCode(200).extract().path("id");
  }

  @Override
  Stream<Route> routes() {
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

  @Override
  List<String> state() {
    return List.of(pod.snapshot("/pod/v1/admin/group/list"), pod.snapshot("/pod/v1/admin/policy/list"),
        pod.snapshot("/pod/v1/admin/group/" + groupA + "/membership/list"));
  }
}
