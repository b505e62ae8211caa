package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static dev.atrium.server.symphony.admin.CertFixtures.BOT;
import static dev.atrium.server.symphony.admin.CertFixtures.CA;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The access sweep of SymphonyCerts' routes: a user provisioner is refused like a plain user, since company
 * certificates are for pod administrators only.
 */
class CompanyCertAccessTest extends AccessSweep {
  String provisionerToken;

  @Override
  void setUp() {
    AdminFixture.Created provisioner = pod.createUser("provisioner", "INDIVIDUAL", "USER_PROVISIONING");
    provisionerToken = pod.signin(provisioner.email(), PASSWORD);
    for (String file : List.of("ca", "bot")) {
      pod.admin().body(Map.of("pem", CertFixtures.pem(file), "attributes", Map.of("name", file,
          "type", Map.of("type", "USER"), "status", Map.of("type", "TRUSTED"))))
          .post("/pod/v1/companycert/create").then().statusCode(200);
    }
  }

  @Override
  List<String> otherRefusedTokens() {
    return List.of(provisionerToken);
  }

  @Override
  Stream<Route> routes() {
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

  @Override
  List<String> state() {
    List<String> state = new ArrayList<>();
    for (String path : List.of("/pod/v1/companycert/list", "/pod/v1/companycert/" + BOT + "/get",
        "/pod/v1/companycert/" + CA + "/issuedBy")) {
      state.add(pod.snapshot(path));
    }
    return state;
  }
}
