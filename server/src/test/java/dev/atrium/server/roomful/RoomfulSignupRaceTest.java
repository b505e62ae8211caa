package dev.atrium.server.roomful;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.user.User;
import dev.atrium.http.JsonMapper;
import dev.atrium.server.Golden;
import dev.atrium.server.TestServer;
import dev.atrium.testkit.TestDatabase;
import dev.atrium.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many signups whose addresses share a local part, sent at once over HTTP to {@code POST /api/v1/auth/signup},
 * on H2 and on PostgreSQL. The signup used to look for a free username and insert in a later transaction, so
 * two of them could pick the same name and one failed on the unique index with a 500. Now each gets its own
 * name (or, were the names exhausted, Roomful's 409), never a 500 and never a duplicate.
 */
class RoomfulSignupRaceTest {
  static final int SIGNUPS = 50;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void fiftySignupsOfOneName_atOnce_getDistinctUsernames_andTheUsualReply(String database) throws Exception {
    TestDatabase pg = database.equals("postgresql") ? TestPostgres.createDatabase() : null;
    try (TestServer server = TestServer.start(TestServer.databaseSettings(pg));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < SIGNUPS; i++) {
        sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/auth/signup"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"email\":\"sam@a" + i + ".test\",\"password\":\"a-good-password\"}")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      List<String> usernames = new ArrayList<>();
      for (int i = 0; i < SIGNUPS; i++) {
        HttpResponse<String> response = sent.get(i).get();
        assertThat(response.statusCode()).as("signup %d: %s", i, response.body()).isIn(200, 409);
        if (response.statusCode() == 200) {
          Golden.assertMatches(response.body(), "roomful/signup.json");
          User user = server.atrium().users().byEmail("sam@a" + i + ".test").orElseThrow();
          usernames.add(user.username());
        } else {
          JsonNode error = JsonMapper.MAPPER.readTree(response.body()).path("error");
          assertThat(error.path("status").asBoolean()).isTrue();
          assertThat(error.path("code").asInt()).isEqualTo(409);
        }
      }
      assertThat(usernames).doesNotHaveDuplicates()
          .allMatch(name -> name.matches("sam([2-9]|[1-9][0-9]+)?"), "sam or sam with a number from 2");
      // Every signup finds its free name within its tries here, so all succeed, as the first fifty of the series.
      assertThat(usernames).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, SIGNUPS)
          .mapToObj(n -> n == 1 ? "sam" : "sam" + n).toList());
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }
}
