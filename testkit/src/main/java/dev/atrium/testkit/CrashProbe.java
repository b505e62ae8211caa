package dev.atrium.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kills a real Atrium server process ({@code kill -9}) while clients create users, restarts it on the same
 * database, and counts the acknowledged users that did not survive. The server is any command line (the test
 * classpath's {@code dev.atrium.server.Main}, or {@code java -jar atrium.jar} for the bench); its settings are
 * environment variables, to which the probe adds {@code ATRIUM_PORT=0} and reads the port the server prints.
 * Users are created by the administrator with {@code POST /pod/v2/admin/user/create}, signed in through
 * {@code POST /api/v1/auth/signin}; the server needs the Symphony and Roomful dialects and its rate limits off.
 */
public final class CrashProbe {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LISTENING = Pattern.compile("listening on \\S+:(\\d+)");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** The longest a cycle writes before its kill, however few writes were acknowledged. */
  private static final Duration KILL_TIMEOUT = Duration.ofSeconds(60);

  private final List<String> command;
  private final Map<String, String> environment;
  private final String adminEmail;
  private final String adminPassword;
  private final Path log;
  private final int writers;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  /** Makes the usernames of this probe unique, also on a database that other runs used. */
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sequence = new AtomicLong();

  /**
   * @param command the server's command line
   * @param environment its settings (ATRIUM_*), which must include the administrator's email and password
   * @param log the file the server's output is appended to
   * @param writers how many clients create users at once
   */
  public CrashProbe(List<String> command, Map<String, String> environment, Path log, int writers) {
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.adminEmail = required("ATRIUM_ADMIN_EMAIL");
    this.adminPassword = required("ATRIUM_ADMIN_PASSWORD");
    this.log = log;
    this.writers = writers;
  }

  /** One user whose creation the server acknowledged (200 with its id). */
  public record Acknowledged(long id, String username) {}

  /**
   * One kill: the users acknowledged before it, and what the restart after it showed of every user acknowledged
   * so far, in this cycle or an earlier one: {@code lost} are gone, {@code reused} are gone and their id is
   * another user's now. So the last cycle's lists hold every user the run lost.
   */
  public record Cycle(int acknowledged, List<Acknowledged> lost, List<Acknowledged> reused) {
    @Override
    public String toString() {
      return "acknowledged " + acknowledged + " lost " + lost.size() + " reused " + reused.size();
    }
  }

  /**
   * Runs the cycles: start, check every user acknowledged so far, create users from {@code writers} clients,
   * kill the server at a random moment: once it has acknowledged a random number of users from {@code minWrites}
   * to {@code maxWrites} (a count, not a time, so that a slow machine still writes before it is killed); then a
   * last start to check the last kill. Each cycle is handed to {@code report} as soon as it is known.
   */
  public List<Cycle> run(int cycles, int minWrites, int maxWrites, Random random, Consumer<Cycle> report)
      throws InterruptedException {
    List<Acknowledged> all = new ArrayList<>();
    List<Cycle> results = new ArrayList<>();
    int acknowledgedBefore = 0;
    for (int cycle = 0; cycle <= cycles; cycle++) {
      Process server = start();
      try {
        int port = awaitPort(server);
        String token = signin(port);
        if (cycle > 0) {
          Cycle checked = check(port, token, all, all.size() - acknowledgedBefore);
          results.add(checked);
          report.accept(checked);
        }
        if (cycle == cycles) {
          server.destroy();
          server.waitFor(30, TimeUnit.SECONDS);
          break;
        }
        acknowledgedBefore = all.size();
        int writes = minWrites + random.nextInt(Math.max(1, maxWrites - minWrites + 1));
        all.addAll(load(port, token, KILL_TIMEOUT, writes, () -> {
          // SIGKILL: no shutdown hook runs, nothing is flushed or closed, as when the machine's OOM killer strikes.
          server.destroyForcibly();
        }).acknowledged());
        server.waitFor(30, TimeUnit.SECONDS);
      } finally {
        server.destroyForcibly();
        server.waitFor(30, TimeUnit.SECONDS);
      }
    }
    return results;
  }

  /** Users created per second by the writers over {@code duration} after {@code warmup}; then stops the server. */
  public double throughput(Duration warmup, Duration duration) throws InterruptedException {
    Process server = start();
    try {
      int port = awaitPort(server);
      String token = signin(port);
      load(port, token, warmup, Integer.MAX_VALUE, () -> {});
      Load measured = load(port, token, duration, Integer.MAX_VALUE, () -> {});
      return measured.acknowledged().size() / (measured.nanos() / 1e9);
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  private record Load(List<Acknowledged> acknowledged, long nanos) {}

  /**
   * Creates users from the writers for {@code duration} or until {@code writes} are acknowledged, then runs
   * {@code stop} and waits for every writer.
   */
  private Load load(int port, String token, Duration duration, int writes, Runnable stop)
      throws InterruptedException {
    ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean stopping = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < writers; i++) {
      threads.add(Thread.ofPlatform().name("crash-probe-writer-" + i).start(() -> {
        while (!stopping.get()) {
          String username = "probe." + run + "." + sequence.incrementAndGet();
          try {
            acknowledged.add(new Acknowledged(create(port, token, username), username));
          } catch (IOException e) {
            // The server is gone (killed): this creation was never acknowledged.
            return;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (RuntimeException e) {
            failures.add(e);
            return;
          }
        }
      }));
    }
    long end = start + duration.toNanos();
    while (System.nanoTime() < end && acknowledged.size() < writes && failures.isEmpty()
        && threads.stream().anyMatch(Thread::isAlive)) {
      Thread.sleep(2);
    }
    stopping.set(true);
    long nanos = System.nanoTime() - start;
    stop.run();
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      IllegalStateException e = new IllegalStateException("a writer failed: " + failures.peek().getMessage());
      failures.forEach(e::addSuppressed);
      throw e;
    }
    return new Load(List.copyOf(acknowledged), nanos);
  }

  private Cycle check(int port, String token, List<Acknowledged> all, int acknowledgedInCycle)
      throws InterruptedException {
    List<Acknowledged> lost = new ArrayList<>();
    List<Acknowledged> reused = new ArrayList<>();
    Map<Long, String> found = new HashMap<>();
    for (Acknowledged a : all) {
      String username = found.computeIfAbsent(a.id(), id -> {
        try {
          // Symphony answers an unknown user with 400 ("User 123 not found").
          return request(port, token, "GET", "/pod/v2/admin/user/" + id, null, 200, 400)
              .path("userAttributes").path("userName").asText("");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      });
      if (username.isEmpty()) {
        lost.add(a);
      } else if (!username.equals(a.username())) {
        // Gone, and its id handed out again: another user has it now.
        reused.add(a);
      }
    }
    return new Cycle(acknowledgedInCycle, lost, reused);
  }

  private long create(int port, String token, String username) throws IOException, InterruptedException {
    Map<String, Object> body = Map.of(
        "userAttributes", Map.of("userName", username, "emailAddress", username + "@probe.test",
            "firstName", "Probe", "lastName", "User"),
        "password", "probe-password-1", "roles", List.of("INDIVIDUAL"));
    HttpResponse<String> response = http.send(post(port, "/pod/v2/admin/user/create", body)
        .header("sessionToken", token).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("create answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body()).path("userSystemInfo").path("id").asLong();
  }

  private String signin(int port) throws InterruptedException {
    JsonNode answer = request(port, null, "POST", "/api/v1/auth/signin",
        Map.of("email", adminEmail, "password", adminPassword), 200);
    return answer.path("data").path("session_token").asText();
  }

  /** The JSON answer to a 200, else a missing node for a status expected; any other status fails. */
  private JsonNode request(int port, @Nullable String token, String method, String path, @Nullable Object body,
      int... expected)
      throws InterruptedException {
    try {
      HttpRequest.Builder b = body == null
          ? HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30)).method(method,
              HttpRequest.BodyPublishers.noBody())
          : post(port, path, body);
      if (token != null) {
        b.header("sessionToken", token);
      }
      HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (int status : expected) {
        if (response.statusCode() == status) {
          return status == 200 ? JSON.readTree(response.body()) : JSON.missingNode();
        }
      }
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
          + response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    }
  }

  private static HttpRequest.Builder post(int port, String path, Object body) throws IOException {
    return HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private Process start() {
    try {
      Files.writeString(log, "--- start\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(environment);
      pb.environment().put("ATRIUM_PORT", "0");
      return pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The port the server prints once it listens; this start's line is the last one in the log. */
  private int awaitPort(Process server) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String text = readLog();
      String current = text.substring(text.lastIndexOf("--- start\n"));
      Matcher m = LISTENING.matcher(current);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("the server exited with " + server.exitValue() + ":\n" + tail(current));
      }
      Thread.sleep(50);
    }
    server.destroyForcibly();
    throw new IllegalStateException("the server did not listen within " + START_TIMEOUT + ":\n" + tail(readLog()));
  }

  private String readLog() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  private String required(String variable) {
    String value = environment.get(variable);
    if (value == null) {
      throw new IllegalArgumentException(variable + " must be given: the probe signs in as the administrator");
    }
    return value;
  }
}
