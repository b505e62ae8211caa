package dev.atrium.server.symphony.admin;

import static dev.atrium.server.symphony.admin.AdminFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import com.symphony.bdk.gen.api.UserApi;
import com.symphony.bdk.gen.api.model.Password;
import com.symphony.bdk.gen.api.model.UserAttributes;
import com.symphony.bdk.gen.api.model.UserCreate;
import com.symphony.bdk.gen.api.model.UserDetail;
import com.symphony.bdk.gen.api.model.UserSystemInfo;
import com.symphony.bdk.gen.api.model.V2UserAttributes;
import com.symphony.bdk.gen.api.model.V2UserCreate;
import com.symphony.bdk.gen.api.model.V2UserDetail;
import com.symphony.bdk.gen.api.model.V2UserKeyRequest;
import com.symphony.bdk.http.api.ApiException;
import dev.atrium.server.Golden;
import io.restassured.http.ContentType;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating, reading, updating, listing and finding users through the admin API, v1 and v2. */
class AdminUserAccountsTest {
  static AdminFixture pod;
  static UserApi api;

  @BeforeAll
  static void start() {
    pod = new AdminFixture();
    api = new UserApi(pod.pod);
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  /** hPassword as a Symphony admin client computes it: PBKDF2-HMAC-SHA256, 10,000 rounds, 256 bits. */
  static Password pbkdf2Block(String password) throws Exception {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] kmSalt = new byte[16];
    new SecureRandom().nextBytes(kmSalt);
    return new Password()
        .hSalt(Base64.getEncoder().encodeToString(salt)).hPassword(derive(password, salt))
        .khSalt(Base64.getEncoder().encodeToString(kmSalt)).khPassword(derive(password, kmSalt));
  }

  private static String derive(String password, byte[] salt) throws Exception {
    byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 10_000, 256)).getEncoded();
    return Base64.getEncoder().encodeToString(hash);
  }

  static String publicKeyPem() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    byte[] der = generator.generateKeyPair().getPublic().getEncoded();
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static Map<String, Object> fullAttributes(String username) {
    Map<String, Object> a = new HashMap<>();
    a.put("userName", username);
    a.put("emailAddress", username + "@example.test");
    a.put("firstName", "Jane");
    a.put("lastName", "Doe");
    a.put("displayName", "Jane Doe");
    a.put("department", "Trading");
    a.put("division", "Markets");
    a.put("title", "Trader");
    a.put("workPhoneNumber", "+33 1 00 00 00 01");
    a.put("mobilePhoneNumber", "+33 6 00 00 00 01");
    a.put("smsNumber", "+33 6 00 00 00 02");
    a.put("accountType", "NORMAL");
    a.put("location", "Paris");
    a.put("jobFunction", "Sales");
    a.put("assetClasses", List.of("Equities"));
    a.put("industries", List.of("Finance"));
    return a;
  }

  private long userCount() {
    return pod.admin().get("/pod/v1/admin/user/list").then().statusCode(200).extract().jsonPath()
        .getList("$").size();
  }

  private void refused(String method, String path, Object body, String message) {
    var response = method.equals("GET") ? pod.admin().get(path) : pod.admin().body(body).post(path);
    response.then().statusCode(400).contentType(ContentType.JSON)
        .body("code", equalTo(400)).body("message", equalTo(message));
  }

  // ---- create

  @Test
  void a_v1_user_created_with_a_pbkdf2_password_signs_in_with_the_plain_password() throws Exception {
    UserDetail created = api.v1AdminUserCreatePost(pod.adminToken, new UserCreate()
        .userAttributes(new UserAttributes().userName("pbkdf2.user").emailAddress("pbkdf2.user@example.test")
            .firstName("Pat").lastName("Kdf").accountType(UserAttributes.AccountTypeEnum.NORMAL))
        .password(pbkdf2Block("correct horse battery"))
        .roles(List.of("INDIVIDUAL")));

    assertThat(created.getUserAttributes().getUserName()).isEqualTo("pbkdf2.user");
    assertThat(created.getUserSystemInfo().getStatus()).isEqualTo(UserSystemInfo.StatusEnum.ENABLED);
    assertThat(created.getUserSystemInfo().getCreatedBy()).isEqualTo("admin");
    assertThat(created.getRoles()).containsExactly("INDIVIDUAL");
    long uid = created.getUserSystemInfo().getId();
    assertThat(uid >> 36).isEqualTo(103);

    String token = pod.signin("pbkdf2.user@example.test", "correct horse battery");
    pod.as(token).get("/pod/v1/sessioninfo").then().statusCode(200).body("userId", equalTo(uid));
    pod.anonymous().body(Map.of("email", "pbkdf2.user@example.test", "password", "wrong horse battery"))
        .post("/api/v1/auth/signin").then().statusCode(401);
    // the first login replaces the client-made hash with the server's own; the password still works after
    pod.signin("pbkdf2.user@example.test", "correct horse battery");
    assertThat(api.v1AdminUserUidGet(pod.adminToken, uid).getUserSystemInfo().getLastLoginDate())
        .isGreaterThanOrEqualTo(created.getUserSystemInfo().getCreatedDate());
  }

  @Test
  void a_v1_user_detail_has_the_contract_shape() {
    Map<String, Object> attrs = fullAttributes("golden.v1");
    long uid = pod.admin().body(Map.of("userAttributes", attrs, "roles", List.of("INDIVIDUAL", "L1_SUPPORT")))
        .post("/pod/v1/admin/user/create").then().statusCode(200).extract().jsonPath()
        .getLong("userSystemInfo.id");

    String got = pod.admin().get("/pod/v1/admin/user/" + uid).then().statusCode(200)
        .contentType(ContentType.JSON).extract().asString();
    Golden.assertMatches(got, "symphony/admin/user-detail.json");
  }

  @Test
  void a_v2_user_created_with_a_plain_password_and_a_current_key_shows_the_key() throws Exception {
    String pem = publicKeyPem();
    Map<String, Object> attrs = fullAttributes("golden.v2");
    attrs.put("companyName", "Acme");
    attrs.put("twoFactorAuthPhone", "+33 6 00 00 00 03");
    attrs.put("recommendedLanguage", "fr-FR");
    attrs.put("marketCoverage", List.of("EMEA"));
    attrs.put("responsibility", List.of("BAU"));
    attrs.put("function", List.of("Trading"));
    attrs.put("instrument", List.of("Bonds"));
    attrs.put("currentKey", Map.of("key", pem, "action", "SAVE"));

    String got = pod.admin().body(Map.of("userAttributes", attrs, "password", "plain-password-1",
            "roles", List.of("INDIVIDUAL")))
        .post("/pod/v2/admin/user/create").then().statusCode(200).contentType(ContentType.JSON)
        .extract().asString();
    Golden.assertMatches(got, "symphony/admin/v2-user-detail.json");
    assertThat(AdminFixture.json(got).getString("userAttributes.currentKey.key")).isEqualTo(pem);

    long uid = AdminFixture.json(got).getLong("userSystemInfo.id");
    Golden.assertMatches(pod.admin().get("/pod/v2/admin/user/" + uid).then().statusCode(200).extract().asString(),
        "symphony/admin/v2-user-detail.json");
    pod.signin("golden.v2@example.test", "plain-password-1");
  }

  @Test
  void a_v2_user_created_by_the_bdk_with_a_pbkdf2_block_signs_in() throws Exception {
    V2UserDetail created = api.v2AdminUserCreatePost(pod.adminToken, new V2UserCreate()
        .userAttributes(new V2UserAttributes().userName("bdk.v2").emailAddress("bdk.v2@example.test")
            .companyName("Acme").recommendedLanguage("en-US"))
        .password(pbkdf2Block("bdk-v2-password")));

    assertThat(created.getUserAttributes().getCompanyName()).isEqualTo("Acme");
    assertThat(created.getUserAttributes().getRecommendedLanguage()).isEqualTo("en-US");
    assertThat(created.getRoles()).containsExactly("INDIVIDUAL");
    pod.signin("bdk.v2@example.test", "bdk-v2-password");
  }

  @Test
  void a_system_account_is_created_with_a_key_and_no_password() throws Exception {
    String pem = publicKeyPem();
    V2UserDetail created = api.v2AdminUserCreatePost(pod.adminToken, new V2UserCreate()
        .userAttributes(new V2UserAttributes().userName("service.bot").displayName("Service Bot")
            .accountType(V2UserAttributes.AccountTypeEnum.SYSTEM)
            .currentKey(new V2UserKeyRequest().key(pem).action("SAVE"))));

    assertThat(created.getUserAttributes().getAccountType()).isEqualTo(V2UserAttributes.AccountTypeEnum.SYSTEM);
    assertThat(created.getUserAttributes().getCurrentKey().getKey()).isEqualTo(pem);
  }

  // ---- read

  @Test
  void v1_and_v2_get_show_the_same_user() throws Exception {
    AdminFixture.Created user = pod.createUser("reader");
    UserDetail v1 = api.v1AdminUserUidGet(pod.adminToken, user.id());
    V2UserDetail v2 = api.v2AdminUserUidGet(pod.adminToken, user.id());

    assertThat(v1.getUserAttributes().getUserName()).isEqualTo(user.username());
    assertThat(v2.getUserAttributes().getUserName()).isEqualTo(user.username());
    assertThat(v1.getUserAttributes().getEmailAddress()).isEqualTo(user.email());
    assertThat(v2.getUserAttributes().getEmailAddress()).isEqualTo(user.email());
    assertThat(v1.getUserSystemInfo()).isEqualTo(v2.getUserSystemInfo());
    assertThat(v1.getRoles()).isEqualTo(v2.getRoles());
  }

  @Test
  void the_user_list_holds_every_user_id_in_order() throws Exception {
    AdminFixture.Created a = pod.createUser("listed");
    AdminFixture.Created b = pod.createUser("listed");

    List<Long> ids = api.v1AdminUserListGet(pod.adminToken);
    assertThat(ids).contains(pod.adminId, a.id(), b.id()).isSorted().doesNotHaveDuplicates();
  }

  // ---- update

  @Test
  void a_v1_update_changes_only_the_fields_given() {
    long uid = pod.admin().body(Map.of("userAttributes", fullAttributes("partial.v1")))
        .post("/pod/v1/admin/user/create").then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    var before = AdminFixture.json(pod.snapshot("/pod/v1/admin/user/" + uid));

    var after = pod.admin().body(Map.of("title", "Head of Desk", "industries", List.of("Energy")))
        .post("/pod/v1/admin/user/" + uid + "/update").then().statusCode(200).extract().jsonPath();

    Map<String, Object> expected = new HashMap<>(before.getMap("userAttributes"));
    expected.put("title", "Head of Desk");
    expected.put("industries", List.of("Energy"));
    assertThat(after.getMap("userAttributes")).isEqualTo(expected);
    assertThat(AdminFixture.json(pod.snapshot("/pod/v1/admin/user/" + uid)).getMap("userAttributes"))
        .isEqualTo(expected);
  }

  @Test
  void a_bdk_v1_update_changes_only_the_fields_it_sets() throws Exception {
    long uid = pod.admin().body(Map.of("userAttributes", fullAttributes("bdk.partial.v1")))
        .post("/pod/v1/admin/user/create").then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    UserDetail before = api.v1AdminUserUidGet(pod.adminToken, uid);

    UserDetail after = api.v1AdminUserUidUpdatePost(pod.adminToken, uid, new UserAttributes().department("Sales"));

    UserAttributes expected = before.getUserAttributes().department("Sales");
    assertThat(after.getUserAttributes()).isEqualTo(expected);
    assertThat(api.v1AdminUserUidGet(pod.adminToken, uid).getUserAttributes()).isEqualTo(expected);
  }

  @Test
  void a_v2_update_changes_only_the_fields_given_and_saves_a_key() throws Exception {
    AdminFixture.Created user = pod.createUser("partial.v2");
    V2UserDetail before = api.v2AdminUserUidGet(pod.adminToken, user.id());
    String pem = publicKeyPem();

    V2UserDetail after = api.v2AdminUserUidUpdatePost(pod.adminToken, user.id(), new V2UserAttributes()
        .location("Singapore").currentKey(new V2UserKeyRequest().key(pem).action("SAVE")));

    assertThat(after.getUserAttributes().getLocation()).isEqualTo("Singapore");
    assertThat(after.getUserAttributes().getCurrentKey().getKey()).isEqualTo(pem);
    assertThat(after.getUserAttributes().getFirstName()).isEqualTo(before.getUserAttributes().getFirstName());
    assertThat(after.getUserAttributes().getUserName()).isEqualTo(user.username());
    assertThat(after.getUserAttributes().getEmailAddress()).isEqualTo(user.email());
    assertThat(api.v2AdminUserUidGet(pod.adminToken, user.id())).isEqualTo(after);

    String next = publicKeyPem();
    V2UserDetail rotated = api.v2AdminUserUidUpdatePost(pod.adminToken, user.id(), new V2UserAttributes()
        .currentKey(new V2UserKeyRequest().key(next).action("SAVE")));
    assertThat(rotated.getUserAttributes().getCurrentKey().getKey()).isEqualTo(next);
    assertThat(rotated.getUserAttributes().getPreviousKey().getKey()).isEqualTo(pem);
    assertThat(rotated.getUserAttributes().getPreviousKey().getExpirationDate()).isNotNull();
    assertThat(rotated.getUserAttributes().getLocation()).isEqualTo("Singapore");
  }

  @Test
  void an_updated_password_less_user_keeps_signing_in() {
    AdminFixture.Created user = pod.createUser("rename");
    pod.admin().body(Map.of("emailAddress", "renamed." + user.email()))
        .post("/pod/v1/admin/user/" + user.id() + "/update").then().statusCode(200)
        .body("userAttributes.emailAddress", equalTo("renamed." + user.email()));
    pod.signin("renamed." + user.email(), PASSWORD);
  }

  // ---- find

  @Test
  void find_filters_on_each_field() {
    String tag = AdminFixture.unique("find");
    long a = pod.admin().body(Map.of("userAttributes", Map.of("userName", tag + ".a", "emailAddress",
            tag + ".a@example.test", "firstName", "Findable" + tag.replace(".", ""), "department", "Dept" + tag,
            "title", "Title" + tag, "location", "Loc" + tag), "roles", List.of("INDIVIDUAL", "L2_SUPPORT")))
        .post("/pod/v1/admin/user/create").then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    long b = pod.admin().body(Map.of("userAttributes", Map.of("userName", tag + ".b", "emailAddress",
            tag + ".b@example.test", "department", "Dept" + tag, "accountType", "SYSTEM")))
        .post("/pod/v1/admin/user/create").then().statusCode(200).extract().jsonPath().getLong("userSystemInfo.id");
    pod.admin().body(Map.of("status", "DISABLED")).post("/pod/v1/admin/user/" + b + "/status/update")
        .then().statusCode(200);

    assertThat(find(Map.of("email", tag.toUpperCase() + ".A@example.test"))).containsExactly(a);
    assertThat(find(Map.of("name", tag + "."))).containsExactly(a, b);
    assertThat(find(Map.of("name", "findable" + tag.replace(".", "")))).containsExactly(a);
    assertThat(find(Map.of("department", "dept" + tag))).containsExactly(a, b);
    assertThat(find(Map.of("title", "Title" + tag))).containsExactly(a);
    assertThat(find(Map.of("location", "Loc" + tag))).containsExactly(a);
    assertThat(find(Map.of("department", "Dept" + tag, "role", "L2_SUPPORT"))).containsExactly(a);
    assertThat(find(Map.of("department", "Dept" + tag, "status", "DISABLED"))).containsExactly(b);
    assertThat(find(Map.of("department", "Dept" + tag, "status", "ENABLED"))).containsExactly(a);
    assertThat(find(Map.of("department", "Dept" + tag, "usertype", "SYSTEM"))).containsExactly(b);
    assertThat(find(Map.of("department", "Dept" + tag, "usertype", "NORMAL"))).containsExactly(a);
    assertThat(find(Map.of("department", "Dept" + tag, "usertype", "TW"))).isEmpty();
    assertThat(find(Map.of())).contains(pod.adminId, a, b);
  }

  private List<Long> find(Map<String, String> filter) {
    return pod.admin().body(filter).post("/pod/v1/admin/user/find").then().statusCode(200).extract().jsonPath()
        .getList("userSystemInfo.id", Long.class);
  }

  @Test
  void a_found_user_list_has_the_contract_shape() {
    pod.admin().body(Map.of("userAttributes", fullAttributes("golden.find"), "roles", List.of("INDIVIDUAL")))
        .post("/pod/v1/admin/user/create").then().statusCode(200);
    String got = pod.admin().body(Map.of("email", "golden.find@example.test")).post("/pod/v1/admin/user/find")
        .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
    Golden.assertMatches(got, "symphony/admin/user-info-list.json");
  }

  @Test
  void find_refuses_an_unknown_status_or_user_type() {
    refused("POST", "/pod/v1/admin/user/find", Map.of("status", "ASLEEP"),
        "status must be one of [ENABLED, DISABLED], got 'ASLEEP'");
    refused("POST", "/pod/v1/admin/user/find", Map.of("usertype", "ROBOT"),
        "usertype must be NORMAL, SYSTEM or TW, got 'ROBOT'");
    refused("POST", "/pod/v1/admin/user/find", Map.of("name", 5), "Field 'name' has the wrong type; expected a string");
  }

  // ---- refusals of create

  @Test
  void malformed_json_creates_nothing() {
    long before = userCount();
    pod.admin().body("{\"userAttributes\": {\"userName\": \"broken\"").post("/pod/v1/admin/user/create")
        .then().statusCode(400).body("code", equalTo(400))
        .body("message", org.hamcrest.Matchers.startsWith("The request body is not valid JSON: "));
    pod.admin().body("").post("/pod/v2/admin/user/create").then().statusCode(400)
        .body("message", equalTo("The request body is empty; a JSON document is required"));
    pod.admin().body("[1, 2]").post("/pod/v1/admin/user/create").then().statusCode(400)
        .body("message", equalTo("The request body has the wrong type; expected an object"));
    assertThat(userCount()).isEqualTo(before);
  }

  @Test
  void a_wrong_type_is_refused_naming_the_field() {
    long before = userCount();
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", 5)),
        "Field 'userAttributes.userName' has the wrong type; expected a string");
    refused("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("userName", "typed",
        "assetClasses", "Equities")), "Field 'userAttributes.assetClasses' has the wrong type; expected an array");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "typed"),
        "roles", "INDIVIDUAL"), "Field 'roles' has the wrong type; expected an array");
    assertThat(userCount()).isEqualTo(before);
  }

  @Test
  void missing_required_fields_are_refused() {
    long before = userCount();
    refused("POST", "/pod/v1/admin/user/create", Map.of("roles", List.of("INDIVIDUAL")),
        "userAttributes is required");
    refused("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("emailAddress", "x@example.test")),
        "userAttributes.userName is required");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "  ")),
        "A username is required");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "nohash"),
        "password", Map.of("hSalt", "c2FsdA==")), "password.hSalt and password.hPassword are required strings");
    assertThat(userCount()).isEqualTo(before);
  }

  @Test
  void bad_values_are_refused_and_create_nothing() throws Exception {
    long before = userCount();
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "u".repeat(129))),
        "The username must be at most 128 characters long");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "long.title",
        "title", "t".repeat(257))), "Profile fields must be at most 256 characters long");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "bad.email",
        "emailAddress", "not-an-email")), "The email address is not valid: not-an-email");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "bad.type",
        "accountType", "ROBOT")), "accountType must be NORMAL or SYSTEM, got 'ROBOT'");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "bad.role"),
        "roles", List.of("EMPEROR")), "Unknown role: EMPEROR");
    refused("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("userName", "short.pw"),
        "password", "short"), "Password must be at least 8 characters long");
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName", "bad.salt"),
        "password", Map.of("hSalt", "***", "hPassword", "***")),
        "The salt and the hash of a pre-hashed password must be base64");
    refused("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("userName", "bad.key",
        "currentKey", Map.of("key", "not a key", "action", "SAVE"))), "The key is not an RSA public key in PEM format");
    refused("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("userName", "bad.action",
        "currentKey", Map.of("key", publicKeyPem(), "action", "STEAL"))),
        "currentKey.action must be one of [SAVE, REVOKE, EXTEND], got 'STEAL'");
    refused("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("userName", "sys.pw",
        "accountType", "SYSTEM"), "password", "system-password"),
        "A SYSTEM account logs in with an RSA key and cannot have a password");
    assertThat(userCount()).isEqualTo(before);
    assertThat(find(Map.of("name", "bad."))).isEmpty();
  }

  @Test
  void a_duplicate_username_or_email_is_refused_ignoring_case() {
    AdminFixture.Created taken = pod.createUser("taken");
    long before = userCount();
    refused("POST", "/pod/v1/admin/user/create", Map.of("userAttributes", Map.of("userName",
        taken.username().toUpperCase())), "Username " + taken.username().toUpperCase() + " is already taken");
    refused("POST", "/pod/v2/admin/user/create", Map.of("userAttributes", Map.of("userName", "fresh.name",
        "emailAddress", taken.email().toUpperCase())),
        "Email address " + taken.email().toUpperCase() + " is already taken");
    assertThat(userCount()).isEqualTo(before);
  }

  // ---- refusals of get and update

  @Test
  void a_non_numeric_or_unknown_uid_is_refused() {
    for (String path : List.of("/pod/v1/admin/user/%s", "/pod/v2/admin/user/%s")) {
      refused("GET", path.formatted("abc"), "", "uid must be a user id (a positive decimal integer), got 'abc'");
      refused("GET", path.formatted("-4"), "", "uid must be a user id (a positive decimal integer), got '-4'");
      refused("GET", path.formatted("99999999999999"), "", "User 99999999999999 not found");
    }
    for (String path : List.of("/pod/v1/admin/user/%s/update", "/pod/v2/admin/user/%s/update")) {
      refused("POST", path.formatted("12x"), Map.of("title", "x"),
          "uid must be a user id (a positive decimal integer), got '12x'");
      refused("POST", path.formatted("99999999999999"), Map.of("title", "x"), "User 99999999999999 not found");
    }
  }

  @Test
  void a_refused_update_changes_nothing() throws Exception {
    AdminFixture.Created user = pod.createUser("steady");
    AdminFixture.Created other = pod.createUser("other");
    String path = "/pod/v2/admin/user/" + user.id();
    String before = pod.snapshot(path);

    pod.admin().body("{\"title\": ").post(path + "/update").then().statusCode(400).body("code", equalTo(400))
        .body("message", org.hamcrest.Matchers.startsWith("The request body is not valid JSON: "));
    refused("POST", path + "/update", Map.of("userName", 5), "Field 'userName' has the wrong type; expected a string");
    refused("POST", path + "/update", Map.of("userName", "n".repeat(129)),
        "The username must be at most 128 characters long");
    refused("POST", path + "/update", Map.of("title", "Boss", "department", "d".repeat(257)),
        "Profile fields must be at most 256 characters long");
    refused("POST", path + "/update", Map.of("title", "Boss", "userName", other.username()),
        "Username " + other.username() + " is already taken");
    refused("POST", path + "/update", Map.of("title", "Boss", "emailAddress", other.email().toUpperCase()),
        "Email address " + other.email().toUpperCase() + " is already taken");
    refused("POST", path + "/update", Map.of("title", "Boss", "accountType", "ROBOT"),
        "accountType must be NORMAL or SYSTEM, got 'ROBOT'");
    refused("POST", path + "/update", Map.of("title", "Boss", "currentKey", Map.of("key", "nope")),
        "The key is not an RSA public key in PEM format");
    refused("POST", "/pod/v1/admin/user/" + user.id() + "/update", Map.of("title", "Boss", "emailAddress", "@"),
        "The email address is not valid: @");
    // a good key next to a bad field: the key must not be saved either
    refused("POST", path + "/update", Map.of("currentKey", Map.of("key", publicKeyPem(), "action", "SAVE"),
        "userName", other.username()), "Username " + other.username() + " is already taken");

    assertThat(pod.snapshot(path)).isEqualTo(before);
  }

  @Test
  void the_bdk_sees_a_refusal_as_a_client_error_with_the_message() {
    assertThatThrownBy(() -> api.v1AdminUserUidGet(pod.adminToken, 99999999999L))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(400);
          assertThat(e.getResponseBody()).isEqualTo("{\"code\":400,\"message\":\"User 99999999999 not found\"}");
        });
  }
}
