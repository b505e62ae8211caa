package dev.atrium.server;

import dev.atrium.core.error.AtriumException;
import dev.atrium.server.cli.AdminCommand;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/**
 * {@code java -jar atrium.jar [flags]}: runs the server until it is stopped. {@code java -jar atrium.jar admin …}
 * changes the configured database from the command line instead, without starting the server.
 */
@Command(name = "atrium", mixinStandardHelpOptions = true, version = Atrium.VERSION,
    description = {"Runs the Atrium server.",
        "Each setting comes from its flag, else its environment variable (named below), else the configuration"
            + " file, else its default. Secrets are better in the file or the environment: other users of the"
            + " machine can read a process's flags."},
    subcommands = AdminCommand.class)
public final class Main implements Callable<Integer> {
  // INHERIT: the admin commands take the same flags, before or after their own name.
  @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "a configuration file of key=value lines, the keys being these flags without their dashes"
          + " (" + Config.CONFIG_VARIABLE + ")")
  @Nullable Path configFile;

  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);
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
    for (Setting setting : Setting.values()) {
      // Added after the subcommands, an inherited option still reaches them all; every copy sets this map.
      cli.getCommandSpec().addOption(OptionSpec.builder(setting.flag())
          .type(String.class)
          .scopeType(ScopeType.INHERIT)
          .paramLabel("<" + setting.key() + ">")
          .description(setting.variable() + ": " + setting.description()
              + (setting.secret() ? "; a secret, better in the file or the environment than as a flag" : ""))
          .setter(new CommandLine.Model.ISetter() {
            @Override
            public <T> @Nullable T set(@Nullable T value) {
              // picocli also sets each option's initial value, null, before parsing
              if (value != null) {
                main.flags.put(setting, (String) value);
              }
              return null;
            }
          })
          .build());
    }
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

  /** The settings: the configuration file, overridden by the environment, overridden by the flags given. */
  public Config config() {
    return Config.from(environment, configFile, flags);
  }

  @Override
  public Integer call() throws InterruptedException {
    Config config = config();
    Atrium atrium = Atrium.start(config);
    atrium.generatedAdminPassword().ifPresent(password -> System.out.println("""
        Created the administrator account. Log in with
          email:    %s
          password: %s
        This password is shown only once; set admin-password in the configuration file (or
        ATRIUM_ADMIN_PASSWORD) to choose your own.""".formatted(
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
}
