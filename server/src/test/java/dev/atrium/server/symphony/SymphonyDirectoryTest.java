package dev.atrium.server.symphony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.server.Golden;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session info, user lookups and user search over raw HTTP, with the exact shapes checked against golden
 * files under {@code golden/symphony/}.
 */
class SymphonyDirectoryTest {
  static final String INVALID_SESSION = "{\"code\":401,\"message\":\"Invalid session\"}";
  static SymphonyPod pod;
  static SymphonyPod.KeyUser bot;
  static String token;
  static long janeId;
  static long disabledId;

  @BeforeAll
  static void start() {
    pod = SymphonyPod.start();
    bot = pod.createServiceUser("directory.bot");
    token = pod.login(bot);
    janeId = pod.createUser(Map.ofEntries(Map.entry("userName", "jane.doe"),
        Map.entry("emailAddress", "jane.doe@example.com"), Map.entry("firstName", "Jane"),
        Map.entry("lastName", "Doe"), Map.entry("displayName", "Jane Doe"), Map.entry("title", "Sales Manager"),
        Map.entry("companyName", "Symphony"), Map.entry("location", "San Francisco"),
        Map.entry("department", "Sales"), Map.entry("division", "EMEA"), Map.entry("jobFunction", "Trader"),
        Map.entry("workPhoneNumber", "+1 555 0100"), Map.entry("mobilePhoneNumber", "+1 555 0101"),
        Map.entry("accountType", "NORMAL")));
    // Three users who share the surname "Pagewood", for paging; one of them in another company and city.
    pod.createUser(Map.of("userName", "ann.pagewood", "firstName", "Ann", "lastName", "Pagewood",
        "title", "Analyst", "companyName", "Symphony", "location", "London"));
    pod.createUser(Map.of("userName", "bob.pagewood", "firstName", "Bob", "lastName", "Pagewood",
        "title", "Analyst", "companyName", "Symphony", "location", "London"));
    pod.createUser(Map.of("userName", "cy.pagewood", "firstName", "Cy", "lastName", "Pagewood",
        "title", "Trader", "companyName", "Other Bank", "location", "Paris"));
    disabledId = pod.createUser(Map.of("userName", "gone.hiddenmoor", "firstName", "Gone", "lastName", "Hiddenmoor",
        "emailAddress", "gone.hiddenmoor@example.com"));
    pod.setStatus(disabledId, "DISABLED");
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  private static void assertNoContent(Response response) {
    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.asString()).isEmpty();
  }

  private static void assertClientError(Response response) {
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/json");
    Golden.assertMatches(response.asString(), "symphony/error-400.json");
  }

  private static Response search(Object body, String query) {
    return pod.as(token).contentType(ContentType.JSON).body(body).post("/pod/v1/user/search" + query);
  }

  // ---- session info and the session header

  @Test
  void v1_sessioninfo_is_the_caller_user_id() {
    Response response = pod.as(token).get("/pod/v1/sessioninfo");

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/sessioninfo-v1.json");
    assertThat(response.<Number>path("userId").longValue()).isEqualTo(bot.id());
  }

  @Test
  void v2_sessioninfo_is_the_caller_as_a_user_v2() {
    Response response = pod.as(token).get("/pod/v2/sessioninfo");

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/sessioninfo-v2.json");
    assertThat(response.<Number>path("id").longValue()).isEqualTo(bot.id());
  }

  @Test
  void a_call_without_a_session_token_is_401_invalid_session() {
    for (String path : List.of("/pod/v1/sessioninfo", "/pod/v2/sessioninfo", "/pod/v1/user?email=jane.doe@example.com",
        "/pod/v2/user?uid=" + janeId, "/pod/v1/user/name/jane.doe/get")) {
      Response response = pod.anonymous().get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.contentType()).as(path).startsWith("application/json");
      assertThat(response.asString()).as(path).isEqualTo(INVALID_SESSION);
    }
    Golden.assertMatches(pod.anonymous().get("/pod/v1/sessioninfo").asString(), "symphony/error-401.json");
  }

  @Test
  void a_call_with_an_unknown_session_token_is_401_invalid_session() {
    for (String unknown : List.of("no-such-token", "", "x".repeat(600))) {
      Response response = pod.as(unknown).get("/pod/v1/sessioninfo");

      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.asString()).isEqualTo(INVALID_SESSION);
    }
    Response search = pod.as("no-such-token").contentType(ContentType.JSON).body(Map.of("query", "jane"))
        .post("/pod/v1/user/search");
    assertThat(search.statusCode()).isEqualTo(401);
    assertThat(search.asString()).isEqualTo(INVALID_SESSION);
  }

  // ---- GET /pod/v1/user?email=

  @Test
  void v1_user_by_email_is_a_user_record() {
    Response response = pod.as(token).get("/pod/v1/user?email=jane.doe@example.com&local=true");

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/user-v1.json");
    assertThat(response.<Number>path("id").longValue()).isEqualTo(janeId);
  }

  @Test
  void v1_user_by_an_unknown_email_is_204_without_a_body() {
    assertNoContent(pod.as(token).get("/pod/v1/user?email=nobody@example.com"));
  }

  @Test
  void v1_user_without_an_email_is_a_client_error() {
    assertClientError(pod.as(token).get("/pod/v1/user"));
  }

  @Test
  void v1_user_with_a_local_flag_that_is_not_a_boolean_is_a_client_error() {
    assertClientError(pod.as(token).get("/pod/v1/user?email=jane.doe@example.com&local=maybe"));
  }

  // ---- GET /pod/v2/user

  @Test
  void v2_user_by_uid_is_a_user_v2() {
    Response response = pod.as(token).get("/pod/v2/user?uid=" + janeId);

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/user-v2.json");
  }

  @Test
  void v2_user_by_email_and_by_username_with_local_give_the_same_user() {
    String byUid = pod.as(token).get("/pod/v2/user?uid=" + janeId).asString();

    assertThat(pod.as(token).get("/pod/v2/user?email=jane.doe@example.com").asString()).isEqualTo(byUid);
    assertThat(pod.as(token).get("/pod/v2/user?username=jane.doe&local=true").asString()).isEqualTo(byUid);
  }

  @Test
  void v2_user_needs_exactly_one_of_uid_email_and_username() {
    assertClientError(pod.as(token).get("/pod/v2/user"));
    assertClientError(pod.as(token).get("/pod/v2/user?local=true"));
    assertClientError(pod.as(token).get("/pod/v2/user?uid=" + janeId + "&email=jane.doe@example.com"));
    assertClientError(pod.as(token).get("/pod/v2/user?email=jane.doe@example.com&username=jane.doe&local=true"));
  }

  @Test
  void v2_user_by_username_needs_local_true() {
    assertClientError(pod.as(token).get("/pod/v2/user?username=jane.doe"));
    assertClientError(pod.as(token).get("/pod/v2/user?username=jane.doe&local=false"));
  }

  @Test
  void v2_user_with_a_uid_that_is_not_a_number_is_a_client_error() {
    assertClientError(pod.as(token).get("/pod/v2/user?uid=jane"));
    assertClientError(pod.as(token).get("/pod/v2/user?uid=12.5"));
    assertClientError(pod.as(token).get("/pod/v2/user?uid=-4"));
  }

  @Test
  void v2_user_not_found_is_204_without_a_body() {
    assertNoContent(pod.as(token).get("/pod/v2/user?uid=" + (janeId + 100_000)));
    assertNoContent(pod.as(token).get("/pod/v2/user?email=nobody@example.com"));
    assertNoContent(pod.as(token).get("/pod/v2/user?username=nobody&local=true"));
  }

  @Test
  void v2_user_lists_the_avatar_in_its_original_and_small_sizes() throws Exception {
    long id = pod.createUser(Map.of("userName", "pic.owner", "displayName", "Pic Owner"));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
    pod.asAdmin().contentType(ContentType.JSON)
        .body(Map.of("image", Base64.getEncoder().encodeToString(png.toByteArray())))
        .post("/pod/v1/admin/user/" + id + "/avatar/update")
        .then().statusCode(200);

    Response response = pod.as(token).get("/pod/v2/user?uid=" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/user-v2-with-avatar.json");
    for (String url : response.<List<String>>path("avatars.url")) {
      assertThat(pod.anonymous().get(url).statusCode()).as(url).isEqualTo(200);
    }
  }

  // ---- GET /pod/v1/user/name/{userName}/get

  @Test
  void v1_user_by_name_is_a_user_record() {
    Response response = pod.as(token).get("/pod/v1/user/name/jane.doe/get");

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/user-v1.json");
  }

  @Test
  void v1_user_by_an_unknown_name_is_204_without_a_body() {
    assertNoContent(pod.as(token).get("/pod/v1/user/name/nobody/get"));
  }

  // ---- POST /pod/v1/user/search

  @Test
  void a_search_answers_user_search_results() {
    Response response = search(Map.of("query", "jane", "filters", Map.of("title", "Sales Manager")), "?local=true");

    assertThat(response.statusCode()).isEqualTo(200);
    Golden.assertMatches(response.asString(), "symphony/user-search-results.json");
  }

  @Test
  void a_search_pages_with_skip_and_limit_and_counts_every_match() {
    Response first = search(Map.of("query", "pagewood"), "?limit=2");
    Response second = search(Map.of("query", "pagewood"), "?skip=2&limit=2");

    assertThat(first.<Integer>path("count")).isEqualTo(3);
    assertThat(first.<Integer>path("skip")).isZero();
    assertThat(first.<Integer>path("limit")).isEqualTo(2);
    assertThat(first.<List<String>>path("users.username")).containsExactly("ann.pagewood", "bob.pagewood");
    assertThat(second.<Integer>path("count")).isEqualTo(3);
    assertThat(second.<Integer>path("skip")).isEqualTo(2);
    assertThat(second.<List<String>>path("users.username")).containsExactly("cy.pagewood");
  }

  @Test
  void a_search_limit_defaults_to_50() {
    assertThat(search(Map.of("query", "pagewood"), "").<Integer>path("limit")).isEqualTo(50);
  }

  @Test
  void a_search_filters_by_title_company_and_location_ignoring_case() {
    assertThat(search(Map.of("query", "pagewood", "filters", Map.of("title", "analyst")), "")
        .<List<String>>path("users.username")).containsExactly("ann.pagewood", "bob.pagewood");
    assertThat(search(Map.of("query", "pagewood", "filters", Map.of("company", "OTHER BANK")), "")
        .<List<String>>path("users.username")).containsExactly("cy.pagewood");
    assertThat(search(Map.of("query", "pagewood", "filters", Map.of("location", "london", "title", "Analyst")), "")
        .<Integer>path("count")).isEqualTo(2);
    assertNoMatch(search(Map.of("query", "pagewood", "filters", Map.of("location", "Tokyo")), ""));
  }

  @Test
  void a_search_matches_every_word_as_a_prefix_of_a_name_or_the_email() {
    assertThat(search(Map.of("query", "Pag An"), "").<List<String>>path("users.username"))
        .containsExactly("ann.pagewood");
    assertThat(search(Map.of("query", "jane.doe@example.com"), "").<List<String>>path("users.username"))
        .containsExactly("jane.doe");
  }

  @Test
  void a_search_treats_sql_wildcards_as_plain_characters() {
    assertNoMatch(search(Map.of("query", "%"), ""));
    assertNoMatch(search(Map.of("query", "_"), ""));
    assertNoMatch(search(Map.of("query", "pag%"), ""));
  }

  @Test
  void a_search_that_matches_nobody_is_an_empty_result() {
    assertNoMatch(search(Map.of("query", "zzyzx"), "?local=true"));
  }

  private static void assertNoMatch(Response response) {
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.<Integer>path("count")).isZero();
    assertThat(response.<List<Object>>path("users")).isEmpty();
  }

  @Test
  void a_search_past_the_last_match_still_counts_the_matches() {
    Response response = search(Map.of("query", "pagewood"), "?skip=10");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.<Integer>path("count")).isEqualTo(3);
    assertThat(response.<List<Object>>path("users")).isEmpty();
  }

  @Test
  void a_search_does_not_find_disabled_users() {
    assertNoMatch(search(Map.of("query", "hiddenmoor"), ""));
    assertNoMatch(search(Map.of("query", "gone.hiddenmoor@example.com"), ""));
  }

  @Test
  void a_search_without_a_query_is_a_client_error() {
    assertClientError(search(Map.of(), ""));
    assertClientError(search(Map.of("query", "   "), ""));
    assertClientError(search(Map.of("filters", Map.of("title", "Analyst")), ""));
    assertClientError(pod.as(token).post("/pod/v1/user/search"));
  }

  @Test
  void a_search_limit_above_100_or_below_1_is_a_client_error() {
    assertClientError(search(Map.of("query", "pagewood"), "?limit=101"));
    assertClientError(search(Map.of("query", "pagewood"), "?limit=0"));
    assertClientError(search(Map.of("query", "pagewood"), "?skip=-1"));
    assertClientError(search(Map.of("query", "pagewood"), "?limit=ten"));
    assertThat(search(Map.of("query", "pagewood"), "?limit=100").statusCode()).isEqualTo(200);
  }

  @Test
  void a_search_with_a_query_that_is_not_a_string_is_a_client_error() {
    assertClientError(search(Map.of("query", 42), ""));
  }

  @Test
  void lookups_still_find_a_disabled_user() {
    // Directory search hides deactivated accounts; a lookup by id, email or name still answers them.
    assertThat(pod.as(token).get("/pod/v2/user?uid=" + disabledId).statusCode()).isEqualTo(200);
    assertThat(pod.as(token).get("/pod/v1/user?email=gone.hiddenmoor@example.com").statusCode()).isEqualTo(200);
  }
}
