package dev.atrium.server.atrium;

import static io.restassured.RestAssured.given;

import dev.atrium.server.TestServer;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/**
 * What the tests of Atrium's own API need of one server: requests, anonymous or with a session token, and the
 * administrator's.
 */
final class AtriumCallers {
  final TestServer server;
  final String adminToken;

  AtriumCallers(TestServer server) {
    this.server = server;
    this.adminToken = signin(TestServer.ADMIN_EMAIL, TestServer.ADMIN_PASSWORD);
  }

  /** A Roomful sign-in's session token (Atrium's API takes it). */
  String signin(String email, String password) {
    return anonymous().body(Map.of("email", email, "password", password)).post("/api/v1/auth/signin")
        .then().statusCode(200).extract().path("data.session_token");
  }

  RequestSpecification anonymous() {
    return given().baseUri(server.baseUrl()).contentType(ContentType.JSON);
  }

  RequestSpecification bearer(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }

  RequestSpecification admin() {
    return bearer(adminToken);
  }
}
