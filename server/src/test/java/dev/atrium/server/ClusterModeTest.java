package dev.atrium.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.testkit.TestDatabase;
import dev.atrium.testkit.TestPostgres;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Cluster mode's start: {@code ATRIUM_REDIS_URL} switches it on, only with PostgreSQL; a node names itself and shows
 * its Redis link in {@code /health}, which stays 200 while Redis is down and shows it back when Redis returns. The
 * Redis is this test's own {@code redis-server} on a free port, so that it can stop and start it.
 */
class ClusterModeTest {
  static final Duration RECONNECT = Duration.ofSeconds(60);

  /** A redis-server of this test's own on a free loopback port, without persistence. */
  static final class OwnRedis implements AutoCloseable {
    final int port;
    final Path dir;
    Process process;

    OwnRedis() throws IOException {
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      dir = Files.createTempDirectory("atrium-redis");
      process = start();
    }

    Process start() throws IOException {
      Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", dir.toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile()).start();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
        try (Socket s = new Socket("127.0.0.1", port)) {
          return true;
        } catch (IOException e) {
          return false;
        }
      });
      return p;
    }

    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }

    void restart() throws IOException {
      process = start();
    }

    String url() {
      return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static Response health(TestServer server) {
    return given().baseUri(server.baseUrl()).get("/health");
  }

  @Test
  void cluster_mode_needs_postgresql_and_a_redis_url_and_valid_names() {
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_REDIS_URL", "redis://127.0.0.1:6379")))
        .hasMessage("ATRIUM_REDIS_URL switches on cluster mode, which needs PostgreSQL: set ATRIUM_DB_URL to a"
            + " jdbc:postgresql URL (nodes cannot share the embedded H2)");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_REDIS_URL", "http://secret@127.0.0.1:6379",
        "ATRIUM_DB_URL", "jdbc:postgresql://127.0.0.1/test")))
        .hasMessage("ATRIUM_REDIS_URL must be a redis:// or rediss:// URL (value not shown)");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_CLUSTER_NAME", "two words", "ATRIUM_REDIS_URL",
        "redis://127.0.0.1:6379", "ATRIUM_DB_URL", "jdbc:postgresql://127.0.0.1/test")))
        .hasMessage("ATRIUM_CLUSTER_NAME must be 1 to 64 of A-Z a-z 0-9 _ . -, got 'two words'");
    Config config = Config.from(Map.of("ATRIUM_REDIS_URL", "redis://:s3cret@127.0.0.1:6379/2",
        "ATRIUM_DB_URL", "jdbc:postgresql://127.0.0.1/test", "ATRIUM_CLUSTER_NAME", "blue", "ATRIUM_NODE_ID", "n1"));
    assertThat(config.cluster()).isEqualTo(new Config.Cluster("redis://:s3cret@127.0.0.1:6379/2", "blue", "n1"));
    assertThat(config.toString()).doesNotContain("s3cret");
    assertThat(Config.from(Map.of()).cluster()).isNull();
    Config.Cluster generated = java.util.Objects.requireNonNull(Config.from(Map.of("ATRIUM_REDIS_URL",
        "redis://127.0.0.1:6379", "ATRIUM_DB_URL", "jdbc:postgresql://127.0.0.1/test")).cluster());
    assertThat(generated.nodeId()).matches("[A-Za-z0-9_.-]+-[0-9a-f]{6}");

    StringWriter err = new StringWriter();
    int code = Main.commandLine(new Main(Map.of("ATRIUM_REDIS_URL", "redis://:s3cret@127.0.0.1:6379")))
        .setErr(new PrintWriter(err, true)).execute();
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("needs PostgreSQL").doesNotContain("s3cret");
  }

  @Test
  void a_node_shows_its_name_and_redis_link_and_keeps_answering_200_while_redis_is_down() throws Exception {
    try (OwnRedis redis = new OwnRedis(); TestDatabase db = TestPostgres.createDatabase()) {
      Map<String, String> settings = new HashMap<>(TestServer.databaseSettings(db));
      settings.put("ATRIUM_REDIS_URL", redis.url());
      settings.put("ATRIUM_CLUSTER_NAME", "test-cluster");
      settings.put("ATRIUM_NODE_ID", "node-1");
      try (TestServer node = TestServer.start(settings)) {
        Response up = health(node);
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.jsonPath().getString("node")).isEqualTo("node-1");
        assertThat(up.jsonPath().getString("redis.status")).isEqualTo("UP");
        assertThat(up.jsonPath().getString("database.type")).isEqualTo("postgresql");

        redis.stop();
        Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> "DOWN".equals(health(node).jsonPath().getString("redis.status")));
        Response down = health(node);
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.jsonPath().getString("status")).isEqualTo("UP");
        // the node keeps serving HTTP without Redis
        given().baseUri(node.baseUrl()).contentType("application/json")
            .body(Map.of("email", TestServer.ADMIN_EMAIL, "password", TestServer.ADMIN_PASSWORD))
            .post("/api/v1/auth/signin").then().statusCode(200);

        redis.restart();
        Awaitility.await().atMost(RECONNECT)
            .until(() -> "UP".equals(health(node).jsonPath().getString("redis.status")));
      }
    }
  }

  @Test
  void a_single_node_shows_no_cluster_fields() {
    try (TestServer node = TestServer.start()) {
      assertThat(health(node).jsonPath().getMap("").keySet()).containsExactly("status", "version", "database");
    }
  }

  @Test
  void a_redis_that_cannot_be_reached_at_start_stops_the_node_without_showing_its_password() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (TestDatabase db = TestPostgres.createDatabase()) {
      Map<String, String> settings = new HashMap<>(TestServer.databaseSettings(db));
      settings.put("ATRIUM_REDIS_URL", "redis://:s3cret@127.0.0.1:" + port);
      assertThatThrownBy(() -> TestServer.start(settings)).hasMessageContaining("cannot be reached")
          .hasMessageNotContaining("s3cret");
    }
  }
}
