package dev.atrium.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The server's settings: defaults, then environment variables, then command-line flags. Validated once at
 * start with exact messages; immutable afterwards.
 */
public record Config(
    int port,
    String host,
    Path dataDir,
    @Nullable String dbUrl,
    @Nullable String dbUser,
    @Nullable String dbPassword,
    String adminEmail,
    @Nullable String adminPassword,
    long podId,
    @Nullable String publicUrl,
    Argon2Hasher.Cost passwordHash,
    Duration sessionLifetime,
    int dbPoolSize,
    Duration presenceTtl) {

  public static final Argon2Hasher.Cost DEFAULT_HASH = new Argon2Hasher.Cost(19_456, 2, 1);

  /** Thrown with every problem found, one per line. */
  public static final class Invalid extends RuntimeException {
    public Invalid(List<String> problems) {
      super(String.join("\n", problems));
    }
  }

  /** Reads the settings from the named values (environment variable names), checking each one. */
  public static Config from(Map<String, String> values) {
    List<String> problems = new ArrayList<>();
    Reader r = new Reader(values, problems);
    int port = (int) r.integer("ATRIUM_PORT", 8080, 0, 65535);
    String host = r.text("ATRIUM_HOST", "0.0.0.0");
    Path dataDir = Path.of(r.text("ATRIUM_DATA_DIR", "./data"));
    String dbUrl = r.optional("ATRIUM_DB_URL").orElse(null);
    if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
      problems.add("ATRIUM_DB_URL must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got '"
          + dbUrl + "'");
    }
    String dbUser = r.optional("ATRIUM_DB_USER").orElse(null);
    String dbPassword = r.optional("ATRIUM_DB_PASSWORD").orElse(null);
    String adminEmail = r.text("ATRIUM_ADMIN_EMAIL", "admin@atrium.local");
    if (!adminEmail.matches("^[^@\\s]+@[^@\\s]+$")) {
      problems.add("ATRIUM_ADMIN_EMAIL must be an email address, got '" + adminEmail + "'");
    }
    String adminPassword = r.optional("ATRIUM_ADMIN_PASSWORD").orElse(null);
    if (adminPassword != null && (adminPassword.length() < 8 || adminPassword.length() > 256)) {
      problems.add("ATRIUM_ADMIN_PASSWORD must be 8 to 256 characters long");
    }
    long podId = r.integer("ATRIUM_POD_ID", 1, 0, (1 << 27) - 1);
    String publicUrl = r.optional("ATRIUM_PUBLIC_URL").orElse(null);
    if (publicUrl != null) {
      try {
        URI uri = URI.create(publicUrl);
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
          problems.add("ATRIUM_PUBLIC_URL must be an http or https URL, got '" + publicUrl + "'");
        }
      } catch (IllegalArgumentException e) {
        problems.add("ATRIUM_PUBLIC_URL must be an http or https URL, got '" + publicUrl + "'");
      }
    }
    Argon2Hasher.Cost cost = DEFAULT_HASH;
    Optional<String> hash = r.optional("ATRIUM_PASSWORD_HASH");
    if (hash.isPresent()) {
      try {
        cost = Argon2Hasher.Cost.parse(hash.get());
      } catch (IllegalArgumentException e) {
        problems.add("ATRIUM_PASSWORD_HASH " + e.getMessage() + ", got '" + hash.get() + "'");
      }
    }
    long ttlHours = r.integer("ATRIUM_SESSION_TTL_HOURS", 336, 1, 24 * 365);
    int poolSize = (int) r.integer("ATRIUM_DB_POOL_SIZE", 16, 1, 500);
    long presenceMinutes = r.integer("ATRIUM_PRESENCE_TTL_MINUTES", 60, 1, 7 * 24 * 60);
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return new Config(port, host, dataDir, dbUrl, dbUser, dbPassword, adminEmail, adminPassword, podId, publicUrl,
        cost, Duration.ofHours(ttlHours), poolSize, Duration.ofMinutes(presenceMinutes));
  }

  /** The base of links the server hands out (avatar URLs): the configured one, else this host and port. */
  public String publicUrl(int boundPort) {
    return publicUrl != null ? publicUrl : "http://localhost:" + boundPort;
  }

  private record Reader(Map<String, String> values, List<String> problems) {
    Optional<String> optional(String name) {
      String value = values.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String text(String name, String fallback) {
      return optional(name).orElse(fallback);
    }

    long integer(String name, long fallback, long min, long max) {
      Optional<String> value = optional(name);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        long parsed = Long.parseLong(value.get());
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(name + " must be an integer from " + min + " to " + max + ", got '" + value.get() + "'");
      return fallback;
    }
  }
}
