package dev.atrium.server;

import java.net.URI;
import java.net.URISyntaxException;
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
    Duration presenceTtl,
    @Nullable FacebookApp facebook,
    @Nullable ReadyPlayerMeApp readyPlayerMe,
    @Nullable Smtp smtp,
    Duration verificationTtl,
    List<String> uriProtocols) {

  public static final Argon2Hasher.Cost DEFAULT_HASH = new Argon2Hasher.Cost(19_456, 2, 1);
  /** Graph API calls name their version; v25.0 is the one the Graph reference shows (2026). */
  public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.facebook.com/v25.0");
  /** The base of Ready Player Me's REST API as its reference names it. */
  public static final URI DEFAULT_RPM_API_URL = URI.create("https://api.readyplayer.me");
  /** The schemes the pod API's spec names for its URI protocols: "http, https, ftp" and, in its example, mailto. */
  public static final List<String> DEFAULT_URI_PROTOCOLS = List.of("http", "https", "ftp", "mailto");

  /** This server's Facebook app, when Facebook login is configured. {@link #toString} hides the secret. */
  public record FacebookApp(String appId, String appSecret, URI graphUrl) {
    @Override
    public String toString() {
      return "FacebookApp[appId=" + appId + ", appSecret=(hidden), graphUrl=" + graphUrl + "]";
    }
  }

  /** This server's Ready Player Me partner application. {@link #toString} hides the API key. */
  public record ReadyPlayerMeApp(String apiKey, String partner, URI apiUrl) {
    @Override
    public String toString() {
      return "ReadyPlayerMeApp[apiKey=(hidden), partner=" + partner + ", apiUrl=" + apiUrl + "]";
    }
  }

  /**
   * The SMTP server that mail goes through, logging in with {@code user} and {@code password} if given. Without
   * one, mail is kept in the outbox for an administrator to read.
   */
  public record Smtp(String host, int port, @Nullable String user, @Nullable String password, String from,
      Security security) {

    /** How the connection is protected: not at all, upgraded with STARTTLS (required), or TLS from the start. */
    public enum Security {
      NONE,
      STARTTLS,
      TLS
    }

    @Override
    public String toString() {
      return "Smtp[" + host + ":" + port + ", " + security + ", from " + from
          + (user == null ? "" : ", user " + user + ", password ***") + "]";
    }
  }

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
    FacebookApp facebook = facebook(r, problems);
    ReadyPlayerMeApp readyPlayerMe = readyPlayerMe(r, problems);
    Smtp smtp = smtp(r);
    long verificationHours = r.integer("ATRIUM_VERIFICATION_TTL_HOURS", 24, 1, 720);
    List<String> uriProtocols = r.schemes("ATRIUM_URI_PROTOCOLS", DEFAULT_URI_PROTOCOLS);
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return new Config(port, host, dataDir, dbUrl, dbUser, dbPassword, adminEmail, adminPassword, podId, publicUrl,
        cost, Duration.ofHours(ttlHours), poolSize, Duration.ofMinutes(presenceMinutes), facebook, readyPlayerMe,
        smtp, Duration.ofHours(verificationHours), uriProtocols);
  }

  // Secrets are checked for their shape only and never repeated in a message: messages reach logs and consoles.
  private static @Nullable FacebookApp facebook(Reader r, List<String> problems) {
    Optional<String> appId = r.optional("ATRIUM_FACEBOOK_APP_ID");
    Optional<String> appSecret = r.optional("ATRIUM_FACEBOOK_APP_SECRET");
    URI graphUrl = r.url("ATRIUM_FACEBOOK_GRAPH_URL", DEFAULT_GRAPH_URL);
    if (!graphUrl.getPath().matches(".*/v[0-9]+\\.[0-9]+")) {
      problems.add("ATRIUM_FACEBOOK_GRAPH_URL must end with a Graph API version such as /v25.0, got '" + graphUrl
          + "'");
    }
    if (appId.isPresent() && !appId.get().matches("[0-9]{1,32}")) {
      problems.add("ATRIUM_FACEBOOK_APP_ID must be the app's numeric id, got '" + appId.get() + "'");
    }
    if (appSecret.isPresent() && !appSecret.get().matches("[0-9a-fA-F]{32}")) {
      problems.add("ATRIUM_FACEBOOK_APP_SECRET must be the app secret, 32 hexadecimal digits (value not shown)");
    }
    if (appId.isPresent() != appSecret.isPresent()) {
      problems.add(appId.isPresent() ? "ATRIUM_FACEBOOK_APP_SECRET must be set with ATRIUM_FACEBOOK_APP_ID"
          : "ATRIUM_FACEBOOK_APP_ID must be set with ATRIUM_FACEBOOK_APP_SECRET");
    }
    return appId.isPresent() && appSecret.isPresent() ? new FacebookApp(appId.get(), appSecret.get(), graphUrl)
        : null;
  }

  private static @Nullable ReadyPlayerMeApp readyPlayerMe(Reader r, List<String> problems) {
    Optional<String> apiKey = r.optional("ATRIUM_RPM_API_KEY");
    Optional<String> partner = r.optional("ATRIUM_RPM_PARTNER");
    URI apiUrl = r.url("ATRIUM_RPM_API_URL", DEFAULT_RPM_API_URL);
    if (apiKey.isPresent() && !apiKey.get().matches("\\S{8,512}")) {
      problems.add("ATRIUM_RPM_API_KEY must be 8 to 512 characters without spaces (value not shown)");
    }
    if (partner.isPresent() && !partner.get().matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
      problems.add("ATRIUM_RPM_PARTNER must be the application's Ready Player Me subdomain (letters, digits and"
          + " inner '-'), got '" + partner.get() + "'");
    }
    if (apiKey.isPresent() != partner.isPresent()) {
      problems.add(apiKey.isPresent() ? "ATRIUM_RPM_PARTNER must be set with ATRIUM_RPM_API_KEY"
          : "ATRIUM_RPM_API_KEY must be set with ATRIUM_RPM_PARTNER");
    }
    return apiKey.isPresent() && partner.isPresent() ? new ReadyPlayerMeApp(apiKey.get(), partner.get(), apiUrl)
        : null;
  }

  private static final List<String> SMTP_SETTINGS = List.of("ATRIUM_SMTP_PORT", "ATRIUM_SMTP_USER",
      "ATRIUM_SMTP_PASSWORD", "ATRIUM_SMTP_FROM", "ATRIUM_SMTP_STARTTLS", "ATRIUM_SMTP_TLS");

  /** The SMTP settings, or null when ATRIUM_SMTP_HOST is not set (then none of the others may be). */
  private static @Nullable Smtp smtp(Reader r) {
    Optional<String> host = r.optional("ATRIUM_SMTP_HOST");
    if (host.isEmpty()) {
      List<String> stray = SMTP_SETTINGS.stream().filter(name -> r.optional(name).isPresent()).toList();
      if (!stray.isEmpty()) {
        r.problems().add(String.join(", ", stray) + (stray.size() == 1 ? " is" : " are")
            + " set but ATRIUM_SMTP_HOST is not");
      }
      return null;
    }
    if (!host.get().matches("[A-Za-z0-9.:\\[\\]_-]+")) {
      r.problems().add("ATRIUM_SMTP_HOST must be a host name or address, got '" + host.get() + "'");
    }
    boolean tls = r.bool("ATRIUM_SMTP_TLS", false);
    boolean starttls = r.bool("ATRIUM_SMTP_STARTTLS", !tls);
    if (tls && starttls) {
      r.problems().add("ATRIUM_SMTP_TLS and ATRIUM_SMTP_STARTTLS cannot both be true: TLS from the start, or an"
          + " upgrade with STARTTLS");
    }
    Smtp.Security security = tls ? Smtp.Security.TLS : starttls ? Smtp.Security.STARTTLS : Smtp.Security.NONE;
    int port = (int) r.integer("ATRIUM_SMTP_PORT", switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case TLS -> 465;
    }, 1, 65535);
    String user = r.optional("ATRIUM_SMTP_USER").orElse(null);
    String password = r.optional("ATRIUM_SMTP_PASSWORD").orElse(null);
    if ((user == null) != (password == null)) {
      r.problems().add("ATRIUM_SMTP_USER and ATRIUM_SMTP_PASSWORD must be set together");
    }
    Optional<String> from = r.optional("ATRIUM_SMTP_FROM");
    if (from.isEmpty()) {
      r.problems().add("ATRIUM_SMTP_FROM is required when ATRIUM_SMTP_HOST is set: the sender of every mail");
    } else if (!SmtpMailer.isAddress(from.get())) {
      r.problems().add("ATRIUM_SMTP_FROM must be an email address, optionally with a name (Atrium"
          + " <atrium@example.com>), got '" + from.get() + "'");
    }
    return new Smtp(host.get(), port, user, password, from.orElse(""), security);
  }

  /** The base of links the server hands out (avatar URLs): the configured one, else this host and port. */
  public String publicUrl(int boundPort) {
    return publicUrl != null ? publicUrl : "http://localhost:" + boundPort;
  }

  private record Reader(Map<String, String> values, List<String> problems) {
    boolean bool(String name, boolean fallback) {
      Optional<String> value = optional(name);
      if (value.isEmpty()) {
        return fallback;
      }
      return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> {
          problems.add(name + " must be true or false, got '" + value.get() + "'");
          yield fallback;
        }
      };
    }

    Optional<String> optional(String name) {
      String value = values.get(name);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    String text(String name, String fallback) {
      return optional(name).orElse(fallback);
    }

    /** An http or https URL without query or fragment; a trailing slash is dropped. */
    URI url(String name, URI fallback) {
      Optional<String> value = optional(name);
      if (value.isEmpty()) {
        return fallback;
      }
      String text = value.get().endsWith("/") ? value.get().substring(0, value.get().length() - 1) : value.get();
      try {
        URI uri = new URI(text);
        if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null
            && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null) {
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      problems.add(name + " must be an http or https URL without query or credentials, got "
          + (value.get().contains("@") ? "a value with credentials (not shown)" : "'" + value.get() + "'"));
      return fallback;
    }

    /** URI schemes (RFC 3986) separated by commas, lower-cased, each once. */
    List<String> schemes(String name, List<String> fallback) {
      Optional<String> value = optional(name);
      if (value.isEmpty()) {
        return fallback;
      }
      java.util.Set<String> schemes = new java.util.LinkedHashSet<>();
      for (String part : value.get().split(",", -1)) {
        String scheme = part.strip().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]{0,31}")) {
          problems.add(name + " must be URI schemes separated by commas (each a letter, then up to 31 letters,"
              + " digits, '+', '-' or '.'), got '" + value.get() + "'");
          return fallback;
        }
        schemes.add(scheme);
      }
      return List.copyOf(schemes);
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
