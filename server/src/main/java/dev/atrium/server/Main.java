package dev.atrium.server;

import dev.atrium.core.error.AtriumException;
import dev.atrium.server.cli.AdminCommand;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar atrium.jar [flags]}: runs the server until it is stopped. {@code java -jar atrium.jar admin …}
 * changes the configured database from the command line instead, without starting the server.
 */
@Command(name = "atrium", mixinStandardHelpOptions = true, version = Atrium.VERSION,
    description = "Runs the Atrium server. Every flag overrides the environment variable of the same meaning.",
    subcommands = AdminCommand.class)
public final class Main implements Callable<Integer> {
  // INHERIT: the admin commands take the same flags, before or after their own name.
  @Option(names = "--port", scope = ScopeType.INHERIT, description = "ATRIUM_PORT (default 8080)") String port;
  @Option(names = "--host", scope = ScopeType.INHERIT, description = "ATRIUM_HOST (default 0.0.0.0)") String host;
  @Option(names = "--data-dir", scope = ScopeType.INHERIT, description = "ATRIUM_DATA_DIR (default ./data)") Path dataDir;
  @Option(names = "--db-url", scope = ScopeType.INHERIT, description = "ATRIUM_DB_URL (PostgreSQL JDBC URL; default: H2 in the data dir)") String dbUrl;
  @Option(names = "--db-user", scope = ScopeType.INHERIT, description = "ATRIUM_DB_USER") String dbUser;
  @Option(names = "--admin-email", scope = ScopeType.INHERIT, description = "ATRIUM_ADMIN_EMAIL (default admin@atrium.local)") String adminEmail;
  @Option(names = "--pod-id", scope = ScopeType.INHERIT, description = "ATRIUM_POD_ID (default 1)") String podId;
  @Option(names = "--public-url", scope = ScopeType.INHERIT, description = "ATRIUM_PUBLIC_URL") String publicUrl;
  @Option(names = "--password-hash", scope = ScopeType.INHERIT, description = "ATRIUM_PASSWORD_HASH (default m=19456,t=2,p=1)") String passwordHash;
  @Option(names = "--uri-protocols", scope = ScopeType.INHERIT, description = "ATRIUM_URI_PROTOCOLS (default http,https,ftp,mailto)") String uriProtocols;

  private final Map<String, String> environment;

  public Main() {
    this(System.getenv());
  }

  /** Reads its settings from the environment given instead of the process's (for tests). */
  public Main(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  public static void main(String[] args) {
    System.exit(commandLine(new Main()).execute(args));
  }

  /**
   * The command line over this command: a domain error of an admin command is one line on stderr and exit
   * code 1, invalid settings exit with 2.
   */
  public static CommandLine commandLine(Main main) {
    CommandLine cli = new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (e instanceof Config.Invalid) {
        commandLine.getErr().println("atrium: invalid configuration:\n" + e.getMessage());
        commandLine.getErr().flush();
        return 2;
      }
      if (e instanceof AtriumException || e instanceof AdminCommand.Failed) {
        commandLine.getErr().println("atrium: " + e.getMessage());
        commandLine.getErr().flush();
        return 1;
      }
      throw e;
    });
    return cli;
  }

  /** The settings: the environment, overridden by the flags given. */
  public Config config() {
    Map<String, String> values = new HashMap<>(environment);
    put(values, "ATRIUM_PORT", port);
    put(values, "ATRIUM_HOST", host);
    put(values, "ATRIUM_DATA_DIR", dataDir == null ? null : dataDir.toString());
    put(values, "ATRIUM_DB_URL", dbUrl);
    put(values, "ATRIUM_DB_USER", dbUser);
    put(values, "ATRIUM_ADMIN_EMAIL", adminEmail);
    put(values, "ATRIUM_POD_ID", podId);
    put(values, "ATRIUM_PUBLIC_URL", publicUrl);
    put(values, "ATRIUM_PASSWORD_HASH", passwordHash);
    put(values, "ATRIUM_URI_PROTOCOLS", uriProtocols);
    return Config.from(values);
  }

  @Override
  public Integer call() throws InterruptedException {
    Config config;
    try {
      config = config();
    } catch (Config.Invalid e) {
      System.err.println("atrium: invalid configuration:\n" + e.getMessage());
      return 2;
    }
    Atrium atrium = Atrium.start(config);
    atrium.generatedAdminPassword().ifPresent(password -> System.out.println("""
        Created the administrator account. Log in with
          email:    %s
          password: %s
        This password is shown only once; set ATRIUM_ADMIN_PASSWORD to choose your own.""".formatted(
        config.adminEmail(), password)));
    System.out.println("Atrium " + Atrium.VERSION + " listening on " + config.host() + ":" + atrium.port());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      atrium.close();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  private static void put(Map<String, String> values, String name, String value) {
    if (value != null) {
      values.put(name, value);
    }
  }
}
