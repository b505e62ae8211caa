package dev.atrium.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Real socket.io clients for tests: one Node.js process running {@code testkit/node/driver.js}, which holds
 * any number of socket.io-client 2.5.0 ({@code version} 2, Engine.IO v3) and 4.x ({@code version} 4, Engine.IO
 * v4) sockets, each named by the test. Every helper blocks until the driver reports what it waits for, and
 * fails with an {@link AssertionError} that quotes the driver's recent reports when it does not come in time.
 *
 * <p>The first use runs {@code npm ci} in {@code testkit/node} if its {@code node_modules} is missing or older
 * than the lock file. Node.js must be on the PATH: without it the constructor fails, so the tests fail rather
 * than being skipped.
 */
public final class SocketIoNodeClient implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Object NPM_LOCK = new Object();

  private final Process process;
  private final BufferedWriter stdin;
  private final Object lock = new Object();
  private final List<JsonNode> reports = new ArrayList<>();
  private final Map<String, List<JsonNode>> bySocket = new HashMap<>();
  private final ArrayDeque<String> stderr = new ArrayDeque<>();
  private final AtomicLong requests = new AtomicLong();
  private boolean ended;

  /** Starts the driver. */
  public SocketIoNodeClient() {
    Path dir = nodeDirectory();
    String node = requireNode("node");
    installModules(dir);
    try {
      process = new ProcessBuilder(node, "driver.js").directory(dir.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start node driver.js in " + dir, e);
    }
    stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    Thread.ofPlatform().daemon().name("socketio-node-out").start(this::readReports);
    Thread.ofPlatform().daemon().name("socketio-node-err").start(this::readErrors);
  }

  /** Connects a socket and returns its id; fails if the server refuses it. */
  public String connect(String sock, int version, String url, Map<String, ?> query) {
    JsonNode outcome = tryConnect(sock, version, url, query, Map.of());
    if (!"connect".equals(outcome.path("type").asText())) {
      throw new AssertionError("socket " + sock + " did not connect: " + outcome);
    }
    return outcome.path("id").asText();
  }

  /**
   * Connects a socket and returns the first report about it: {@code connect}, {@code connect_error},
   * {@code error} (2.x's refusals) or {@code disconnect}. {@code extra} goes into the command as is, e.g.
   * {@code nsp}, {@code auth}, or {@code opts} (socket.io-client options that replace the defaults).
   */
  public JsonNode tryConnect(String sock, int version, String url, Map<String, ?> query, Map<String, ?> extra) {
    ObjectNode cmd = command("connect", sock).put("v", version).put("url", url);
    cmd.set("query", JSON.valueToTree(query));
    extra.forEach((k, v) -> cmd.set(k, JSON.valueToTree(v)));
    send(cmd);
    return await(r -> sock.equals(r.path("sock").asText()) && r.path("type").asText().matches(
        "connect|connect_error|error|disconnect"), 1, TIMEOUT, "the outcome of connecting " + sock).getFirst();
  }

  /** Connects {@code count} sockets named {@code prefix0, prefix1, …}; returns once all are connected. */
  public void connectMany(String prefix, int count, int version, String url, Map<String, ?> query, Duration timeout) {
    ObjectNode cmd = command("connectMany", null).put("prefix", prefix).put("count", count).put("v", version)
        .put("url", url);
    cmd.set("query", JSON.valueToTree(query));
    send(cmd);
    JsonNode done = await(r -> "connected".equals(r.path("type").asText()) && prefix.equals(r.path("prefix").asText()),
        1, timeout, count + " sockets " + prefix + "*").getFirst();
    if (done.path("failed").asInt() != 0) {
      List<JsonNode> errors;
      synchronized (lock) {
        errors = reports.stream().filter(r -> "connect_error".equals(r.path("type").asText())
            && r.path("sock").asText().startsWith(prefix)).limit(3).toList();
      }
      throw new AssertionError(done.path("failed").asInt() + " of " + count + " sockets failed to connect, e.g. "
          + errors + diagnostics());
    }
  }

  /** Emits an event without asking for an ack. */
  public void emit(String sock, String event, Object... args) {
    ObjectNode cmd = command("emit", sock).put("event", event);
    cmd.set("args", JSON.valueToTree(List.of(args)));
    send(cmd);
  }

  /** Emits an event with an ack callback and returns the ack's arguments (a JSON array). */
  public JsonNode emitWithAck(String sock, String event, Object... args) {
    return emitWithAck(sock, event, TIMEOUT, args);
  }

  /** Emits an event with an ack callback and returns the ack's arguments (a JSON array). */
  public JsonNode emitWithAck(String sock, String event, Duration timeout, Object... args) {
    long req = requests.incrementAndGet();
    ObjectNode cmd = command("emit", sock).put("event", event).put("ack", true).put("req", req);
    cmd.set("args", JSON.valueToTree(List.of(args)));
    send(cmd);
    return await(r -> "ack".equals(r.path("type").asText()) && r.path("req").asLong() == req, 1, timeout,
        "the ack of " + event + " on " + sock).getFirst().path("args");
  }

  /**
   * Emits an event with an ack callback and returns the ack's arguments (a JSON array), or nothing once the socket
   * has disconnected: a socket the server closes never gets the ack, and there is no point waiting for it.
   */
  public Optional<JsonNode> emitWithAckUnlessDisconnected(String sock, String event, Duration timeout,
      Object... args) {
    long req = requests.incrementAndGet();
    ObjectNode cmd = command("emit", sock).put("event", event).put("ack", true).put("req", req);
    cmd.set("args", JSON.valueToTree(List.of(args)));
    send(cmd);
    JsonNode found = await(r -> "ack".equals(r.path("type").asText()) && r.path("req").asLong() == req
        || "disconnect".equals(r.path("type").asText()) && sock.equals(r.path("sock").asText()), 1, timeout,
        "the ack of " + event + " on " + sock).getFirst();
    return "ack".equals(found.path("type").asText()) ? Optional.of(found.path("args")) : Optional.empty();
  }

  /** The arguments (a JSON array) of the first event of that name the socket received, waiting for it. */
  public JsonNode awaitEvent(String sock, String event, Duration timeout) {
    return awaitEvents(sock, event, 1, timeout).getFirst();
  }

  /** The arguments of the first {@code count} events of that name the socket received, waiting for them. */
  public List<JsonNode> awaitEvents(String sock, String event, int count, Duration timeout) {
    return await(r -> "event".equals(r.path("type").asText()) && sock.equals(r.path("sock").asText())
        && event.equals(r.path("event").asText()), count, timeout, count + " '" + event + "' events on " + sock)
        .stream().map(r -> r.path("args")).toList();
  }

  /** How many sockets whose name starts with {@code prefix} received that event, waiting until {@code count} have. */
  public void awaitEventOnAll(String prefix, int count, String event, Duration timeout) {
    await(r -> "event".equals(r.path("type").asText()) && r.path("sock").asText().startsWith(prefix)
        && event.equals(r.path("event").asText()), count, timeout, "'" + event + "' on " + count + " sockets " + prefix);
  }

  /** Every event the socket received so far, each {@code {"event": name, "args": [...]}}. */
  public List<JsonNode> events(String sock) {
    synchronized (lock) {
      return bySocket.getOrDefault(sock, List.of()).stream().filter(r -> "event".equals(r.path("type").asText()))
          .map(r -> (JsonNode) JSON.createObjectNode().put("event", r.path("event").asText()).set("args", r.path("args")))
          .toList();
    }
  }

  /** Every report about the socket so far, in order. */
  public List<JsonNode> reports(String sock) {
    synchronized (lock) {
      return List.copyOf(bySocket.getOrDefault(sock, List.of()));
    }
  }

  /** The reason socket.io-client gave when the socket disconnected, waiting for it. */
  public String awaitDisconnect(String sock, Duration timeout) {
    return await(r -> "disconnect".equals(r.path("type").asText()) && sock.equals(r.path("sock").asText()), 1,
        timeout, "the disconnect of " + sock).getFirst().path("reason").asText();
  }

  /** Whether the socket has reported a disconnect so far. */
  public boolean disconnected(String sock) {
    synchronized (lock) {
      return bySocket.getOrDefault(sock, List.of()).stream().anyMatch(r -> "disconnect".equals(r.path("type").asText()));
    }
  }

  /**
   * Closes a socket from the client's side ({@code socket.close()}). For a connected socket it waits for the
   * disconnect report and returns its reason; for one that never connected or is already gone (socket.io
   * reports no disconnect then) it returns "" once the driver has closed it.
   */
  public String close(String sock) {
    boolean live;
    synchronized (lock) {
      List<JsonNode> about = bySocket.getOrDefault(sock, List.of());
      live = about.stream().anyMatch(r -> "connect".equals(r.path("type").asText()))
          && about.stream().noneMatch(r -> "disconnect".equals(r.path("type").asText()));
    }
    send(command("close", sock));
    if (live) {
      return awaitDisconnect(sock, TIMEOUT);
    }
    sync();
    return "";
  }

  /** Closes every socket of the driver, without waiting for their disconnect reports. */
  public void closeAll() {
    send(command("closeAll", null));
    sync();
  }

  /**
   * Forgets every report so far, so that the helpers look only at what comes next: for one driver that serves
   * many tests in turn, each closing its sockets before the next begins. Socket names are not to be used again
   * (a late report may still name them), and no other thread may be waiting meanwhile.
   */
  public void forget() {
    synchronized (lock) {
      reports.clear();
      bySocket.clear();
    }
  }

  /** Waits until the driver has read every command sent before this one. */
  public void sync() {
    long req = requests.incrementAndGet();
    send(command("ping", null).put("req", req));
    await(r -> "pong".equals(r.path("type").asText()) && r.path("req").asLong() == req, 1, TIMEOUT, "pong " + req);
  }

  /** The driver's process id. */
  public long pid() {
    return process.pid();
  }

  /** Kills the driver (SIGKILL): its sockets vanish as from a crashed client. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the driver (SIGSTOP): its sockets stay open but silent, as from a frozen or cut-off client. */
  public void freeze() {
    signal("STOP");
  }

  /** Resumes a frozen driver (SIGCONT). */
  public void thaw() {
    signal("CONT");
  }

  @Override
  public void close() {
    thaw();
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the process is gone already
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  // ---- plumbing

  private ObjectNode command(String op, @Nullable String sock) {
    ObjectNode cmd = JSON.createObjectNode().put("op", op);
    if (sock != null) {
      cmd.put("sock", sock);
    }
    return cmd;
  }

  private void send(ObjectNode cmd) {
    try {
      synchronized (stdin) {
        stdin.write(JSON.writeValueAsString(cmd));
        stdin.write('\n');
        stdin.flush();
      }
    } catch (IOException e) {
      throw new AssertionError("the node driver is gone: " + e.getMessage() + diagnostics(), e);
    }
  }

  private List<JsonNode> await(Predicate<JsonNode> match, int count, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonNode> found = new ArrayList<>(count);
    int scanned = 0;
    synchronized (lock) {
      while (true) {
        for (; scanned < reports.size() && found.size() < count; scanned++) {
          JsonNode r = reports.get(scanned);
          if ("failed".equals(r.path("type").asText())) {
            throw new AssertionError("the driver could not carry out a command: " + r);
          }
          if (match.test(r)) {
            found.add(r);
          }
        }
        if (found.size() >= count) {
          return found;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || ended) {
          throw new AssertionError((ended ? "the node driver ended" : "timed out after " + timeout.toMillis() + " ms")
              + " waiting for " + what + " (" + found.size() + " of " + count + " seen)" + diagnostics());
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what, e);
        }
      }
    }
  }

  private String diagnostics() {
    StringBuilder b = new StringBuilder();
    synchronized (lock) {
      int from = Math.max(0, reports.size() - 10);
      b.append("; last reports: ").append(reports.subList(from, reports.size()));
    }
    synchronized (stderr) {
      if (!stderr.isEmpty()) {
        b.append("; driver stderr: ").append(String.join("\n", stderr));
      }
    }
    return b.toString();
  }

  private void readReports() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        JsonNode report;
        try {
          report = JSON.readTree(line);
        } catch (IOException e) {
          report = JSON.createObjectNode().put("type", "unparsable").put("line", line);
        }
        synchronized (lock) {
          reports.add(report);
          String sock = report.path("sock").asText(null);
          if (sock != null) {
            bySocket.computeIfAbsent(sock, k -> new ArrayList<>()).add(report);
          }
          lock.notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the process ended
    } finally {
      synchronized (lock) {
        ended = true;
        lock.notifyAll();
      }
    }
  }

  private void readErrors() {
    try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        synchronized (stderr) {
          stderr.addLast(line);
          if (stderr.size() > 40) {
            stderr.removeFirst();
          }
        }
      }
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private void signal(String signal) {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code testkit/node} of this checkout, found from any module's working directory by walking up. */
  static Path nodeDirectory() {
    String configured = System.getProperty("atrium.socketio.driver.dir");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testkit").resolve("node");
      if (Files.isRegularFile(candidate.resolve("driver.js")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find testkit/node/driver.js above " + Path.of("").toAbsolutePath()
        + "; set -Datrium.socketio.driver.dir");
  }

  /** Checks that {@code command} runs Node.js 18 or newer; fails with what to install otherwise. */
  static String requireNode(String command) {
    try {
      Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("`node --version` failed: " + version);
      }
      int major = Integer.parseInt(version.replaceFirst("^v(\\d+).*", "$1"));
      if (major < 18) {
        throw new IllegalStateException("the Socket.IO tests need Node.js 18 or newer, found " + version);
      }
      return command;
    } catch (IOException e) {
      throw new IllegalStateException("Node.js is not on the PATH: the Socket.IO tests drive real socket.io-client"
          + " 2.x and 4.x sockets with it. Install Node.js 18 or newer (CI has Node.js 20).", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted checking for node", e);
    }
  }

  /** Runs {@code npm ci} once per checkout, under a file lock so that parallel test JVMs do not race. */
  private static void installModules(Path dir) {
    synchronized (NPM_LOCK) {
      if (modulesCurrent(dir)) {
        return;
      }
      try (FileChannel channel = FileChannel.open(dir.resolve(".npm-ci.lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); var ignored = channel.lock()) {
        if (modulesCurrent(dir)) {
          return;
        }
        Path log = Files.createTempFile("npm-ci", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(10, TimeUnit.MINUTES)) {
          npm.destroyForcibly();
          throw new IllegalStateException("npm ci in " + dir + " took more than 10 minutes");
        }
        if (npm.exitValue() != 0) {
          throw new IllegalStateException("npm ci in " + dir + " failed (" + npm.exitValue() + "):\n" + Files.readString(log));
        }
        Files.deleteIfExists(log);
      } catch (IOException e) {
        throw new IllegalStateException("cannot run npm ci in " + dir + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted running npm ci", e);
      }
    }
  }

  private static boolean modulesCurrent(Path dir) {
    Path installed = dir.resolve("node_modules").resolve(".package-lock.json");
    try {
      return Files.isRegularFile(installed)
          && Files.isRegularFile(dir.resolve("node_modules/sio2/package.json"))
          && Files.isRegularFile(dir.resolve("node_modules/sio4/package.json"))
          && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json"))) >= 0;
    } catch (IOException e) {
      return false;
    }
  }
}
