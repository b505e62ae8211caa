package dev.atrium.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A script of {@code testkit/node} run once with Node.js: its exit code and the lines it printed. For clients that
 * need no package beyond Node's own (its {@code fetch}), such as the Rocket.Chat REST client.
 */
public final class NodeScript {
  /** What the script did: its exit code and its standard output, line by line. */
  public record Run(int exitCode, List<String> lines, String errors) {}

  private NodeScript() {}

  public static Run run(String script, Duration timeout, String... args) {
    Path dir = SocketIoNodeClient.nodeDirectory();
    if (!Files.isRegularFile(dir.resolve(script))) {
      throw new IllegalArgumentException("no script " + script + " in " + dir);
    }
    List<String> command = new ArrayList<>(List.of(SocketIoNodeClient.requireNode("node"), script));
    command.addAll(List.of(args));
    try {
      Path errors = Files.createTempFile("node-script", ".err");
      try {
        Process process = new ProcessBuilder(command).directory(dir.toFile())
            .redirectError(errors.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(script + " took more than " + timeout);
        }
        return new Run(process.exitValue(), out.lines().toList(), Files.readString(errors));
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + script, e);
    }
  }
}
