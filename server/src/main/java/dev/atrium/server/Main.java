package dev.atrium.server;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar atrium.jar [flags]}: runs the server until it is stopped. */
@Command(name = "atrium", mixinStandardHelpOptions = true, version = Atrium.VERSION,
    description = "Runs the Atrium server. Every flag overrides the environment variable of the same meaning.")
public final class Main implements Callable<Integer> {
  @Option(names = "--port", description = "ATRIUM_PORT (default 8080)") String port;
  @Option(names = "--host", description = "ATRIUM_HOST (default 0.0.0.0)") String host;
  @Option(names = "--data-dir", description = "ATRIUM_DATA_DIR (default ./data)") Path dataDir;
  @Option(names = "--db-url", description = "ATRIUM_DB_URL (PostgreSQL JDBC URL; default: H2 in the data dir)") String dbUrl;
  @Option(names = "--db-user", description = "ATRIUM_DB_USER") String dbUser;
  @Option(names = "--admin-email", description = "ATRIUM_ADMIN_EMAIL (default admin@atrium.local)") String adminEmail;
  @Option(names = "--pod-id", description = "ATRIUM_POD_ID (default 1)") String podId;
  @Option(names = "--public-url", description = "ATRIUM_PUBLIC_URL") String publicUrl;
  @Option(names = "--password-hash", description = "ATRIUM_PASSWORD_HASH (default m=19456,t=2,p=1)") String passwordHash;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> values = new HashMap<>(System.getenv());
    put(values, "ATRIUM_PORT", port);
    put(values, "ATRIUM_HOST", host);
    put(values, "ATRIUM_DATA_DIR", dataDir == null ? null : dataDir.toString());
    put(values, "ATRIUM_DB_URL", dbUrl);
    put(values, "ATRIUM_DB_USER", dbUser);
    put(values, "ATRIUM_ADMIN_EMAIL", adminEmail);
    put(values, "ATRIUM_POD_ID", podId);
    put(values, "ATRIUM_PUBLIC_URL", publicUrl);
    put(values, "ATRIUM_PASSWORD_HASH", passwordHash);
    Config config;
    try {
      config = Config.from(values);
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
