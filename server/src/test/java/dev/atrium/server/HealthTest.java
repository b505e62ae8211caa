package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthTest {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void health_reports_the_server_and_the_database_up() {
    given().baseUri(server.baseUrl())
        .when().get("/health")
        .then().statusCode(200)
        .body("status", equalTo("UP"))
        .body("database.status", equalTo("UP"))
        .body("database.type", equalTo("h2"));
  }

  @Test
  void an_unknown_path_gets_a_json_error() {
    given().baseUri(server.baseUrl())
        .when().get("/pod/v1/no/such/thing")
        .then().statusCode(404)
        .body("code", equalTo(404));
  }
}
