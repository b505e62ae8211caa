package dev.atrium.server.symphony.admin;

import static com.symphony.bdk.gen.api.model.CompanyCertStatus.TypeEnum.KNOWN;
import static com.symphony.bdk.gen.api.model.CompanyCertStatus.TypeEnum.REVOKED;
import static com.symphony.bdk.gen.api.model.CompanyCertStatus.TypeEnum.TRUSTED;
import static com.symphony.bdk.gen.api.model.CompanyCertType.TypeEnum.OPERATIONSSIGNING;
import static com.symphony.bdk.gen.api.model.CompanyCertType.TypeEnum.OPERATIONSUSER;
import static com.symphony.bdk.gen.api.model.CompanyCertType.TypeEnum.USER;
import static com.symphony.bdk.gen.api.model.CompanyCertType.TypeEnum.USERSIGNING;
import static dev.atrium.server.symphony.admin.CertFixtures.AGENT;
import static dev.atrium.server.symphony.admin.CertFixtures.BOT;
import static dev.atrium.server.symphony.admin.CertFixtures.CA;
import static dev.atrium.server.symphony.admin.CertFixtures.EXPIRED;
import static dev.atrium.server.symphony.admin.CertFixtures.EXPIRED_AT;
import static dev.atrium.server.symphony.admin.CertFixtures.FAR_EXPIRY;
import static dev.atrium.server.symphony.admin.CertFixtures.JIRA;
import static dev.atrium.server.symphony.admin.CertFixtures.cert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.SecurityApi;
import com.symphony.bdk.gen.api.model.CertInfoItem;
import com.symphony.bdk.gen.api.model.CompanyCertAttributes;
import com.symphony.bdk.gen.api.model.CompanyCertDetail;
import com.symphony.bdk.gen.api.model.CompanyCertInfo;
import com.symphony.bdk.gen.api.model.CompanyCertStatus;
import com.symphony.bdk.gen.api.model.CompanyCertType;
import com.symphony.bdk.gen.api.model.StringId;
import com.symphony.bdk.gen.api.model.SuccessResponse;
import com.symphony.bdk.http.api.ApiException;
import dev.atrium.server.Golden;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Company certificates over the wire: every endpoint through the BDK's generated {@link SecurityApi}, the
 * exact JSON in golden files, and the refusals as raw HTTP. Each test has a pod of its own.
 */
class CompanyCertTest {
  /** A PEM block that is not a certificate. */
  static final String PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\n"
      + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE7n1w3G4X1p0Qe0mKkV9O6Bq9i9yXg0N8\n-----END PUBLIC KEY-----\n";

  AdminFixture pod;
  SecurityApi security;

  @BeforeEach
  void start() {
    pod = new AdminFixture();
    security = new SecurityApi(pod.pod);
  }

  @AfterEach
  void stop() {
    pod.close();
  }

  private void register(String file, String name, CompanyCertType.TypeEnum type,
      CompanyCertStatus.TypeEnum status) throws ApiException {
    security.v1CompanycertCreatePost(pod.adminToken, cert(file, name, type, status));
  }

  /** The fingerprints of a CompanyCertInfoList as the BDK returns it (a list of maps: the items have no class). */
  @SuppressWarnings("unchecked")
  private static List<String> fingerprints(List<Object> items) {
    List<String> result = new ArrayList<>();
    for (Object item : items) {
      result.add((String) ((Map<String, Map<String, Object>>) item).get("companyCertInfo").get("fingerPrint"));
    }
    return result;
  }

  private static Map<String, String> section(CompanyCertDetail detail, String name) {
    CertInfoItem item = detail.getCertInfo().stream().filter(i -> i.getName().equals(name)).findFirst()
        .orElseThrow();
    Map<String, String> values = new java.util.LinkedHashMap<>();
    item.getAttributes().forEach(p -> values.put(p.getName(), p.getValue()));
    return values;
  }

  private ValidatableResponse refused(String path, Object body, String message) {
    return pod.admin().body(body).post(path).then().statusCode(400).body("code", equalTo(400))
        .body("message", equalTo(message));
  }

  // ---- registering and reading

  @Test
  void a_registered_certificate_is_read_back_with_what_the_pod_read_from_it() throws Exception {
    register("ca", "Atrium CA", USERSIGNING, TRUSTED);
    SuccessResponse ok = security.v1CompanycertCreatePost(pod.adminToken, cert("bot", "Bot", USER, KNOWN));
    assertThat(ok.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);
    Golden.assertMatches(pod.admin().body(Map.of("pem", CertFixtures.pem("jira"), "attributes", Map.of("name", "Jira",
        "type", Map.of("type", "USER"), "status", Map.of("type", "TRUSTED")))).post("/pod/v1/companycert/create")
        .then().statusCode(200).extract().asString(), "symphony/certs/success-response.json");

    CompanyCertDetail detail = security.v1CompanycertFingerPrintGetGet(BOT, pod.adminToken);
    CompanyCertAttributes attributes = detail.getCompanyCertAttributes();
    assertThat(attributes.getName()).isEqualTo("Bot");
    assertThat(attributes.getType().getType()).isEqualTo(USER);
    assertThat(attributes.getStatus().getType()).isEqualTo(KNOWN);
    CompanyCertInfo info = detail.getCompanyCertInfo();
    assertThat(info.getFingerPrint()).isEqualTo(BOT);
    assertThat(info.getIssuerFingerPrint()).isEqualTo(CA);
    assertThat(info.getCommonName()).isEqualTo("bot.user");
    assertThat(info.getExpiryDate()).isEqualTo(FAR_EXPIRY);
    assertThat(info.getUpdatedBy()).isEqualTo(pod.adminId);
    assertThat(info.getLastSeen()).isZero();
    assertThat(section(detail, "General")).containsEntry("Subject", "C=GB O=Atrium OU=Bots CN=bot.user")
        .containsEntry("Issuer", "C=GB O=Atrium CN=Atrium Test CA");
    assertThat(section(detail, "Validity")).containsEntry("Not After", "Fri Dec 08 00:00:00 UTC 2124");
    Golden.assertMatches(pod.snapshot("/pod/v1/companycert/" + BOT + "/get"), "symphony/certs/detail-bot.json");
  }

  @Test
  void a_self_signed_ec_certificate_has_no_issuer_and_shows_its_curve_size() throws Exception {
    register("agent", "Agent service", OPERATIONSUSER, TRUSTED);
    CompanyCertDetail detail = security.v1CompanycertFingerPrintGetGet(AGENT, pod.adminToken);
    assertThat(detail.getCompanyCertInfo().getIssuerFingerPrint()).isNull();
    assertThat(section(detail, "Public Key")).containsEntry("Algorithm", "EC").containsEntry("Key Size", "256");
    Golden.assertMatches(pod.snapshot("/pod/v1/companycert/" + AGENT + "/get"), "symphony/certs/detail-agent.json");
  }

  @Test
  void v2_create_answers_with_the_details_and_refuses_an_expired_certificate_that_v1_registers()
      throws Exception {
    CompanyCertDetail created = security.v2CompanycertCreatePost(pod.adminToken, cert("ca", "Atrium CA",
        USERSIGNING, TRUSTED));
    assertThat(created.getCompanyCertInfo().getFingerPrint()).isEqualTo(CA);
    Golden.assertMatches(pod.snapshot("/pod/v1/companycert/" + CA + "/get"), "symphony/certs/detail-ca.json");

    assertThatThrownBy(() -> security.v2CompanycertCreatePost(pod.adminToken, cert("expired", "Old", USER, TRUSTED)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          Golden.assertMatches(e.getResponseBody(), "symphony/certs/error-expired.json");
        });
    assertThat(fingerprints(security.v1CompanycertListGet(pod.adminToken, null, null))).containsExactly(CA);

    register("expired", "Old", USER, TRUSTED);
    CompanyCertInfo expired = security.v1CompanycertFingerPrintGetGet(EXPIRED, pod.adminToken).getCompanyCertInfo();
    assertThat(expired.getExpiryDate()).isEqualTo(EXPIRED_AT);
    assertThat(expired.getIssuerFingerPrint()).isEqualTo(CA);
  }

  @Test
  void an_issuer_registered_after_its_certificates_becomes_their_issuer() throws Exception {
    register("bot", "Bot", USER, TRUSTED);
    register("jira", "Jira", USER, TRUSTED);
    register("agent", "Agent", USER, TRUSTED);
    assertThat(security.v1CompanycertFingerPrintGetGet(BOT, pod.adminToken).getCompanyCertInfo()
        .getIssuerFingerPrint()).isNull();

    register("ca", "Atrium CA", USERSIGNING, TRUSTED);

    assertThat(fingerprints(security.v1CompanycertFingerPrintIssuedByGet(CA, pod.adminToken)))
        .containsExactly(BOT, JIRA);
    Golden.assertMatches(pod.snapshot("/pod/v1/companycert/" + CA + "/issuedBy"), "symphony/certs/issued-by.json");
    assertThat(security.v1CompanycertFingerPrintGetGet(JIRA, pod.adminToken).getCompanyCertInfo()
        .getIssuerFingerPrint()).isEqualTo(CA);
    assertThat(security.v1CompanycertFingerPrintIssuedByGet(BOT, pod.adminToken)).isEmpty();
    assertThat(security.v1CompanycertFingerPrintIssuedByGet(AGENT, pod.adminToken)).isEmpty();
  }

  // ---- lists

  @Test
  void the_list_holds_every_certificate_by_name_a_page_at_a_time() throws Exception {
    register("jira", "Jira", USER, TRUSTED);
    register("ca", "Atrium CA", USERSIGNING, TRUSTED);
    register("agent", "Agent", OPERATIONSUSER, KNOWN);
    register("bot", "Bot", USER, REVOKED);

    assertThat(fingerprints(security.v1CompanycertListGet(pod.adminToken, null, null)))
        .containsExactly(AGENT, CA, BOT, JIRA);
    Golden.assertMatches(pod.snapshot("/pod/v1/companycert/list"), "symphony/certs/list.json");
    assertThat(fingerprints(security.v1CompanycertListGet(pod.adminToken, 1, 2))).containsExactly(CA, BOT);
    assertThat(security.v1CompanycertListGet(pod.adminToken, 4, 10)).isEmpty();
  }

  @Test
  void podmanaged_lists_the_operations_certificates() throws Exception {
    register("jira", "Jira", USER, TRUSTED);
    register("ca", "Operations CA", OPERATIONSSIGNING, TRUSTED);
    register("agent", "Agent", OPERATIONSUSER, TRUSTED);

    assertThat(fingerprints(security.v1CompanycertPodmanagedListGet(pod.adminToken, null, null)))
        .containsExactly(AGENT, CA);
    Golden.assertMatches(pod.snapshot("/pod/v1/companycert/podmanaged/list"), "symphony/certs/podmanaged-list.json");
    assertThat(fingerprints(security.v1CompanycertPodmanagedListGet(pod.adminToken, 1, 1))).containsExactly(CA);
  }

  @Test
  void type_list_lists_the_certificates_of_the_types_given() throws Exception {
    register("jira", "Jira", USER, TRUSTED);
    register("ca", "Atrium CA", USERSIGNING, TRUSTED);
    register("agent", "Agent", OPERATIONSUSER, TRUSTED);
    register("bot", "Bot", USER, TRUSTED);

    assertThat(fingerprints(security.v1CompanycertTypeListPost(pod.adminToken,
        List.of(new CompanyCertType().type(USER)), null, null))).containsExactly(BOT, JIRA);
    String got = pod.admin().body(List.of(Map.of("type", "USERSIGNING"), Map.of("type", "OPERATIONSUSER")))
        .post("/pod/v1/companycert/type/list").then().statusCode(200).extract().asString();
    Golden.assertMatches(got, "symphony/certs/type-list.json");
    assertThat(fingerprints(security.v1CompanycertTypeListPost(pod.adminToken,
        List.of(new CompanyCertType().type(USER), new CompanyCertType().type(USERSIGNING)), 1, 2)))
        .containsExactly(BOT, JIRA);
    assertThat(security.v1CompanycertTypeListPost(pod.adminToken, List.of(), null, null)).isEmpty();
    assertThat(security.v1CompanycertTypeListPost(pod.adminToken,
        List.of(new CompanyCertType().type(OPERATIONSSIGNING)), null, null)).isEmpty();
  }

  // ---- changes

  @Test
  void an_update_replaces_the_attributes_given_and_keeps_the_others() throws Exception {
    register("bot", "Bot", USER, TRUSTED);
    long createdAt = security.v1CompanycertFingerPrintGetGet(BOT, pod.adminToken).getCompanyCertInfo().getUpdatedAt();
    AdminFixture.Created other = pod.createUser("certadmin", "INDIVIDUAL", "ADMINISTRATOR");
    String otherToken = pod.signin(other.email(), AdminFixture.PASSWORD);

    SuccessResponse ok = security.v1CompanycertFingerPrintUpdatePost(BOT, otherToken,
        new CompanyCertAttributes().status(new CompanyCertStatus().type(REVOKED)));
    assertThat(ok.getMessage()).isEqualTo("OK");

    CompanyCertDetail after = security.v1CompanycertFingerPrintGetGet(BOT, pod.adminToken);
    assertThat(after.getCompanyCertAttributes().getName()).isEqualTo("Bot");
    assertThat(after.getCompanyCertAttributes().getType().getType()).isEqualTo(USER);
    assertThat(after.getCompanyCertAttributes().getStatus().getType()).isEqualTo(REVOKED);
    assertThat(after.getCompanyCertInfo().getUpdatedBy()).isEqualTo(other.id());
    assertThat(after.getCompanyCertInfo().getUpdatedAt()).isGreaterThanOrEqualTo(createdAt);

    Golden.assertMatches(pod.admin().body(Map.of("name", "Bot v2", "type", Map.of("type", "OPERATIONSUSER")))
        .post("/pod/v1/companycert/" + BOT + "/update").then().statusCode(200).extract().asString(),
        "symphony/certs/success-response.json");
    CompanyCertAttributes renamed = security.v1CompanycertFingerPrintGetGet(BOT, pod.adminToken)
        .getCompanyCertAttributes();
    assertThat(renamed.getName()).isEqualTo("Bot v2");
    assertThat(renamed.getType().getType()).isEqualTo(OPERATIONSUSER);
    assertThat(renamed.getStatus().getType()).isEqualTo(REVOKED);
  }

  @Test
  void a_deleted_certificate_is_gone_and_the_certificates_it_issued_lose_their_issuer() throws Exception {
    register("ca", "Atrium CA", USERSIGNING, TRUSTED);
    register("bot", "Bot", USER, TRUSTED);

    SuccessResponse ok = security.v1CompanycertDeletePost(pod.adminToken, new StringId().id(CA));
    assertThat(ok.getFormat()).isEqualTo(SuccessResponse.FormatEnum.TEXT);

    pod.admin().get("/pod/v1/companycert/" + CA + "/get").then().statusCode(400)
        .body("message", equalTo("Company certificate " + CA + " not found"));
    assertThat(fingerprints(security.v1CompanycertListGet(pod.adminToken, null, null))).containsExactly(BOT);
    assertThat(security.v1CompanycertFingerPrintGetGet(BOT, pod.adminToken).getCompanyCertInfo()
        .getIssuerFingerPrint()).isNull();
    Golden.assertMatches(pod.admin().body(Map.of("id", BOT)).post("/pod/v1/companycert/delete").then().statusCode(200)
        .extract().asString(), "symphony/certs/success-response.json");
    assertThat(security.v1CompanycertListGet(pod.adminToken, null, null)).isEmpty();
  }

  @Test
  void a_fingerprint_is_accepted_in_upper_case_and_with_colons() throws Exception {
    register("bot", "Bot", USER, TRUSTED);
    String upper = BOT.toUpperCase(Locale.ROOT);
    String colons = String.join(":", upper.split("(?<=\\G..)"));
    assertThat(security.v1CompanycertFingerPrintGetGet(upper, pod.adminToken).getCompanyCertInfo().getFingerPrint())
        .isEqualTo(BOT);
    assertThat(security.v1CompanycertFingerPrintGetGet(colons, pod.adminToken).getCompanyCertInfo()
        .getFingerPrint()).isEqualTo(BOT);
    security.v1CompanycertDeletePost(pod.adminToken, new StringId().id(colons));
    assertThat(security.v1CompanycertListGet(pod.adminToken, null, null)).isEmpty();
  }

  // ---- refusals

  @Test
  void a_pem_that_is_not_one_certificate_is_refused_and_registers_nothing() {
    String bot = CertFixtures.pem("bot");
    String body = bot.substring(bot.indexOf('\n') + 1, bot.indexOf("-----END"));
    String path = "/pod/v1/companycert/create";
    String noBlock = "pem must hold an X.509 certificate between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----";

    Golden.assertMatches(refused(path, create("garbage"), noBlock).extract().asString(), "symphony/error-400.json");
    refused(path, create(""), noBlock);
    refused(path, create(body), noBlock);
    refused(path, create(PUBLIC_KEY), noBlock);
    refused(path, create("-----BEGIN CERTIFICATE-----\n%%%% not base64 %%%%\n-----END CERTIFICATE-----"),
        "pem is not valid base64 between its BEGIN and END lines");
    refused(path, create("-----BEGIN CERTIFICATE-----\nAAECAwQFBgcICQ==\n-----END CERTIFICATE-----"),
        "pem does not hold a valid X.509 certificate");
    String truncated = body.replaceAll("\\s", "").substring(0, 400);
    refused(path, create("-----BEGIN CERTIFICATE-----\n" + truncated + "\n-----END CERTIFICATE-----"),
        "pem does not hold a valid X.509 certificate");
    refused(path, create(bot + CertFixtures.pem("jira")), "pem must hold exactly one certificate");
    refused(path, create("x".repeat(65_537)), "pem must be at most 65536 characters long");
    refused("/pod/v2/companycert/create", create("garbage"), noBlock);

    pod.admin().get("/pod/v1/companycert/list").then().statusCode(200).body("size()", equalTo(0));
  }

  @Test
  void a_pem_on_one_line_or_with_text_around_it_is_accepted() throws Exception {
    String bot = CertFixtures.pem("bot");
    pod.admin().body(create(bot.replace("\n", ""))).post("/pod/v1/companycert/create").then().statusCode(200);
    pod.admin().body(create("subject=CN=jira.integration\r\n" + CertFixtures.pem("jira").replace("\n", "\r\n")
        + "trailing words")).post("/pod/v1/companycert/create").then().statusCode(200);
    assertThat(fingerprints(security.v1CompanycertListGet(pod.adminToken, null, null)))
        .containsExactlyInAnyOrder(BOT, JIRA);
  }

  @Test
  void a_missing_field_or_a_wrong_type_is_refused_with_a_message_naming_it() {
    String pem = CertFixtures.pem("bot");
    String path = "/pod/v1/companycert/create";
    Map<String, Object> type = Map.of("type", "USER");
    Map<String, Object> status = Map.of("type", "TRUSTED");

    refused(path, Map.of("attributes", Map.of("name", "n", "type", type, "status", status)), "pem is required");
    refused(path, Map.of("pem", pem), "attributes is required");
    refused(path, Map.of("pem", pem, "attributes", Map.of("type", type, "status", status)),
        "attributes.name is required");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", "n", "status", status)),
        "attributes.type is required");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", "n", "type", type)),
        "attributes.status is required");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", "n", "type", Map.of(), "status", status)),
        "attributes.type.type is required");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", " ", "type", type, "status", status)),
        "name must not be blank");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", "n".repeat(257), "type", type, "status", status)),
        "name must be at most 256 characters long");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", "n", "type", Map.of("type", "ROOT"),
        "status", status)), "attributes.type.type must be one of [USERSIGNING, USER, OPERATIONSSIGNING, OPERATIONSUSER],"
        + " got 'ROOT'");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", "n", "type", type, "status",
        Map.of("type", "EXPIRED"))), "attributes.status.type must be one of [TRUSTED, KNOWN, REVOKED, DISABLED], got"
        + " 'EXPIRED'");
    refused(path, Map.of("pem", 42, "attributes", Map.of("name", "n", "type", type, "status", status)),
        "Field 'pem' has the wrong type; expected a string");
    refused(path, Map.of("pem", pem, "attributes", "USER"), "Field 'attributes' has the wrong type; expected an object");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", "n", "type", "USER", "status", status)),
        "Field 'attributes.type' has the wrong type; expected an object");
    refused(path, Map.of("pem", pem, "attributes", Map.of("name", List.of("n"), "type", type, "status", status)),
        "Field 'attributes.name' has the wrong type; expected a string");
    refused(path, List.of(pem), "The request body has the wrong type; expected an object");
    pod.admin().body("{\"pem\": ").post(path).then().statusCode(400).body("message",
        org.hamcrest.Matchers.startsWith("The request body is not valid JSON"));
    pod.admin().post(path).then().statusCode(400)
        .body("message", equalTo("The request body is empty; a JSON document is required"));

    pod.admin().get("/pod/v1/companycert/list").then().statusCode(200).body("size()", equalTo(0));
  }

  @Test
  void bad_update_delete_and_list_requests_are_refused_and_change_nothing() throws Exception {
    register("bot", "Bot", USER, TRUSTED);
    String before = pod.snapshot("/pod/v1/companycert/" + BOT + "/get");
    String update = "/pod/v1/companycert/" + BOT + "/update";

    refused(update, Map.of("name", ""), "name must not be blank");
    refused(update, Map.of("type", Map.of("type", "NOPE")),
        "type.type must be one of [USERSIGNING, USER, OPERATIONSSIGNING, OPERATIONSUSER], got 'NOPE'");
    refused(update, Map.of("status", Map.of()), "status.type is required");
    refused(update, Map.of("status", "REVOKED"), "Field 'status' has the wrong type; expected an object");
    refused("/pod/v1/companycert/delete", Map.of(), "id is required");
    refused("/pod/v1/companycert/delete", Map.of("id", 7), "Field 'id' has the wrong type; expected a string");
    refused("/pod/v1/companycert/type/list", Map.of("type", "USER"),
        "The request body has the wrong type; expected an array");
    refused("/pod/v1/companycert/type/list", List.of(Map.of("type", "NOPE")),
        "[0].type must be one of [USERSIGNING, USER, OPERATIONSSIGNING, OPERATIONSUSER], got 'NOPE'");
    refused("/pod/v1/companycert/type/list", java.util.Arrays.asList(Map.of("type", "USER"), null), "[1] is required");
    pod.admin().get("/pod/v1/companycert/list?skip=-1").then().statusCode(400)
        .body("message", equalTo("skip must be an integer from 0 to 2147483647, got '-1'"));
    pod.admin().get("/pod/v1/companycert/list?limit=0").then().statusCode(400)
        .body("message", equalTo("limit must be an integer from 1 to 1000, got '0'"));
    pod.admin().get("/pod/v1/companycert/podmanaged/list?limit=many").then().statusCode(400)
        .body("message", equalTo("limit must be an integer from 1 to 1000, got 'many'"));
    pod.admin().body(List.of()).post("/pod/v1/companycert/type/list?skip=x").then().statusCode(400)
        .body("message", equalTo("skip must be an integer from 0 to 2147483647, got 'x'"));

    assertThat(pod.snapshot("/pod/v1/companycert/" + BOT + "/get")).isEqualTo(before);
  }

  @Test
  void a_certificate_registered_twice_is_refused_the_second_time() throws Exception {
    register("bot", "Bot", USER, TRUSTED);
    String before = pod.snapshot("/pod/v1/companycert/" + BOT + "/get");
    assertThatThrownBy(() -> register("bot", "Again", OPERATIONSUSER, KNOWN))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(AdminFixture.json(e.getResponseBody()).getString("message"))
              .isEqualTo("Company certificate " + BOT + " already exists");
        });
    refused("/pod/v2/companycert/create", create(CertFixtures.pem("bot").replace("\n", "\r\n")),
        "Company certificate " + BOT + " already exists");
    assertThat(pod.snapshot("/pod/v1/companycert/" + BOT + "/get")).isEqualTo(before);
  }

  @Test
  void an_unknown_fingerprint_is_a_client_error_on_every_route() throws Exception {
    register("bot", "Bot", USER, TRUSTED);
    String before = pod.snapshot("/pod/v1/companycert/list");
    for (String unknown : List.of(CA, "not-a-fingerprint", "f".repeat(2000))) {
      String message = "Company certificate " + unknown + " not found";
      String got = pod.admin().get("/pod/v1/companycert/" + unknown + "/get").then().statusCode(400)
          .body("message", equalTo(message)).extract().asString();
      Golden.assertMatches(got, "symphony/error-400.json");
      pod.admin().get("/pod/v1/companycert/" + unknown + "/issuedBy").then().statusCode(400)
          .body("message", equalTo(message));
      refused("/pod/v1/companycert/" + unknown + "/update", Map.of("name", "x"), message);
      refused("/pod/v1/companycert/delete", Map.of("id", unknown), message);
    }
    assertThatThrownBy(() -> security.v1CompanycertFingerPrintGetGet(CA, pod.adminToken))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    assertThat(pod.snapshot("/pod/v1/companycert/list")).isEqualTo(before);
  }

  private static Map<String, Object> create(String pem) {
    return Map.of("pem", pem, "attributes", Map.of("name", "Cert", "type", Map.of("type", "USER"),
        "status", Map.of("type", "TRUSTED")));
  }
}
