package dev.atrium.server.cli;

import ch.qos.logback.classic.Level;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.server.Atrium;
import dev.atrium.server.Config;
import dev.atrium.server.Main;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code atrium admin …}: administration from the command line, on the database the server is configured
 * with (the same configuration file, environment variables and flags), without starting the server. Each
 * command opens the database, calls one service as an administrator, prints the result and closes the
 * database; the services check and audit it exactly as they do a request over HTTP. An H2 file database can be
 * opened by one process at a time, so with H2 the server must be stopped first; PostgreSQL has no such limit.
 * The events a command publishes stay in its own process: a running server learns of a change from the
 * database, which the barrier check reads on every call.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    description = "Administers the configured database without starting the server.",
    subcommands = {GroupCommand.class, PolicyCommand.class, OutboxCommand.class, ClientCommand.class})
public final class AdminCommand implements Runnable {
  @ParentCommand @Nullable Main main;
  @Spec @Nullable CommandSpec spec;

  @Option(names = "--as", scope = ScopeType.INHERIT, paramLabel = "USER",
      description = "the administrator who acts, by username or email (default: the --admin-email setting)")
  @Nullable String actor;

  /** A command that cannot go on; its message is printed after {@code atrium: }, and the exit code is 1. */
  public static final class Failed extends RuntimeException {
    public Failed(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec().commandLine(),
        "Missing required subcommand: group, policy, outbox or client");
  }

  /** Opens the configured database, runs the work as the acting administrator, and closes the database. */
  <T> T run(BiFunction<Atrium.Services, User, T> work) {
    Config config = main().config();
    // The libraries' warnings (a database version jOOQ does not know, say) would mix with the output that
    // scripts read; errors still show.
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level level = root.getLevel();
    root.setLevel(Level.ERROR);
    try {
      Atrium.Services services;
      try {
        services = Atrium.Services.open(config, InstantSource.system(), new SecureRandom());
      } catch (RuntimeException e) {
        String hint = String.valueOf(e.getMessage()).contains("already in use")
            ? " (an H2 file database is opened by one process at a time: stop the server first)" : "";
        throw new Failed("cannot open the database: " + e.getMessage() + hint);
      }
      try (services) {
        String who = actor != null ? actor : config.adminEmail();
        User user = user(services.users(), who).orElseThrow(() -> new Failed("no user " + who
            + " in the database; start the server once to create the administrator, or name one with --as"));
        return work.apply(services, user);
      }
    } finally {
      root.setLevel(level);
    }
  }

  /** The user named by a username or an email address. */
  static Optional<User> user(Users users, String usernameOrEmail) {
    return users.byUsername(usernameOrEmail).or(() -> users.byEmail(usernameOrEmail));
  }

  PrintWriter out() {
    return spec().commandLine().getOut();
  }

  PrintWriter err() {
    return spec().commandLine().getErr();
  }

  private Main main() {
    if (main == null) {
      throw new IllegalStateException("the admin command runs under the atrium command");
    }
    return main;
  }

  private CommandSpec spec() {
    if (spec == null) {
      throw new IllegalStateException("picocli injects the spec");
    }
    return spec;
  }
}
