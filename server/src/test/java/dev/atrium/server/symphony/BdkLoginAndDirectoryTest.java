package dev.atrium.server.symphony;

import static dev.atrium.server.symphony.SymphonyPod.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.symphony.bdk.core.SymphonyBdk;
import com.symphony.bdk.core.auth.exception.AuthUnauthorizedException;
import com.symphony.bdk.core.client.ApiClientFactory;
import com.symphony.bdk.core.config.model.BdkConfig;
import com.symphony.bdk.gen.api.SessionApi;
import com.symphony.bdk.gen.api.UsersApi;
import com.symphony.bdk.gen.api.model.User;
import com.symphony.bdk.gen.api.model.UserSearchFilter;
import com.symphony.bdk.gen.api.model.UserSearchQuery;
import com.symphony.bdk.gen.api.model.UserSearchResults;
import com.symphony.bdk.gen.api.model.UserV2;
import com.symphony.bdk.http.api.ApiException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symphony's own BDK for Java (2.12.0) against the real server: its RSA login ({@code /login} and
 * {@code /relay}), {@code /pod/v2/sessioninfo} at start-up, and the directory through its services and
 * generated clients.
 */
class BdkLoginAndDirectoryTest {
  static SymphonyPod pod;
  static SymphonyPod.KeyUser bot;
  static SymphonyBdk bdk;
  static UsersApi usersApi;
  static String token;
  static long janeId;
  static String jane;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    pod = SymphonyPod.start();
    bot = pod.createServiceUser(unique("bdk.bot"));
    jane = unique("jane.bdk");
    janeId = pod.createUser(Map.ofEntries(Map.entry("userName", jane),
        Map.entry("emailAddress", jane + "@example.com"), Map.entry("firstName", "Jane"),
        Map.entry("lastName", "Quillfeather"), Map.entry("displayName", "Jane Quillfeather"),
        Map.entry("title", "Sales Manager"), Map.entry("companyName", "Atrium Test Co"),
        Map.entry("location", "San Francisco"), Map.entry("department", "Sales"), Map.entry("division", "EMEA"),
        Map.entry("jobFunction", "Trader"), Map.entry("workPhoneNumber", "+1 555 0100"),
        Map.entry("mobilePhoneNumber", "+1 555 0101"), Map.entry("accountType", "NORMAL")));
    BdkConfig config = config(bot.username(), SymphonyPod.writePrivateKey(bot.keys(), dir));
    bdk = new SymphonyBdk(config);
    usersApi = new UsersApi(new ApiClientFactory(config).getPodClient());
    token = bdk.botSession().getSessionToken();
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static BdkConfig config(String username, Path privateKey) {
    BdkConfig config = new BdkConfig();
    config.setScheme("http");
    config.setHost("127.0.0.1");
    config.setPort(pod.port());
    config.getBot().setUsername(username);
    config.getBot().getPrivateKey().setPath(privateKey.toString());
    config.getRetry().setMaxAttempts(1);
    return config;
  }

  // ---- login

  @Test
  void the_bdk_logs_in_with_its_rsa_key_and_knows_who_it_is() {
    UserV2 info = bdk.botInfo();

    assertThat(info.getId()).isEqualTo(bot.id());
    assertThat(info.getUsername()).isEqualTo(bot.username());
    assertThat(info.getDisplayName()).isEqualTo("Bot " + bot.username());
    assertThat(info.getEmailAddress()).isEqualTo(bot.username() + "@bots.atrium.test");
    assertThat(info.getAccountType()).isEqualTo(UserV2.AccountTypeEnum.SYSTEM);
    assertThat(info.getRoles()).containsExactly("INDIVIDUAL");
  }

  @Test
  void the_bdk_holds_a_session_token_and_a_distinct_key_manager_token() {
    assertThat(bdk.botSession().getSessionToken()).isNotBlank();
    assertThat(bdk.botSession().getKeyManagerToken()).isNotBlank()
        .isNotEqualTo(bdk.botSession().getSessionToken());
  }

  @Test
  void the_bot_id_follows_symphonys_layout_with_the_pod_id_in_the_high_bits() {
    assertThat(bot.id() >>> 36).isEqualTo(103);
  }

  @Test
  void a_bdk_whose_key_is_not_on_the_pod_cannot_start(@TempDir Path dir) {
    Path otherKey = SymphonyPod.writePrivateKey(SymphonyPod.newKeyPair(), dir);

    assertThatThrownBy(() -> new SymphonyBdk(config(bot.username(), otherKey)))
        .isInstanceOf(AuthUnauthorizedException.class);
  }

  @Test
  void a_bdk_for_an_unknown_username_cannot_start(@TempDir Path dir) {
    Path key = SymphonyPod.writePrivateKey(bot.keys(), dir);

    assertThatThrownBy(() -> new SymphonyBdk(config("nobody-" + bot.username(), key)))
        .isInstanceOf(AuthUnauthorizedException.class);
  }

  @Test
  void a_refreshed_bot_session_gets_a_new_token_that_works() throws Exception {
    SymphonyBdk other = new SymphonyBdk(bdk.config());
    String before = other.botSession().getSessionToken();

    other.botSession().refresh();

    assertThat(other.botSession().getSessionToken()).isNotEqualTo(before);
    assertThat(new SessionApi(new ApiClientFactory(bdk.config()).getPodClient())
        .v1SessioninfoGet(other.botSession().getSessionToken()).getUserId()).isEqualTo(bot.id());
  }

  @Test
  void a_bdk_whose_session_was_ended_logs_in_again_and_retries() throws Exception {
    BdkConfig config = config(bot.username(), Path.of(bdk.config().getBot().getPrivateKey().getPath()));
    config.getRetry().setMaxAttempts(2);
    config.getRetry().setInitialIntervalMillis(10L);
    SymphonyBdk other = new SymphonyBdk(config);
    String ended = other.botSession().getSessionToken();
    pod.as(ended).post("/sessionauth/v1/logout").then().statusCode(200);

    // The first call gets 401; the BDK re-authenticates on /login and /relay and calls again.
    UserV2 session = other.sessions().getSession();

    assertThat(session.getId()).isEqualTo(bot.id());
    assertThat(other.botSession().getSessionToken()).isNotEqualTo(ended);
  }

  // ---- session info

  @Test
  void the_session_service_reads_v2_sessioninfo() {
    UserV2 session = bdk.sessions().getSession();

    assertThat(session.getId()).isEqualTo(bot.id());
    assertThat(session.getUsername()).isEqualTo(bot.username());
  }

  @Test
  void v1_sessioninfo_gives_the_bot_user_id() throws ApiException {
    SessionApi sessions = new SessionApi(new ApiClientFactory(bdk.config()).getPodClient());

    assertThat(sessions.v1SessioninfoGet(token).getUserId()).isEqualTo(bot.id());
  }

  @Test
  void a_bad_session_token_is_a_401_for_the_generated_client() {
    SessionApi sessions = new SessionApi(new ApiClientFactory(bdk.config()).getPodClient());

    assertThatThrownBy(() -> sessions.v1SessioninfoGet("not-a-session"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(401);
          assertThat(e.getResponseBody()).isEqualTo("{\"code\":401,\"message\":\"Invalid session\"}");
        });
  }

  // ---- lookups

  @Test
  void v1_user_by_email_gives_id_and_email() throws ApiException {
    User user = usersApi.v1UserGet(jane + "@example.com", token, true);

    assertThat(user.getId()).isEqualTo(janeId);
    assertThat(user.getEmailAddress()).isEqualTo(jane + "@example.com");
  }

  @Test
  void v1_user_by_email_ignores_the_case_of_the_address() throws ApiException {
    assertThat(usersApi.v1UserGet(jane.toUpperCase() + "@EXAMPLE.COM", token, false).getId()).isEqualTo(janeId);
  }

  @Test
  void v1_user_by_an_unknown_email_is_null_for_the_bdk() throws ApiException {
    assertThat(usersApi.v1UserGet("nobody-" + jane + "@example.com", token, true)).isNull();
  }

  @Test
  void v2_user_by_uid_gives_the_whole_profile() throws ApiException {
    UserV2 user = usersApi.v2UserGet(token, janeId, null, null, null);

    assertThat(user.getId()).isEqualTo(janeId);
    assertThat(user.getEmailAddress()).isEqualTo(jane + "@example.com");
    assertThat(user.getUsername()).isEqualTo(jane);
    assertThat(user.getFirstName()).isEqualTo("Jane");
    assertThat(user.getLastName()).isEqualTo("Quillfeather");
    assertThat(user.getDisplayName()).isEqualTo("Jane Quillfeather");
    assertThat(user.getTitle()).isEqualTo("Sales Manager");
    assertThat(user.getCompany()).isEqualTo("Atrium Test Co");
    assertThat(user.getLocation()).isEqualTo("San Francisco");
    assertThat(user.getDepartment()).isEqualTo("Sales");
    assertThat(user.getDivision()).isEqualTo("EMEA");
    assertThat(user.getJobFunction()).isEqualTo("Trader");
    assertThat(user.getWorkPhoneNumber()).isEqualTo("+1 555 0100");
    assertThat(user.getMobilePhoneNumber()).isEqualTo("+1 555 0101");
    assertThat(user.getAccountType()).isEqualTo(UserV2.AccountTypeEnum.NORMAL);
  }

  @Test
  void v2_user_by_email_and_by_username_find_the_same_user() throws ApiException {
    assertThat(usersApi.v2UserGet(token, null, jane + "@example.com", null, true).getId()).isEqualTo(janeId);
    assertThat(usersApi.v2UserGet(token, null, null, jane, true).getId()).isEqualTo(janeId);
  }

  @Test
  void v2_user_by_username_without_local_is_a_client_error() {
    assertThatThrownBy(() -> usersApi.v2UserGet(token, null, null, jane, false))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(400));
  }

  @Test
  void v2_user_by_an_unknown_uid_is_null_for_the_bdk() throws ApiException {
    assertThat(usersApi.v2UserGet(token, (103L << 36) + 999_999L, null, null, null)).isNull();
  }

  @Test
  void v1_user_by_name_gives_id_and_email() throws ApiException {
    User user = usersApi.v1UserNameUserNameGetGet(jane, token);

    assertThat(user.getId()).isEqualTo(janeId);
    assertThat(user.getEmailAddress()).isEqualTo(jane + "@example.com");
    assertThat(usersApi.v1UserNameUserNameGetGet("nobody-" + jane, token)).isNull();
  }

  // ---- search

  @Test
  void the_user_service_searches_by_name() {
    List<UserV2> found = bdk.users().searchUsers(new UserSearchQuery().query("quillfeather"), true);

    assertThat(found).extracting(UserV2::getId).containsExactly(janeId);
  }

  @Test
  void the_user_service_searches_with_filters() throws ApiException {
    UserSearchQuery matching = new UserSearchQuery().query("jane")
        .filters(new UserSearchFilter().title("sales manager").company("Atrium Test Co").location("San Francisco"));
    UserSearchQuery elsewhere = new UserSearchQuery().query("jane")
        .filters(new UserSearchFilter().location("Paris"));

    assertThat(bdk.users().searchUsers(matching, true)).extracting(UserV2::getId).containsExactly(janeId);
    assertThat(bdk.users().searchUsers(elsewhere, true)).isEmpty();
  }

  /**
   * Regression: a search that matched nobody answered 204 (a response the spec lists), which the generated
   * client reads as null and the BDK's UserService.searchUsers then dereferences: every bot crashed on it.
   */
  @Test
  void a_search_that_matches_nobody_is_an_empty_list_for_the_bdk() throws ApiException {
    assertThat(bdk.users().searchUsers(new UserSearchQuery().query("zzyzx-nobody"), false)).isEmpty();
    assertThat(usersApi.v1UserSearchPost(token, new UserSearchQuery().query("zzyzx-nobody"), null, null, false)
        .getCount()).isZero();
  }

  @Test
  void the_generated_search_client_reads_count_skip_limit_and_the_echoed_query() throws ApiException {
    UserSearchResults results = usersApi.v1UserSearchPost(token, new UserSearchQuery().query("jane quill"), 0, 10,
        true);

    assertThat(results.getCount()).isEqualTo(1);
    assertThat(results.getSkip()).isZero();
    assertThat(results.getLimit()).isEqualTo(10);
    assertThat(results.getSearchQuery().getQuery()).isEqualTo("jane quill");
    assertThat(results.getUsers()).extracting(UserV2::getUsername).containsExactly(jane);
  }
}
