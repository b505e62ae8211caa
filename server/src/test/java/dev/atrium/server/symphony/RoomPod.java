package dev.atrium.server.symphony;

import static org.assertj.core.api.Assertions.assertThat;

import com.symphony.bdk.core.SymphonyBdk;
import com.symphony.bdk.core.client.ApiClientFactory;
import com.symphony.bdk.core.config.model.BdkConfig;
import com.symphony.bdk.gen.api.RoomMembershipApi;
import com.symphony.bdk.gen.api.StreamsApi;
import com.symphony.bdk.http.api.ApiException;
import com.symphony.bdk.http.api.ApiRuntimeException;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;

/**
 * A pod for the room tests: the server, signed-in people with the roles asked for, the generated
 * {@code StreamsApi} and {@code RoomMembershipApi} clients, and a BDK bot whose StreamService they drive.
 */
final class RoomPod implements AutoCloseable {
  static final String ENTITLEMENT = "The user lacks the required entitlement to perform this operation";

  /** A user of the pod with a live session token. */
  record Person(long id, String username, String token) {}

  final SymphonyPod pod;
  final StreamsApi streams;
  final RoomMembershipApi membership;
  final Person admin;

  private RoomPod(SymphonyPod pod) {
    this.pod = pod;
    BdkConfig config = clientConfig();
    var client = new ApiClientFactory(config).getPodClient();
    this.streams = new StreamsApi(client);
    this.membership = new RoomMembershipApi(client);
    long adminId = pod.asAdmin().get("/pod/v1/sessioninfo").then().statusCode(200).extract().jsonPath()
        .getLong("userId");
    this.admin = new Person(adminId, "admin", pod.adminToken());
  }

  static RoomPod start() {
    return new RoomPod(SymphonyPod.start());
  }

  private BdkConfig clientConfig() {
    BdkConfig config = new BdkConfig();
    config.setScheme("http");
    config.setHost("127.0.0.1");
    config.setPort(pod.port());
    config.getRetry().setMaxAttempts(1);
    return config;
  }

  /** A NORMAL user holding the roles given (INDIVIDUAL if none), signed in. */
  Person person(String name, String... roles) {
    String username = SymphonyPod.unique(name + ".");
    String email = username + "@example.test";
    long id = pod.asAdmin().contentType(ContentType.JSON)
        .body(Map.of("userAttributes", Map.of("userName", username, "emailAddress", email, "firstName", name,
            "lastName", "Tester", "accountType", "NORMAL"), "password", "room-password-1",
            "roles", roles.length == 0 ? List.of("INDIVIDUAL") : List.of(roles)))
        .post("/pod/v2/admin/user/create")
        .then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    return new Person(id, username, pod.roomfulSignin(email, "room-password-1"));
  }

  /** A BDK for a new service user (RSA key) holding the roles given besides INDIVIDUAL. */
  SymphonyBdk bdk(Path dir, String... extraRoles) throws Exception {
    SymphonyPod.KeyUser bot = pod.createServiceUser(SymphonyPod.unique("rooms.bot"));
    if (extraRoles.length > 0) {
      List<String> roles = new java.util.ArrayList<>(List.of(extraRoles));
      roles.add("INDIVIDUAL");
      pod.asAdmin().contentType(ContentType.JSON).body(roles)
          .post("/pod/v1/admin/user/" + bot.id() + "/roles/update").then().statusCode(200);
    }
    BdkConfig config = clientConfig();
    config.getBot().setUsername(bot.username());
    config.getBot().getPrivateKey().setPath(SymphonyPod.writePrivateKey(bot.keys(), dir).toString());
    return new SymphonyBdk(config);
  }

  /** A request without a session token, with a JSON body type. */
  RequestSpecification anonymous() {
    return pod.anonymous().contentType(ContentType.JSON);
  }

  static io.restassured.path.json.JsonPath json(String body) {
    return io.restassured.path.json.JsonPath.from(body);
  }

  /** A request with the person's session token and a JSON body type. */
  RequestSpecification as(Person person) {
    return pod.as(person.token()).contentType(ContentType.JSON);
  }

  /** Creates a room through {@code /pod/v2/room/create}; returns its id. */
  String room(Person owner, Map<String, Object> attributes) {
    return as(owner).body(attributes).post("/pod/v2/room/create").then().statusCode(200).extract()
        .path("roomSystemInfo.id");
  }

  String room(Person owner, String name) {
    return room(owner, Map.of("name", name));
  }

  void add(Person actor, String roomId, Person member) {
    as(actor).body(Map.of("id", member.id())).post("/pod/v1/room/" + roomId + "/membership/add")
        .then().statusCode(200);
  }

  /** The JSON a request gets, asserting its status. */
  static String body(ValidatableResponse response, int status) {
    return response.statusCode(status).extract().asString();
  }

  /** Asserts a refusal over the wire: the status and Symphony's error body with the exact message. */
  static void refused(ValidatableResponse response, int status, String message) {
    response.statusCode(status).contentType(ContentType.JSON)
        .body("code", org.hamcrest.Matchers.equalTo(status))
        .body("message", org.hamcrest.Matchers.equalTo(message));
  }

  /** Asserts that a generated-client call is refused with this status and message. */
  static void refusedByClient(ThrowableAssert.ThrowingCallable call, int status, String message) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.getCode()).isEqualTo(status);
      assertThat(e.getResponseBody()).isEqualTo("{\"code\":" + status + ",\"message\":\""
          + message.replace("\"", "\\\"") + "\"}");
    });
  }

  /** Asserts that a BDK service call is refused with this status and message. */
  static void refusedByBdk(ThrowableAssert.ThrowingCallable call, int status, String message) {
    org.assertj.core.api.Assertions.assertThatThrownBy(call).isInstanceOfSatisfying(ApiRuntimeException.class,
        e -> {
          assertThat(e.getCode()).isEqualTo(status);
          assertThat(e.getResponseBody()).isEqualTo("{\"code\":" + status + ",\"message\":\""
              + message.replace("\"", "\\\"") + "\"}");
        });
  }

  @Override
  public void close() {
    pod.close();
  }
}
