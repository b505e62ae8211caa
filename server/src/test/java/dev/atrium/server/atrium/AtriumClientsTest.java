package dev.atrium.server.atrium;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.core.client.ApiClient;
import dev.atrium.server.DatabaseDigest;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /atrium/v1/clients}: API clients, made, listed and revoked by a SUPER_ADMINISTRATOR over HTTP. */
class AtriumClientsTest {
  static final String PASSWORD = "user-password-1";
  static final AtomicInteger SEQUENCE = new AtomicInteger();
  static final String CLIENTS = "/atrium/v1/clients";
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

  /** The token of a new user with the roles given, created by the administrator through the pod API. */
  static String userWith(String... roles) {
    String username = "client-user." + SEQUENCE.incrementAndGet();
    anonymous().header("sessionToken", adminToken)
        .body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", username + "@example.test"),
            "password", PASSWORD, "roles", List.of(roles)))
        .post("/pod/v2/admin/user/create").then().statusCode(200);
    return signin(username + "@example.test", PASSWORD);
  }

  static void refused(Response response, int status, String code, String message) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    assertThat(response.jsonPath().getString("code")).isEqualTo(code);
    assertThat(response.jsonPath().getString("message")).isEqualTo(message);
  }

  static String storedRows() {
    return server.atrium().services().database().dsl().fetch("select * from api_client").formatCSV();
  }

  @Test
  void the_secret_is_shown_once_at_creation_and_stored_only_as_a_hash() {
    Response created = admin().body(Map.of("name", "  Acme integration ")).post(CLIENTS);

    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    Golden.assertMatches(created.asString(), "atrium/client-created.json");
    String id = created.jsonPath().getString("clientId");
    String secret = created.jsonPath().getString("clientSecret");
    assertThat(id).matches("[A-Za-z0-9]{24}");
    assertThat(secret).matches("[A-Za-z0-9_-]{43}");

    String listed = admin().get(CLIENTS).then().statusCode(200).extract().asString();
    assertThat(listed).contains(id).doesNotContain(secret);
    Map<String, Object> entry = JsonPath.from(listed).getMap("clients.find { it.clientId == '" + id + "' }");
    assertThat(entry).containsOnlyKeys("clientId", "name", "createdAt", "createdBy")
        .containsEntry("name", "Acme integration")
        .containsEntry("createdBy", Long.toString(server.atrium().users().byEmail(TestServer.ADMIN_EMAIL)
            .orElseThrow().id()));
    assertThat(storedRows()).contains(id).doesNotContain(secret);
    assertThat(server.atrium().services().audit().latest(20).toString()).contains("client.create")
        .doesNotContain(secret);
    assertThat(server.atrium().services().clients().verify(id, secret)).map(ApiClient::name)
        .contains("Acme integration");
  }

  @Test
  void the_list_is_newest_first_and_a_revoked_client_stays_in_it_with_its_revocation_time() {
    String older = admin().body(Map.of("name", "Older")).post(CLIENTS).then().statusCode(201).extract()
        .path("clientId");
    String newer = admin().body(Map.of("name", "Newer")).post(CLIENTS).then().statusCode(201).extract()
        .path("clientId");

    Response revoked = admin().delete(CLIENTS + "/" + older);
    assertThat(revoked.statusCode()).as(revoked.asString()).isEqualTo(200);
    assertThat(revoked.jsonPath().getString("clientId")).isEqualTo(older);
    long revokedAt = revoked.jsonPath().getLong("revokedAt");

    List<String> ids = admin().get(CLIENTS).then().statusCode(200).extract().jsonPath().getList("clients.clientId");
    assertThat(ids.indexOf(newer)).isNotNegative().isLessThan(ids.indexOf(older));
    Map<String, Object> listedOlder = admin().get(CLIENTS).then().extract().jsonPath()
        .getMap("clients.find { it.clientId == '" + older + "' }");
    assertThat(((Number) listedOlder.get("revokedAt")).longValue()).isEqualTo(revokedAt);
  }

  @Test
  void revoking_twice_keeps_the_first_time_and_the_client_no_longer_verifies() throws InterruptedException {
    Response created = admin().body(Map.of("name", "Acme integration")).post(CLIENTS);
    String id = created.jsonPath().getString("clientId");
    String secret = created.jsonPath().getString("clientSecret");

    String first = admin().delete(CLIENTS + "/" + id).then().statusCode(200).extract().asString();
    Golden.assertMatches(first, "atrium/client-revoked.json");
    Thread.sleep(5);
    String second = admin().delete(CLIENTS + "/" + id).then().statusCode(200).extract().asString();

    assertThat(second).isEqualTo(first);
    assertThat(server.atrium().services().clients().verify(id, secret)).isEmpty();
  }

  @Test
  void an_unknown_client_is_not_found() {
    refused(admin().delete(CLIENTS + "/NoSuchClient0000000000000"), 404, "not_found",
        "API client NoSuchClient0000000000000 not found");
  }

  @Test
  void bad_names_and_bodies_are_refused_and_create_nothing() {
    String before = storedRows();
    String badName = "name must be 1 to 100 characters, without control characters";
    refused(admin().body(Map.of()).post(CLIENTS), 400, "invalid_request", "name is required");
    refused(admin().body(Map.of("name", "   ")).post(CLIENTS), 400, "invalid_request", badName);
    refused(admin().body(Map.of("name", "")).post(CLIENTS), 400, "invalid_request", badName);
    refused(admin().body(Map.of("name", "x".repeat(101))).post(CLIENTS), 400, "invalid_request", badName);
    refused(admin().body(Map.of("name", 7)).post(CLIENTS), 400, "invalid_request",
        "Field 'name' has the wrong type; expected a string");
    for (String body : List.of("[\"name\"]", "\"Acme\"", "7", "null", "{not json")) {
      refused(admin().body(body).post(CLIENTS), 400, "invalid_request", "The request body must be a JSON object");
    }
    refused(admin().post(CLIENTS), 400, "invalid_request", "The request body must be a JSON object");
    assertThat(storedRows()).isEqualTo(before);
    assertThat(admin().body(Map.of("name", "y".repeat(100))).post(CLIENTS).statusCode()).isEqualTo(201);
  }

  @Test
  void a_plain_user_and_an_administrator_who_is_not_super_are_refused_and_nothing_changes() {
    String id = admin().body(Map.of("name", "Kept")).post(CLIENTS).then().statusCode(201).extract()
        .path("clientId");
    List<String> tokens = List.of(userWith("INDIVIDUAL"), userWith("ADMINISTRATOR"),
        userWith("ADMINISTRATOR", "USER_PROVISIONING"));
    Map<String, String> before = DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"));
    for (String token : tokens) {
      for (Response response : List.of(bearer(token).body(Map.of("name", "Intruder")).post(CLIENTS),
          bearer(token).body("{not json").post(CLIENTS),
          bearer(token).get(CLIENTS),
          bearer(token).delete(CLIENTS + "/" + id),
          bearer(token).delete(CLIENTS + "/NoSuchClient0000000000000"))) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(403);
        Golden.assertMatches(response.asString(), "atrium/error-forbidden.json");
      }
    }
    for (Response response : List.of(anonymous().body(Map.of("name", "Intruder")).post(CLIENTS),
        anonymous().get(CLIENTS), anonymous().delete(CLIENTS + "/" + id))) {
      assertThat(response.statusCode()).isEqualTo(401);
    }
    assertThat(DatabaseDigest.of(server.atrium(), Set.of("sessions.last_used_at"))).isEqualTo(before);
    assertThat(server.atrium().services().clients().list(server.atrium().users()
        .byEmail(TestServer.ADMIN_EMAIL).orElseThrow())).filteredOn(c -> c.clientId().equals(id))
        .singleElement().extracting(ApiClient::live).isEqualTo(true);
  }
}
