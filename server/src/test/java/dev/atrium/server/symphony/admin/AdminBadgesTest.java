package dev.atrium.server.symphony.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Atrium's badge calls: an administrator grants, lists and revokes a user's badges. */
class AdminBadgesTest {
  static AdminFixture pod;
  static AdminFixture.Created ann;

  @BeforeAll
  static void start() {
    pod = new AdminFixture();
    ann = pod.createUser("ann");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static String grantPath(long uid) {
    return "/pod/v1/admin/atrium/user/" + uid + "/badge/grant";
  }

  @Test
  void a_grant_is_listed_replaced_by_a_second_grant_of_its_type_and_revoked() {
    String granted = pod.admin().body(Map.of("badgeType", "speaker", "data", Map.of("event", "Expo", "year", 2026)))
        .post(grantPath(ann.id())).then().statusCode(200).extract().asString();
    Golden.assertMatches(granted, "symphony/admin/badge-granted.json");
    String id = AdminFixture.json(granted).getString("id");

    pod.admin().body(Map.of("badgeType", "speaker", "data", Map.of("event", "Summit")))
        .post(grantPath(ann.id())).then().statusCode(200);
    List<Map<String, Object>> listed = pod.admin().get("/pod/v1/admin/atrium/user/" + ann.id() + "/badges")
        .then().statusCode(200).extract().jsonPath().getList("$");
    assertThat(listed).singleElement().satisfies(b -> {
      assertThat(b).containsEntry("id", id).containsEntry("badgeType", "speaker");
      assertThat(b.get("data")).isEqualTo(Map.of("event", "Summit"));
    });

    pod.admin().post("/pod/v1/admin/atrium/badge/" + id + "/revoke").then().statusCode(200);
    assertThat(pod.admin().get("/pod/v1/admin/atrium/user/" + ann.id() + "/badges").then().statusCode(200)
        .extract().jsonPath().getList("$")).isEmpty();
  }

  @Test
  void bad_grants_are_refused_and_change_nothing() {
    String before = pod.snapshot("/pod/v1/admin/atrium/user/" + ann.id() + "/badges");
    pod.admin().body(Map.of("data", Map.of())).post(grantPath(ann.id())).then().statusCode(400)
        .body("message", org.hamcrest.Matchers.equalTo("badgeType is required"));
    pod.admin().body(Map.of("badgeType", "speaker", "data", "not an object")).post(grantPath(ann.id()))
        .then().statusCode(400);
    pod.admin().body(Map.of("badgeType", "speaker")).post(grantPath(999_999_999L)).then().statusCode(400);
    pod.admin().post("/pod/v1/admin/atrium/badge/no-such-badge/revoke").then().statusCode(400);
    assertThat(pod.snapshot("/pod/v1/admin/atrium/user/" + ann.id() + "/badges")).isEqualTo(before);
  }
}

/** The access sweep of the badge calls. */
class AdminBadgesAccessTest extends AccessSweep {
  AdminFixture.Created bob;
  String badgeId;

  @Override
  void setUp() {
    bob = pod.createUser("bob");
    badgeId = pod.admin().body(Map.of("badgeType", "host")).post(AdminBadgesTest.grantPath(bob.id()))
        .then().statusCode(200).extract().path("id");
  }

  @Override
  Stream<Route> routes() {
    return Stream.of(
        new Route("POST", AdminBadgesTest.grantPath(bob.id()), Map.of("badgeType", "intruder")),
        new Route("GET", "/pod/v1/admin/atrium/user/" + bob.id() + "/badges", null),
        new Route("POST", "/pod/v1/admin/atrium/badge/" + badgeId + "/revoke", ""));
  }

  @Override
  List<String> state() {
    return List.of(pod.snapshot("/pod/v1/admin/atrium/user/" + bob.id() + "/badges"));
  }
}
