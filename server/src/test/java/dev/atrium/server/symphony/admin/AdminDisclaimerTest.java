package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.ENTITLEMENT;
import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.DisclaimerApi;
import com.symphony.bdk.gen.api.UserApi;
import com.symphony.bdk.gen.api.model.Disclaimer;
import com.symphony.bdk.gen.api.model.StringId;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import dev.atrium.server.Golden;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Disclaimers: the pod's list, and the one assigned to each user. Each test has a pod of its own. */
class AdminDisclaimerTest {
  AdminFixture pod;
  DisclaimerApi disclaimers;
  UserApi users;

  @BeforeEach
  void start() {
    pod = new AdminFixture();
    disclaimers = new DisclaimerApi(pod.pod);
    users = new UserApi(pod.pod);
  }

  @AfterEach
  void stop() {
    pod.close();
  }

  private static Map<String, Object> spec(String name, boolean isDefault) {
    Map<String, Object> spec = new HashMap<>();
    spec.put("name", name);
    spec.put("content", "Messages are recorded. (" + name + ")");
    spec.put("frequencyInHours", 12);
    spec.put("isDefault", isDefault);
    spec.put("isActive", true);
    spec.put("format", "TEXT");
    return spec;
  }

  private String create(Map<String, Object> spec) {
    return pod.admin().body(spec).post("/pod/v1/admin/disclaimer/create").then().statusCode(200).extract()
        .path("id");
  }

  private void refused(String path, Object body, String message) {
    pod.admin().body(body).post(path).then().statusCode(400)
        .body("code", equalTo(400)).body("message", equalTo(message));
  }

  @Test
  void a_created_disclaimer_is_listed_and_read_back() throws Exception {
    String got = pod.admin().body(spec("Recording", true)).post("/pod/v1/admin/disclaimer/create")
        .then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/admin/disclaimer.json");
    String id = AdminFixture.json(got).getString("id");

    Disclaimer read = disclaimers.v1AdminDisclaimerDidGet(pod.adminToken, id);
    assertThat(read.getName()).isEqualTo("Recording");
    assertThat(read.getFrequencyInHours()).isEqualTo(12);
    assertThat(read.getIsDefault()).isTrue();
    assertThat(read.getFormat()).isEqualTo(Disclaimer.FormatEnum.TEXT);
    assertThat(read.getCreatedDate()).isEqualTo(read.getModifiedDate());
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/disclaimer/" + id), "symphony/admin/disclaimer.json");

    create(spec("Second", false));
    assertThat(disclaimers.v1AdminDisclaimerListGet(pod.adminToken)).extracting(Disclaimer::getName)
        .containsExactly("Recording", "Second");
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/disclaimer/list"), "symphony/admin/disclaimer-list.json");
  }

  @Test
  void a_disclaimer_update_replaces_its_fields_and_keeps_its_id_and_creation_date() throws Exception {
    String id = create(spec("Recording", false));
    Disclaimer before = disclaimers.v1AdminDisclaimerDidGet(pod.adminToken, id);
    Map<String, Object> changed = spec("Recording v2", false);
    changed.put("content", "<p>New text</p>");
    changed.put("format", "XML");
    changed.put("frequencyInHours", 48);

    var after = pod.admin().body(changed).post("/pod/v1/admin/disclaimer/" + id + "/update")
        .then().statusCode(200).extract().jsonPath();

    assertThat(after.getString("id")).isEqualTo(id);
    assertThat(after.getString("name")).isEqualTo("Recording v2");
    assertThat(after.getString("content")).isEqualTo("<p>New text</p>");
    assertThat(after.getString("format")).isEqualTo("XML");
    assertThat(after.getInt("frequencyInHours")).isEqualTo(48);
    assertThat(after.getLong("createdDate")).isEqualTo(before.getCreatedDate());
    assertThat(after.getLong("modifiedDate")).isGreaterThanOrEqualTo(before.getModifiedDate());
    Disclaimer read = disclaimers.v1AdminDisclaimerDidGet(pod.adminToken, id);
    assertThat(read.getContent()).isEqualTo("<p>New text</p>");
    assertThat(read.getFormat()).isEqualTo(Disclaimer.FormatEnum.XML);
  }

  @Test
  void only_one_disclaimer_is_the_default() throws Exception {
    String first = create(spec("First", true));
    String second = create(spec("Second", true));
    assertThat(defaults()).containsExactly(second);

    pod.admin().body(spec("First", true)).post("/pod/v1/admin/disclaimer/" + first + "/update")
        .then().statusCode(200);
    assertThat(defaults()).containsExactly(first);
  }

  private List<String> defaults() throws Exception {
    return disclaimers.v1AdminDisclaimerListGet(pod.adminToken).stream()
        .filter(d -> Boolean.TRUE.equals(d.getIsDefault())).map(Disclaimer::getId).toList();
  }

  @Test
  void a_disclaimer_is_assigned_to_a_user() throws Exception {
    AdminFixture.Created user = pod.createUser("disclaimed");
    AdminFixture.Created other = pod.createUser("undisclaimed");
    String id = create(spec("Recording", true));
    pod.admin().get("/pod/v1/admin/user/" + user.id() + "/disclaimer").then().statusCode(204).body(equalTo(""));
    assertThat(users.v1AdminUserUidDisclaimerGet(pod.adminToken, user.id())).isNull();

    SuccessResponse ok = users.v1AdminUserUidDisclaimerUpdatePost(pod.adminToken, user.id(), new StringId().id(id));
    assertThat(ok.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);

    assertThat(users.v1AdminUserUidDisclaimerGet(pod.adminToken, user.id()).getId()).isEqualTo(id);
    Golden.assertMatches(pod.snapshot("/pod/v1/admin/user/" + user.id() + "/disclaimer"),
        "symphony/admin/disclaimer.json");
    assertThat(disclaimers.v1AdminDisclaimerDidUsersGet(pod.adminToken, id)).containsExactly(user.id());
    pod.admin().get("/pod/v1/admin/user/" + other.id() + "/disclaimer").then().statusCode(204);
  }

  @Test
  void an_unknown_or_inactive_disclaimer_cannot_be_assigned() {
    AdminFixture.Created user = pod.createUser("disclaimed");
    Map<String, Object> inactive = spec("Retired", false);
    inactive.put("isActive", false);
    String retired = create(inactive);
    String path = "/pod/v1/admin/user/" + user.id() + "/disclaimer";

    refused(path + "/update", Map.of("id", "no-such-disclaimer"), "Disclaimer no-such-disclaimer does not exist");
    refused(path + "/update", Map.of("id", retired), "Disclaimer " + retired + " is not active");
    refused(path + "/update", Map.of(), "id is required");
    refused(path + "/update", Map.of("id", 7), "Field 'id' has the wrong type; expected a string");
    refused("/pod/v1/admin/user/99999999999/disclaimer/update", Map.of("id", create(spec("Active", false))),
        "User 99999999999 not found");

    pod.admin().get(path).then().statusCode(204);
    pod.admin().get("/pod/v1/admin/disclaimer/" + retired + "/users").then().statusCode(200).body("size()", equalTo(0));
  }

  @Test
  void a_bad_disclaimer_is_refused_and_nothing_is_created_or_changed() {
    String id = create(spec("Recording", false));
    String before = pod.snapshot("/pod/v1/admin/disclaimer/list");

    Map<String, Object> noName = spec("x", false);
    noName.remove("name");
    refused("/pod/v1/admin/disclaimer/create", noName, "name is required");
    Map<String, Object> noContent = spec("x", false);
    noContent.remove("content");
    refused("/pod/v1/admin/disclaimer/create", noContent, "content is required");
    refused("/pod/v1/admin/disclaimer/create", spec("", false), "name is required");
    refused("/pod/v1/admin/disclaimer/create", spec("n".repeat(257), false), "name must be at most 256 characters long");
    Map<String, Object> badFormat = spec("x", false);
    badFormat.put("format", "HTML");
    refused("/pod/v1/admin/disclaimer/create", badFormat, "format must be one of [TEXT, XML], got 'HTML'");
    Map<String, Object> negative = spec("x", true);
    negative.put("frequencyInHours", -1);
    refused("/pod/v1/admin/disclaimer/create", negative, "frequencyInHours must not be negative");
    Map<String, Object> wrongType = spec("x", true);
    wrongType.put("isDefault", "yes");
    refused("/pod/v1/admin/disclaimer/create", wrongType, "Field 'isDefault' has the wrong type; expected a boolean");
    refused("/pod/v1/admin/disclaimer/" + id + "/update", negative, "frequencyInHours must not be negative");
    refused("/pod/v1/admin/disclaimer/" + id + "/update", noName, "name is required");

    assertThat(pod.snapshot("/pod/v1/admin/disclaimer/list")).isEqualTo(before);
  }

  @Test
  void an_unknown_disclaimer_is_refused() {
    pod.admin().get("/pod/v1/admin/disclaimer/nope").then().statusCode(400)
        .body("code", equalTo(400)).body("message", equalTo("Disclaimer nope not found"));
    pod.admin().get("/pod/v1/admin/disclaimer/nope/users").then().statusCode(400)
        .body("message", equalTo("Disclaimer nope not found"));
    refused("/pod/v1/admin/disclaimer/nope/update", spec("x", false), "Disclaimer nope not found");
    pod.admin().get("/pod/v1/admin/disclaimer/list").then().statusCode(200).body("size()", equalTo(0));
    pod.admin().get("/pod/v1/admin/user/99999999999/disclaimer").then().statusCode(400)
        .body("message", equalTo("User 99999999999 not found"));
  }

  @Test
  void user_provisioning_reads_disclaimers_but_cannot_create_or_change_them() {
    String id = create(spec("Recording", false));
    AdminFixture.Created provisioner = pod.createUser("provisioner", "INDIVIDUAL", "USER_PROVISIONING");
    String token = pod.signin(provisioner.email(), PASSWORD);

    pod.as(token).get("/pod/v1/admin/disclaimer/list").then().statusCode(200).body("size()", equalTo(1));
    pod.as(token).body(spec("Mine", false)).post("/pod/v1/admin/disclaimer/create").then().statusCode(403)
        .body("code", equalTo(403)).body("message", equalTo(ENTITLEMENT));
    pod.as(token).body(spec("Mine", false)).post("/pod/v1/admin/disclaimer/" + id + "/update").then()
        .statusCode(403).body("message", equalTo(ENTITLEMENT));

    pod.admin().get("/pod/v1/admin/disclaimer/list").then().statusCode(200).body("size()", equalTo(1))
        .body("[0].name", equalTo("Recording"));
  }
}
