package dev.atrium.server.symphony;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.atrium.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Every operation of the pod API spec the Symphony dialect follows ({@code symphony/pod-api-1.41.5.yaml}) is served
 * by the running server, or belongs to a family on {@link #NOT_SERVED}, with the reason. The server itself says
 * what it serves: each operation is sent once, with placeholder path parameters and no session, to {@code /pod} +
 * its path, and only Atrium's own "No such endpoint" 404 (or the 405 that the error router answers as "Method ... is
 * not allowed") counts as not served. So removing a route fails this test, and so does serving an operation that
 * the list still calls not served.
 */
class PodSpecCoverageTest {
  /**
   * The families of the spec's operations that Atrium does not serve, by path prefix (every method under it), with
   * the reason. Keep it short, and keep the README's Symphony section in step with it.
   */
  static final Map<String, String> NOT_SERVED = Map.of(
      "/v1/configuration/", "the Integration Bridge's configurations and their instances (the settings of"
          + " integrations hosted beside a pod): Atrium hosts no integrations",
      "/v1/admin/configuration/", "the administrator's side of the Integration Bridge's configuration instances"
          + " (added in 1.41): Atrium hosts no integrations",
      "/v1/integration/", "the Integration Bridge's health check and information (added in 1.41): Atrium is no"
          + " Integration Bridge");

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Operation(String method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** What the server answered to an operation sent without a session. */
  record Answer(int status, String body, String message) {
    /** Why this answer means "not served", or null when it does not. */
    String unserved(Operation op) {
      boolean noEndpoint = status == 404 && message.startsWith("No such endpoint");
      boolean noMethod = status == 405 || status == 400 && message.startsWith("Method " + op.method() + " ");
      return noEndpoint || noMethod ? status + " " + message : null;
    }
  }

  static TestServer server;
  static List<Operation> operations;
  static final Map<Operation, Answer> ANSWERS = new LinkedHashMap<>();

  @BeforeAll
  static void sendEveryOperation() throws Exception {
    operations = operations();
    server = TestServer.start();
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (Operation op : operations) {
        String path = "/pod" + op.path().replaceAll("\\{[^}/]+}", "1");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .method(op.method(), HttpRequest.BodyPublishers.noBody()).header("Content-Type", "application/json")
            .build(), HttpResponse.BodyHandlers.ofString());
        ANSWERS.put(op, new Answer(response.statusCode(), response.body(), message(response.body())));
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The spec's operations in its order. */
  static List<Operation> operations() throws IOException {
    JsonNode spec;
    try (InputStream in = PodSpecCoverageTest.class.getResourceAsStream("/symphony/pod-api-1.41.5.yaml")) {
      assertThat(in).as("the spec on the test class path").isNotNull();
      spec = new YAMLMapper().readTree(in);
    }
    List<Operation> found = new ArrayList<>();
    spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (METHODS.contains(op.getKey())) {
        found.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey()));
      }
    }));
    return found;
  }

  /** The {@code message} of a Symphony error body; empty for anything else. */
  static String message(String body) {
    try {
      return JSON.readTree(body).path("message").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  static String reasonFor(Operation op) {
    return NOT_SERVED.entrySet().stream().filter(e -> op.path().startsWith(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  @Test
  void every_operation_of_the_spec_is_served_or_listed_as_not_served_with_its_reason(TestReporter report) {
    assertThat(operations).as("operations read from the spec").hasSizeGreaterThan(90);
    List<String> problems = new ArrayList<>();
    Set<String> unused = new TreeSet<>(NOT_SERVED.keySet());
    int served = 0;
    for (Operation op : operations) {
      String unserved = ANSWERS.get(op).unserved(op);
      String reason = reasonFor(op);
      unused.removeIf(op.path()::startsWith);
      if (unserved == null) {
        served++;
        if (reason != null) {
          problems.add(op + " is served but listed as not served (" + reason + "): take it off NOT_SERVED and the"
              + " README");
        }
      } else if (reason == null) {
        problems.add(op + " is not served (the server answered " + unserved + ") and not listed as not served");
      }
    }
    unused.forEach(prefix -> problems.add("NOT_SERVED names " + prefix + ", which no operation of the spec starts"
        + " with"));
    report.publishEntry("pod API 1.41.5 operations", operations.size() + " in the spec, " + served + " served, "
        + (operations.size() - served) + " not served");
    assertThat(problems).as("operations of the spec").isEmpty();
  }

  /** A served operation asks for a session before it reads anything: the spec's 401 "Invalid session". */
  @Test
  void every_served_operation_refuses_a_caller_without_a_session() {
    List<String> problems = new ArrayList<>();
    for (Operation op : operations) {
      Answer answer = ANSWERS.get(op);
      if (answer.unserved(op) == null && (answer.status() != 401 || !answer.message().equals("Invalid session"))) {
        problems.add(op + " answered " + answer.status() + " " + answer.body());
      }
    }
    assertThat(problems).as("served operations called without a session token").isEmpty();
  }
}
