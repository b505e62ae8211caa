package dev.atrium.server.symphony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.symphony.bdk.core.service.connection.constant.ConnectionStatus;
import com.symphony.bdk.gen.api.ConnectionApi;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import com.symphony.bdk.gen.api.model.UserConnection;
import com.symphony.bdk.gen.api.model.UserConnectionRequest;
import com.symphony.bdk.http.api.ApiException;
import com.symphony.bdk.http.api.ApiRuntimeException;
import dev.atrium.server.Golden;
import io.restassured.http.ContentType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections under {@code /pod/v1/connection}, driven by the BDK's ConnectionService (every call it makes) and
 * the generated ConnectionApi, against the real server. Every connection in Atrium is explicit: two users of
 * the pod are connected only after a request was accepted.
 */
class BdkConnectionsTest {
  static final long UNKNOWN = (103L << 36) | 999_999L;

  static SymphonyPod pod;
  static BdkBots bots;

  @BeforeAll
  static void start(@TempDir Path dir) {
    pod = SymphonyPod.start();
    bots = new BdkBots(pod, dir);
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static UserConnectionRequest to(long userId) {
    return new UserConnectionRequest().userId(userId);
  }

  static void refused(ThrowableAssert.ThrowingCallable call, int code, String message) {
    assertThatThrownBy(call).satisfies(e -> {
      int actual = e instanceof ApiRuntimeException r ? r.getCode() : ((ApiException) e).getCode();
      String body = e instanceof ApiRuntimeException r ? r.getResponseBody() : ((ApiException) e).getResponseBody();
      assertThat(actual).isEqualTo(code);
      assertThat(body).isEqualTo("{\"code\":" + code + ",\"message\":\"" + message + "\"}");
    });
  }

  // ---- the life of a connection, through the BDK's ConnectionService

  @Test
  void a_request_is_pending_outgoing_for_the_requester_and_pending_incoming_for_the_addressee() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    UserConnection sent = ann.bdk().connections().createConnection(ben.id());

    assertThat(sent.getUserId()).isEqualTo(ben.id());
    assertThat(sent.getStatus()).isEqualTo(UserConnection.StatusEnum.PENDING_OUTGOING);
    assertThat(sent.getRequestCounter()).isEqualTo(1);
    assertThat(sent.getFirstRequestedAt()).isEqualTo(sent.getUpdatedAt()).isPositive();
    UserConnection seen = ben.bdk().connections().getConnection(ann.id());
    assertThat(seen.getUserId()).isEqualTo(ann.id());
    assertThat(seen.getStatus()).isEqualTo(UserConnection.StatusEnum.PENDING_INCOMING);
    assertThat(seen.getFirstRequestedAt()).isEqualTo(sent.getFirstRequestedAt());
    assertThat(ann.bdk().connections().getConnection(ben.id()).getStatus())
        .isEqualTo(UserConnection.StatusEnum.PENDING_OUTGOING);
  }

  @Test
  void accepting_an_incoming_request_connects_both_users() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    UserConnection sent = ann.bdk().connections().createConnection(ben.id());

    UserConnection accepted = ben.bdk().connections().acceptConnection(ann.id());

    assertThat(accepted.getUserId()).isEqualTo(ann.id());
    assertThat(accepted.getStatus()).isEqualTo(UserConnection.StatusEnum.ACCEPTED);
    assertThat(accepted.getFirstRequestedAt()).isEqualTo(sent.getFirstRequestedAt());
    assertThat(accepted.getUpdatedAt()).isGreaterThanOrEqualTo(sent.getUpdatedAt());
    assertThat(ann.bdk().connections().listConnections(ConnectionStatus.ACCEPTED, List.of()))
        .extracting(UserConnection::getUserId).containsExactly(ben.id());
    assertThat(ben.bdk().connections().listConnections(ConnectionStatus.ACCEPTED, List.of()))
        .extracting(UserConnection::getUserId).containsExactly(ann.id());
  }

  @Test
  void a_rejected_requester_may_ask_again_and_the_counter_counts_every_request() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    UserConnection first = ann.bdk().connections().createConnection(ben.id());

    UserConnection rejected = ben.bdk().connections().rejectConnection(ann.id());
    assertThat(rejected.getStatus()).isEqualTo(UserConnection.StatusEnum.REJECTED);
    assertThat(ann.bdk().connections().getConnection(ben.id()).getStatus())
        .isEqualTo(UserConnection.StatusEnum.REJECTED);

    UserConnection again = ann.bdk().connections().createConnection(ben.id());
    assertThat(again.getStatus()).isEqualTo(UserConnection.StatusEnum.PENDING_OUTGOING);
    assertThat(again.getRequestCounter()).isEqualTo(2);
    assertThat(again.getFirstRequestedAt()).isEqualTo(first.getFirstRequestedAt());
  }

  @Test
  void a_repeated_request_raises_the_request_counter() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    ann.bdk().connections().createConnection(ben.id());
    ann.bdk().connections().createConnection(ben.id());
    UserConnection third = ann.bdk().connections().createConnection(ben.id());

    assertThat(third.getRequestCounter()).isEqualTo(3);
    assertThat(third.getStatus()).isEqualTo(UserConnection.StatusEnum.PENDING_OUTGOING);
    assertThat(ben.bdk().connections().getConnection(ann.id()).getRequestCounter()).isEqualTo(3);
  }

  @Test
  void asking_someone_whose_request_to_you_is_pending_accepts_it() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    ann.bdk().connections().createConnection(ben.id());

    UserConnection both = ben.bdk().connections().createConnection(ann.id());

    assertThat(both.getStatus()).isEqualTo(UserConnection.StatusEnum.ACCEPTED);
    assertThat(both.getRequestCounter()).isEqualTo(1);
    assertThat(ann.bdk().connections().getConnection(ben.id()).getStatus())
        .isEqualTo(UserConnection.StatusEnum.ACCEPTED);
  }

  @Test
  void asking_again_once_connected_changes_nothing() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    ann.bdk().connections().createConnection(ben.id());
    UserConnection accepted = ben.bdk().connections().acceptConnection(ann.id());

    UserConnection again = ann.bdk().connections().createConnection(ben.id());

    assertThat(again.getStatus()).isEqualTo(UserConnection.StatusEnum.ACCEPTED);
    assertThat(again.getUpdatedAt()).isEqualTo(accepted.getUpdatedAt());
    assertThat(again.getRequestCounter()).isEqualTo(1);
  }

  @Test
  void removing_a_connection_ends_it_for_both_users() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    ann.bdk().connections().createConnection(ben.id());
    ben.bdk().connections().acceptConnection(ann.id());

    ben.bdk().connections().removeConnection(ann.id());

    refused(() -> ann.bdk().connections().getConnection(ben.id()), 404,
        "There is no connection with user " + ben.id());
    assertThat(ann.bdk().connections().listConnections(ConnectionStatus.ALL, List.of())).isEmpty();
    refused(() -> ann.bdk().connections().removeConnection(ben.id()), 404,
        "You are not connected to user " + ben.id());
  }

  @Test
  void the_list_shows_pending_requests_by_default_and_filters_by_status_and_user() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    BdkBots.Bot cat = bots.create("cat");
    BdkBots.Bot dan = bots.create("dan");
    BdkBots.Bot eve = bots.create("eve");
    ann.bdk().connections().createConnection(ben.id());          // outgoing
    cat.bdk().connections().createConnection(ann.id());          // incoming
    dan.bdk().connections().createConnection(ann.id());
    ann.bdk().connections().acceptConnection(dan.id());          // accepted
    eve.bdk().connections().createConnection(ann.id());
    ann.bdk().connections().rejectConnection(eve.id());          // rejected

    var service = ann.bdk().connections();
    assertThat(service.listConnections(null, List.of())).extracting(UserConnection::getUserId)
        .containsExactlyInAnyOrder(ben.id(), cat.id());
    assertThat(service.listConnections(ConnectionStatus.PENDING_OUTGOING, List.of()))
        .extracting(UserConnection::getUserId).containsExactly(ben.id());
    assertThat(service.listConnections(ConnectionStatus.PENDING_INCOMING, List.of()))
        .extracting(UserConnection::getUserId).containsExactly(cat.id());
    assertThat(service.listConnections(ConnectionStatus.REJECTED, List.of()))
        .extracting(UserConnection::getUserId).containsExactly(eve.id());
    // the most recently changed first
    assertThat(service.listConnections(ConnectionStatus.ALL, List.of())).extracting(UserConnection::getUserId)
        .containsExactly(eve.id(), dan.id(), cat.id(), ben.id());
    assertThat(service.listConnections(ConnectionStatus.ALL, List.of(ben.id(), dan.id())))
        .extracting(UserConnection::getUserId, UserConnection::getStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(dan.id(), UserConnection.StatusEnum.ACCEPTED),
            org.assertj.core.groups.Tuple.tuple(ben.id(), UserConnection.StatusEnum.PENDING_OUTGOING));
  }

  @Test
  void two_users_of_the_pod_are_not_connected_until_one_accepts_the_others_request() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    refused(() -> ann.bdk().connections().getConnection(ben.id()), 404,
        "There is no connection with user " + ben.id());
    assertThat(ann.bdk().connections().listConnections(ConnectionStatus.ACCEPTED, List.of(ben.id()))).isEmpty();
  }

  // ---- the generated ConnectionApi (v1) and status in either case

  @Test
  void the_generated_client_reads_and_writes_the_same_connections() throws ApiException {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    ConnectionApi annApi = new ConnectionApi(ann.pod());
    ConnectionApi benApi = new ConnectionApi(ben.pod());

    UserConnection sent = annApi.v1ConnectionCreatePost(ann.token(), to(ben.id()));
    assertThat(sent.getStatus()).isEqualTo(UserConnection.StatusEnum.PENDING_OUTGOING);
    // the status filter of 1.40 is lowercase; either case is read
    assertThat(benApi.v1ConnectionListGet(ben.token(), "pending_incoming", String.valueOf(ann.id())))
        .extracting(UserConnection::getUserId).containsExactly(ann.id());
    assertThat(benApi.v1ConnectionListGet(ben.token(), "Pending_Incoming", null)).hasSize(1);
    assertThat(benApi.v1ConnectionAcceptPost(ben.token(), to(ann.id())).getStatus())
        .isEqualTo(UserConnection.StatusEnum.ACCEPTED);
    assertThat(annApi.v1ConnectionUserUserIdInfoGet(ann.token(), String.valueOf(ben.id())).getStatus())
        .isEqualTo(UserConnection.StatusEnum.ACCEPTED);
    SuccessResponse removed = annApi.v1ConnectionUserUidRemovePost(ann.token(), ben.id());
    assertThat(removed.getMessage()).isEqualTo("Connection Removed.");
    assertThat(annApi.v1ConnectionListGet(ann.token(), "all", null)).isEmpty();
  }

  @Test
  void a_rejection_through_the_generated_client_needs_an_incoming_request() throws ApiException {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    ConnectionApi benApi = new ConnectionApi(ben.pod());
    new ConnectionApi(ann.pod()).v1ConnectionCreatePost(ann.token(), to(ben.id()));

    assertThat(benApi.v1ConnectionRejectPost(ben.token(), to(ann.id())).getStatus())
        .isEqualTo(UserConnection.StatusEnum.REJECTED);
    refused(() -> benApi.v1ConnectionRejectPost(ben.token(), to(ann.id())), 404,
        "There is no pending connection request from user " + ann.id());
  }

  // ---- refusals: exact status and body, and nothing changes

  @Test
  void a_request_to_an_unknown_user_is_a_404() {
    BdkBots.Bot ann = bots.create("ann");

    refused(() -> ann.bdk().connections().createConnection(UNKNOWN), 404, "User " + UNKNOWN + " not found");
    assertThat(ann.bdk().connections().listConnections(ConnectionStatus.ALL, List.of())).isEmpty();
  }

  @Test
  void connecting_to_yourself_is_a_400() {
    BdkBots.Bot ann = bots.create("ann");

    refused(() -> ann.bdk().connections().createConnection(ann.id()), 400, "You cannot connect to yourself");
    refused(() -> ann.bdk().connections().getConnection(ann.id()), 400, "You cannot connect to yourself");
  }

  @Test
  void a_request_to_a_disabled_user_is_a_400_and_stores_nothing() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot gone = bots.create("gone");
    pod.setStatus(gone.id(), "DISABLED");

    refused(() -> ann.bdk().connections().createConnection(gone.id()), 400, "User " + gone.id() + " is not active");
    assertThat(ann.bdk().connections().listConnections(ConnectionStatus.ALL, List.of())).isEmpty();
  }

  @Test
  void only_the_addressee_of_a_pending_request_accepts_or_rejects_it() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    UserConnection sent = ann.bdk().connections().createConnection(ben.id());

    refused(() -> ann.bdk().connections().acceptConnection(ben.id()), 404,
        "There is no pending connection request from user " + ben.id());
    refused(() -> ann.bdk().connections().rejectConnection(ben.id()), 404,
        "There is no pending connection request from user " + ben.id());
    refused(() -> ann.bdk().connections().acceptConnection(UNKNOWN), 404, "User " + UNKNOWN + " not found");

    UserConnection after = ben.bdk().connections().getConnection(ann.id());
    assertThat(after.getStatus()).isEqualTo(UserConnection.StatusEnum.PENDING_INCOMING);
    assertThat(after.getUpdatedAt()).isEqualTo(sent.getUpdatedAt());
  }

  @Test
  void an_accepted_connection_cannot_be_accepted_or_rejected_again() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    ann.bdk().connections().createConnection(ben.id());
    ben.bdk().connections().acceptConnection(ann.id());

    refused(() -> ben.bdk().connections().rejectConnection(ann.id()), 404,
        "There is no pending connection request from user " + ann.id());
    assertThat(ben.bdk().connections().getConnection(ann.id()).getStatus())
        .isEqualTo(UserConnection.StatusEnum.ACCEPTED);
  }

  @Test
  void bad_input_is_a_400_naming_what_is_wrong() {
    BdkBots.Bot ann = bots.create("ann");
    String token = ann.token();

    pod.as(token).queryParam("status", "friends").get("/pod/v1/connection/list").then().statusCode(400)
        .body("message", org.hamcrest.Matchers.equalTo("status must be one of pending_incoming, pending_outgoing,"
            + " accepted, rejected and all, got 'friends'"));
    pod.as(token).queryParam("userIds", "12,abc").get("/pod/v1/connection/list").then().statusCode(400)
        .body("message", org.hamcrest.Matchers.equalTo(
            "userIds must be a user id (a positive decimal integer), got 'abc'"));
    pod.as(token).contentType(ContentType.JSON).body(Map.of()).post("/pod/v1/connection/create").then()
        .statusCode(400).body("message", org.hamcrest.Matchers.equalTo("userId is required"));
    pod.as(token).contentType(ContentType.JSON).body(Map.of("userId", "12")).post("/pod/v1/connection/create")
        .then().statusCode(400);
    pod.as(token).get("/pod/v1/connection/user/abc/info").then().statusCode(400)
        .body("message", org.hamcrest.Matchers.equalTo(
            "userId must be a user id (a positive decimal integer), got 'abc'"));
    assertThat(ann.bdk().connections().listConnections(ConnectionStatus.ALL, List.of())).isEmpty();
  }

  @Test
  void every_connection_call_without_a_session_is_a_401() {
    for (String path : List.of("/pod/v1/connection/create", "/pod/v1/connection/accept",
        "/pod/v1/connection/reject", "/pod/v1/connection/user/12/remove")) {
      pod.anonymous().contentType(ContentType.JSON).body(Map.of("userId", 12)).post(path).then().statusCode(401)
          .body("message", org.hamcrest.Matchers.equalTo("Invalid session"));
    }
    pod.anonymous().get("/pod/v1/connection/list").then().statusCode(401);
    pod.as("not-a-session").get("/pod/v1/connection/user/12/info").then().statusCode(401);
  }

  // ---- golden wire shapes

  @Test
  void a_user_connection_has_the_specs_shape() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");

    String created = pod.as(ann.token()).contentType(ContentType.JSON).body(Map.of("userId", ben.id()))
        .post("/pod/v1/connection/create").then().statusCode(200).extract().asString();
    Golden.assertMatches(created, "symphony/contacts/user-connection.json");
    String list = pod.as(ben.token()).queryParam("status", "PENDING_INCOMING").get("/pod/v1/connection/list")
        .then().statusCode(200).extract().asString();
    Golden.assertMatches(list, "symphony/contacts/user-connection-list.json");
  }

  @Test
  void a_removal_answers_a_success_response_and_a_missing_connection_a_404_error() {
    BdkBots.Bot ann = bots.create("ann");
    BdkBots.Bot ben = bots.create("ben");
    ann.bdk().connections().createConnection(ben.id());
    ben.bdk().connections().acceptConnection(ann.id());

    String removed = pod.as(ann.token()).post("/pod/v1/connection/user/" + ben.id() + "/remove").then()
        .statusCode(200).extract().asString();
    Golden.assertMatches(removed, "symphony/contacts/connection-removed.json");
    String missing = pod.as(ann.token()).get("/pod/v1/connection/user/" + ben.id() + "/info").then()
        .statusCode(404).extract().asString();
    Golden.assertMatches(missing, "symphony/contacts/error-404.json");
  }
}
