package dev.atrium.server;

import static dev.atrium.server.Setting.*;

import dev.atrium.api.atrium.AtriumApi;
import dev.atrium.api.livedigital.LiveDigitalApi;
import dev.atrium.api.rocketchat.RocketChatApi;
import dev.atrium.api.roomful.RoomfulApi;
import dev.atrium.api.symphony.SymphonyApi;
import dev.atrium.cluster.redis.RedisLink;
import dev.atrium.http.Cors;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.http.RateLimits;
import dev.atrium.http.RemoteImages;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The server's settings ({@link Setting} lists them): defaults, then a configuration file, then environment
 * variables, then command-line flags. Validated once at start with exact messages; immutable afterwards.
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
    List<String> dialects,
    List<String> uriProtocols,
    RateLimits.Policy rateLimits,
    boolean trustForwarded,
    RemoteImages.Reach avatarUrls,
    Cors.Origins corsOrigins,
    Bounds bounds,
    LoginGuard.Limits loginLimits,
    int hashThreads,
    LiveDigital livedigital,
    @Nullable CaptchaSite captcha,
    @Nullable Cluster cluster) {

  /** Every dialect a server can speak, in the order they are installed. */
  public static final List<String> DIALECTS = List.of(SymphonyApi.NAME, RoomfulApi.NAME, RocketChatApi.NAME,
      LiveDigitalApi.NAME, AtriumApi.NAME);

  /** The dialects a server speaks unless told otherwise: all of them. */
  public static final List<String> DEFAULT_DIALECTS = DIALECTS;

  public Config {
    dialects = List.copyOf(dialects);
    uriProtocols = List.copyOf(uriProtocols);
  }

  /** The components that hold a secret; the nested records hide their own. */
  private static final Set<String> SECRETS = Set.of("dbPassword", "adminPassword");

  /** Every setting, with the secrets hidden: a configuration printed to a log or console shows no password. */
  @Override
  public String toString() {
    return Arrays.stream(Config.class.getRecordComponents()).map(c -> {
      try {
        Object value = c.getAccessor().invoke(this);
        return c.getName() + "=" + (value != null && SECRETS.contains(c.getName()) ? "(hidden)" : value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("a record's accessor cannot be called: " + c.getName(), e);
      }
    }).collect(Collectors.joining(", ", "Config[", "]"));
  }

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

  /**
   * LiveDigital's tokens: their lifetimes, and the key that signs them when one is configured (else a key kept in
   * the database signs). {@link #toString} never shows the key.
   */
  public record LiveDigital(Duration accessTtl, Duration refreshTtl, byte @Nullable [] signingKey) {
    public static final LiveDigital DEFAULT = new LiveDigital(Duration.ofDays(7), Duration.ofDays(21), null);

    @Override
    public byte @Nullable [] signingKey() {
      return signingKey == null ? null : signingKey.clone();
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof LiveDigital o && accessTtl.equals(o.accessTtl) && refreshTtl.equals(o.refreshTtl)
          && Arrays.equals(signingKey, o.signingKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(accessTtl, refreshTtl, Arrays.hashCode(signingKey));
    }

    @Override
    public String toString() {
      return "LiveDigital[accessTtl=" + accessTtl + ", refreshTtl=" + refreshTtl + ", signingKey="
          + (signingKey == null ? "(generated)" : "(hidden)") + "]";
    }
  }

  /**
   * The captcha service that checks the tokens of sign-up forms (LiveDigital's {@code captchaToken}): its verify URL
   * (hCaptcha's, reCAPTCHA's or Turnstile's siteverify) and the site's secret. {@link #toString} never shows the
   * secret.
   */
  public record CaptchaSite(URI verifyUrl, String secret) {
    @Override
    public String toString() {
      return "CaptchaSite[" + verifyUrl + ", secret ***]";
    }
  }

  /**
   * Cluster mode: the Redis the nodes share, the cluster's name (the prefix of its Redis keys and channels) and this
   * node's. {@link #toString} never shows the Redis URL, which may hold a password.
   */
  public record Cluster(String redisUrl, String name, String nodeId) {
    @Override
    public String toString() {
      return "Cluster[" + name + ", node " + nodeId + ", redis (hidden)]";
    }
  }

  /**
   * What one client may hold: open sockets per session and per user (on this node), frames queued for a socket
   * that does not read, the time to send a request's headers, and the silence an HTTP connection may keep.
   */
  public record Bounds(int socketsPerSession, int socketsPerUser, int socketQueue, Duration headerTimeout,
      Duration idleTimeout) {}

  /** Thrown with every problem found, one per line. */
  public static final class Invalid extends RuntimeException {
    public Invalid(List<String> problems) {
      super(String.join("\n", problems));
    }
  }

  /** The environment variable that names a configuration file when {@code --config} does not. */
  public static final String CONFIG_VARIABLE = "ATRIUM_CONFIG";

  /** Where a value was set, which decides how a message names its setting. */
  enum Origin {
    FILE,
    ENVIRONMENT,
    FLAG
  }

  /** A value as set, stripped and never blank; {@code location} prefixes messages about it ("" or "file:3: "). */
  record Given(String value, Origin origin, String location) {}

  /** Reads the settings from the environment and the configuration file it names (for tests: no flags). */
  public static Config from(Map<String, String> environment) {
    return from(environment, null, Map.of());
  }

  /**
   * Reads the settings: the defaults, overridden by the configuration file ({@code configFile}, else the one
   * {@value #CONFIG_VARIABLE} names), overridden by the environment variables, overridden by the flags. A blank
   * value counts as not set. Every value is checked, and every problem reported at once.
   */
  public static Config from(Map<String, String> environment, @Nullable Path configFile, Map<Setting, String> flags) {
    List<String> problems = new ArrayList<>();
    Map<Setting, Given> given = new EnumMap<>(Setting.class);
    String configVariable = environment.get(CONFIG_VARIABLE);
    Path file = configFile != null ? configFile
        : configVariable != null && !configVariable.isBlank() ? Path.of(configVariable.strip()) : null;
    if (file != null) {
      given.putAll(ConfigFile.read(file, problems));
    }
    for (Setting setting : Setting.values()) {
      override(given, setting, environment.get(setting.variable()), Origin.ENVIRONMENT);
      override(given, setting, flags.get(setting), Origin.FLAG);
    }
    Config config = read(new Reader(given, problems));
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return config;
  }

  private static void override(Map<Setting, Given> given, Setting setting, @Nullable String value, Origin origin) {
    if (value != null && !value.isBlank()) {
      given.put(setting, new Given(value.strip(), origin, ""));
    }
  }

  private static Config read(Reader r) {
    int port = (int) r.integer(PORT, 8080, 0, 65535);
    String host = r.text(HOST, "0.0.0.0");
    Path dataDir = Path.of(r.text(DATA_DIR, "./data"));
    String dbUrl = r.optional(DB_URL).orElse(null);
    if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
      r.problem("%s must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), got '%s'", DB_URL, dbUrl);
    }
    String dbUser = r.optional(DB_USER).orElse(null);
    String dbPassword = r.optional(DB_PASSWORD).orElse(null);
    String adminEmail = r.text(ADMIN_EMAIL, "admin@atrium.local");
    if (!adminEmail.matches("^[^@\\s]+@[^@\\s]+$")) {
      r.problem("%s must be an email address, got '%s'", ADMIN_EMAIL, adminEmail);
    }
    String adminPassword = r.optional(ADMIN_PASSWORD).orElse(null);
    if (adminPassword != null && (adminPassword.length() < 8 || adminPassword.length() > 256)) {
      r.problem("%s must be 8 to 256 characters long", ADMIN_PASSWORD);
    }
    long podId = r.integer(POD_ID, 1, 0, (1 << 27) - 1);
    String publicUrl = r.optional(PUBLIC_URL).orElse(null);
    if (publicUrl != null) {
      boolean valid;
      try {
        URI uri = URI.create(publicUrl);
        valid = uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null;
      } catch (IllegalArgumentException e) {
        valid = false;
      }
      if (!valid) {
        r.problem("%s must be an http or https URL, got '%s'", PUBLIC_URL, publicUrl);
      }
    }
    Argon2Hasher.Cost cost = DEFAULT_HASH;
    Optional<String> hash = r.optional(PASSWORD_HASH);
    if (hash.isPresent()) {
      try {
        cost = Argon2Hasher.Cost.parse(hash.get());
      } catch (IllegalArgumentException e) {
        r.problem("%s %s, got '%s'", PASSWORD_HASH, Objects.requireNonNullElse(e.getMessage(), "is invalid"),
            hash.get());
      }
    }
    long ttlHours = r.integer(SESSION_TTL_HOURS, 336, 1, 24 * 365);
    int poolSize = (int) r.integer(DB_POOL_SIZE, 16, 1, 500);
    long presenceMinutes = r.integer(PRESENCE_TTL_MINUTES, 60, 1, 7 * 24 * 60);
    FacebookApp facebook = facebook(r);
    ReadyPlayerMeApp readyPlayerMe = readyPlayerMe(r);
    Smtp smtp = smtp(r);
    long verificationHours = r.integer(VERIFICATION_TTL_HOURS, 24, 1, 720);
    List<String> dialects = dialects(r);
    List<String> uriProtocols = r.schemes(URI_PROTOCOLS, DEFAULT_URI_PROTOCOLS);
    RateLimits.Policy rateLimits = RateLimits.Policy.DEFAULT;
    Optional<String> limits = r.optional(RATE_LIMITS);
    if (limits.isPresent()) {
      try {
        rateLimits = RateLimits.Policy.parse(limits.get());
      } catch (IllegalArgumentException e) {
        r.problem("%s %s, got '%s'", RATE_LIMITS, Objects.requireNonNullElse(e.getMessage(), "is invalid"),
            limits.get());
      }
    }
    boolean trustForwarded = r.bool(TRUST_FORWARDED, false);
    RemoteImages.Reach avatarUrls = RemoteImages.Reach.PUBLIC;
    Optional<String> reach = r.optional(AVATAR_URLS);
    if (reach.isPresent()) {
      avatarUrls = RemoteImages.Reach.parse(reach.get()).orElseGet(() -> {
        r.problem("%s must be public, any or off, got '%s'", AVATAR_URLS, reach.get());
        return RemoteImages.Reach.PUBLIC;
      });
    }
    Cors.Origins corsOrigins = Cors.Origins.OFF;
    Optional<String> origins = r.optional(CORS_ORIGINS);
    if (origins.isPresent()) {
      try {
        corsOrigins = Cors.Origins.parse(origins.get());
      } catch (IllegalArgumentException e) {
        r.problem("%s %s, got '%s'", CORS_ORIGINS, Objects.requireNonNullElse(e.getMessage(), "is invalid"),
            origins.get());
      }
    }
    Bounds bounds = new Bounds((int) r.integer(SOCKETS_PER_SESSION, 32, 1, 100_000),
        (int) r.integer(SOCKETS_PER_USER, 128, 1, 100_000), (int) r.integer(SOCKET_QUEUE, 1000, 1, 1_000_000),
        Duration.ofSeconds(r.integer(HEADER_TIMEOUT, 10, 1, 3600)), Duration.ofSeconds(r.integer(IDLE_TIMEOUT, 30, 1,
        24 * 3600)));
    LoginGuard.Limits loginLimits = LoginGuard.Limits.DEFAULT;
    Optional<String> login = r.optional(LOGIN_LIMITS);
    if (login.isPresent()) {
      try {
        loginLimits = LoginGuard.Limits.parse(login.get());
      } catch (IllegalArgumentException e) {
        r.problem("%s %s, got '%s'", LOGIN_LIMITS, Objects.requireNonNullElse(e.getMessage(), "is invalid"),
            login.get());
      }
    }
    int hashThreads = (int) r.integer(HASH_THREADS, Runtime.getRuntime().availableProcessors(), 1, 256);
    return new Config(port, host, dataDir, dbUrl, dbUser, dbPassword, adminEmail, adminPassword, podId, publicUrl,
        cost, Duration.ofHours(ttlHours), poolSize, Duration.ofMinutes(presenceMinutes), facebook, readyPlayerMe,
        smtp, Duration.ofHours(verificationHours), dialects, uriProtocols, rateLimits, trustForwarded, avatarUrls,
        corsOrigins, bounds, loginLimits, hashThreads, livedigital(r), captcha(r), cluster(r, dbUrl));
  }

  /**
   * Cluster mode, if {@code ATRIUM_REDIS_URL} is set: it needs PostgreSQL (nodes cannot share an embedded H2). The
   * node's name defaults to the host's name and a random suffix.
   */
  private static @Nullable Cluster cluster(Reader r, @Nullable String dbUrl) {
    Optional<String> url = r.optional(REDIS_URL);
    if (url.isEmpty()) {
      // a single node: the cluster's settings mean nothing, and Lettuce's classes stay unloaded
      return null;
    }
    String name = r.optional(CLUSTER_NAME).orElse("atrium");
    if (!RedisLink.NAME.matcher(name).matches()) {
      r.problem("%s must be 1 to 64 of A-Z a-z 0-9 _ . -, got '%s'", CLUSTER_NAME, name);
    }
    Optional<String> node = r.optional(NODE_ID);
    if (node.isPresent() && !RedisLink.NAME.matcher(node.get()).matches()) {
      r.problem("%s must be 1 to 64 of A-Z a-z 0-9 _ . -, got '%s'", NODE_ID, node.get());
    }
    if (!url.get().startsWith("redis://") && !url.get().startsWith("rediss://")) {
      r.problem("%s must be a redis:// or rediss:// URL (value not shown)", REDIS_URL);
      return null;
    }
    if (dbUrl == null || !dbUrl.startsWith("jdbc:postgresql:")) {
      r.problem("%s switches on cluster mode, which needs PostgreSQL: set %s to a jdbc:postgresql URL (nodes cannot"
          + " share the embedded H2)", REDIS_URL, DB_URL);
      return null;
    }
    return new Cluster(url.get(), name, node.orElseGet(Config::generatedNodeId));
  }

  private static String generatedNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "");
    } catch (UnknownHostException e) {
      host = "";
    }
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    String suffix = HexFormat.of().formatHex(random);
    String base = host.isEmpty() ? "node" : host.length() > 50 ? host.substring(0, 50) : host;
    return base + "-" + suffix;
  }

  /** What {@link Reader#url} gives back for a URL it refused, where no default stands in. */
  private static final URI NO_URL = URI.create("http://invalid");

  /** The captcha service, if both its URL (http or https) and its secret are set; one without the other is a problem. */
  private static @Nullable CaptchaSite captcha(Reader r) {
    Optional<String> url = r.optional(CAPTCHA_VERIFY_URL);
    Optional<String> secret = r.optional(CAPTCHA_SECRET);
    if (url.isEmpty() && secret.isEmpty()) {
      return null;
    }
    if (url.isEmpty() || secret.isEmpty()) {
      r.problem("%s and %s are set together or not at all", CAPTCHA_VERIFY_URL, CAPTCHA_SECRET);
      return null;
    }
    URI uri = r.url(CAPTCHA_VERIFY_URL, NO_URL);
    return uri == NO_URL ? null : new CaptchaSite(uri, secret.get());
  }

  /** The smallest configured signing key: HS256 wants a key of at least 256 bits. */
  static final int MIN_SIGNING_KEY_BYTES = 32;

  // The key is checked for its length only and never repeated in a message.
  private static LiveDigital livedigital(Reader r) {
    long access = r.integer(LIVEDIGITAL_ACCESS_TTL_HOURS, 168, 1, 24 * 365);
    long refresh = r.integer(LIVEDIGITAL_REFRESH_TTL_HOURS, 504, 1, 24 * 365 * 5);
    byte[] key = null;
    Optional<String> given = r.optional(LIVEDIGITAL_SIGNING_KEY);
    if (given.isPresent()) {
      key = signingKey(given.get());
      if (key.length < MIN_SIGNING_KEY_BYTES) {
        r.problem("%s must be at least " + MIN_SIGNING_KEY_BYTES + " bytes, base64 or text (value not shown)",
            LIVEDIGITAL_SIGNING_KEY);
      }
    }
    return new LiveDigital(Duration.ofHours(access), Duration.ofHours(refresh), key);
  }

  /** The key's bytes: its base64 (standard or URL-safe) when it is base64 of 32 bytes or more, else its UTF-8. */
  static byte[] signingKey(String value) {
    String text = value.strip();
    if (text.matches("[A-Za-z0-9+/_-]+={0,2}")) {
      try {
        byte[] decoded = Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
        if (decoded.length >= MIN_SIGNING_KEY_BYTES) {
          return decoded;
        }
      } catch (IllegalArgumentException e) {
        // not base64: the text is the key
      }
    }
    return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The dialects to speak: a comma-separated subset of {@link #DIALECTS}, each at most once. */
  private static List<String> dialects(Reader r) {
    Optional<String> value = r.optional(Setting.DIALECTS);
    if (value.isEmpty()) {
      return DEFAULT_DIALECTS;
    }
    List<String> named = java.util.Arrays.stream(value.get().split(",", -1)).map(String::strip)
        .map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
    if (named.stream().anyMatch(n -> !DIALECTS.contains(n)) || named.stream().distinct().count() != named.size()) {
      r.problem("%s must name some of " + String.join(", ", DIALECTS) + ", separated by commas, each once, got '%s'",
          Setting.DIALECTS, value.get());
      return DEFAULT_DIALECTS;
    }
    return DIALECTS.stream().filter(named::contains).toList();
  }

  // Secrets are checked for their shape only and never repeated in a message: messages reach logs and consoles.
  private static @Nullable FacebookApp facebook(Reader r) {
    Optional<String> appId = r.optional(FACEBOOK_APP_ID);
    Optional<String> appSecret = r.optional(FACEBOOK_APP_SECRET);
    URI graphUrl = r.url(FACEBOOK_GRAPH_URL, DEFAULT_GRAPH_URL);
    if (!graphUrl.getPath().matches(".*/v[0-9]+\\.[0-9]+")) {
      r.problem("%s must end with a Graph API version such as /v25.0, got '%s'", FACEBOOK_GRAPH_URL, graphUrl);
    }
    if (appId.isPresent() && !appId.get().matches("[0-9]{1,32}")) {
      r.problem("%s must be the app's numeric id, got '%s'", FACEBOOK_APP_ID, appId.get());
    }
    if (appSecret.isPresent() && !appSecret.get().matches("[0-9a-fA-F]{32}")) {
      r.problem("%s must be the app secret, 32 hexadecimal digits (value not shown)", FACEBOOK_APP_SECRET);
    }
    if (appId.isPresent() != appSecret.isPresent()) {
      if (appId.isPresent()) {
        r.problem("%s must be set with %s", FACEBOOK_APP_SECRET, FACEBOOK_APP_ID);
      } else {
        r.problem("%s must be set with %s", FACEBOOK_APP_ID, FACEBOOK_APP_SECRET);
      }
    }
    return appId.isPresent() && appSecret.isPresent() ? new FacebookApp(appId.get(), appSecret.get(), graphUrl)
        : null;
  }

  private static @Nullable ReadyPlayerMeApp readyPlayerMe(Reader r) {
    Optional<String> apiKey = r.optional(RPM_API_KEY);
    Optional<String> partner = r.optional(RPM_PARTNER);
    URI apiUrl = r.url(RPM_API_URL, DEFAULT_RPM_API_URL);
    if (apiKey.isPresent() && !apiKey.get().matches("\\S{8,512}")) {
      r.problem("%s must be 8 to 512 characters without spaces (value not shown)", RPM_API_KEY);
    }
    if (partner.isPresent() && !partner.get().matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")) {
      r.problem("%s must be the application's Ready Player Me subdomain (letters, digits and inner '-'), got '%s'",
          RPM_PARTNER, partner.get());
    }
    if (apiKey.isPresent() != partner.isPresent()) {
      if (apiKey.isPresent()) {
        r.problem("%s must be set with %s", RPM_PARTNER, RPM_API_KEY);
      } else {
        r.problem("%s must be set with %s", RPM_API_KEY, RPM_PARTNER);
      }
    }
    return apiKey.isPresent() && partner.isPresent() ? new ReadyPlayerMeApp(apiKey.get(), partner.get(), apiUrl)
        : null;
  }

  private static final List<Setting> SMTP_SETTINGS =
      List.of(SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM, SMTP_STARTTLS, SMTP_TLS);

  /** The SMTP settings, or null when SMTP_HOST is not set (then none of the others may be). */
  private static @Nullable Smtp smtp(Reader r) {
    Optional<String> host = r.optional(SMTP_HOST);
    if (host.isEmpty()) {
      List<Setting> stray = SMTP_SETTINGS.stream().filter(setting -> r.optional(setting).isPresent()).toList();
      if (!stray.isEmpty()) {
        List<Object> named = new ArrayList<>(stray);
        named.add(SMTP_HOST);
        r.problem(String.join(", ", Collections.nCopies(stray.size(), "%s")) + (stray.size() == 1 ? " is" : " are")
            + " set but %s is not", named.toArray());
      }
      return null;
    }
    if (!host.get().matches("[A-Za-z0-9.:\\[\\]_-]+")) {
      r.problem("%s must be a host name or address, got '%s'", SMTP_HOST, host.get());
    }
    boolean tls = r.bool(SMTP_TLS, false);
    boolean starttls = r.bool(SMTP_STARTTLS, !tls);
    if (tls && starttls) {
      r.problem("%s and %s cannot both be true: TLS from the start, or an upgrade with STARTTLS", SMTP_TLS,
          SMTP_STARTTLS);
    }
    Smtp.Security security = tls ? Smtp.Security.TLS : starttls ? Smtp.Security.STARTTLS : Smtp.Security.NONE;
    int port = (int) r.integer(SMTP_PORT, switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case TLS -> 465;
    }, 1, 65535);
    String user = r.optional(SMTP_USER).orElse(null);
    String password = r.optional(SMTP_PASSWORD).orElse(null);
    if ((user == null) != (password == null)) {
      r.problem("%s and %s must be set together", SMTP_USER, SMTP_PASSWORD);
    }
    Optional<String> from = r.optional(SMTP_FROM);
    if (from.isEmpty()) {
      r.problem("%s is required when %s is set: the sender of every mail", SMTP_FROM, SMTP_HOST);
    } else if (!SmtpMailer.isAddress(from.get())) {
      r.problem("%s must be an email address, optionally with a name (Atrium <atrium@example.com>), got '%s'",
          SMTP_FROM, from.get());
    }
    return new Smtp(host.get(), port, user, password, from.orElse(""), security);
  }

  /** The base of links the server hands out (avatar URLs): the configured one, else this host and port. */
  public String publicUrl(int boundPort) {
    return publicUrl != null ? publicUrl : "http://localhost:" + boundPort;
  }

  /** The values set, by setting; each problem found goes to {@code problems}. */
  private record Reader(Map<Setting, Given> given, List<String> problems) {
    /**
     * Adds a problem. Each setting among the arguments is called by the name it was set with (its variable, its
     * flag or its key in the file), one not set by the name the first one set was; a message about a value from
     * the file starts with the file and line.
     */
    void problem(String format, Object... arguments) {
      @Nullable Given subject = Arrays.stream(arguments).filter(Setting.class::isInstance).map(given::get)
          .filter(Objects::nonNull).findFirst().orElse(null);
      Origin vocabulary = subject == null ? Origin.ENVIRONMENT : subject.origin();
      Object[] named = Arrays.stream(arguments).map(argument -> {
        if (argument instanceof Setting setting) {
          Given value = given.get(setting);
          return name(setting, value == null ? vocabulary : value.origin());
        }
        return argument;
      }).toArray();
      problems.add((subject == null ? "" : subject.location()) + format.formatted(named));
    }

    private static String name(Setting setting, Origin origin) {
      return switch (origin) {
        case FILE -> setting.key();
        case ENVIRONMENT -> setting.variable();
        case FLAG -> setting.flag();
      };
    }

    /** A value quoted for a message, unless it is a secret's. */
    private static String shown(Setting setting, String value) {
      return setting.secret() ? "a value (not shown)" : "'" + value + "'";
    }

    boolean bool(Setting setting, boolean fallback) {
      Optional<String> value = optional(setting);
      if (value.isEmpty()) {
        return fallback;
      }
      return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> {
          problem("%s must be true or false, got %s", setting, shown(setting, value.get()));
          yield fallback;
        }
      };
    }

    Optional<String> optional(Setting setting) {
      Given value = given.get(setting);
      return value == null ? Optional.empty() : Optional.of(value.value());
    }

    String text(Setting setting, String fallback) {
      return optional(setting).orElse(fallback);
    }

    /** An http or https URL without query or fragment; a trailing slash is dropped. */
    URI url(Setting setting, URI fallback) {
      Optional<String> value = optional(setting);
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
      problem("%s must be an http or https URL without query or credentials, got %s", setting,
          value.get().contains("@") ? "a value with credentials (not shown)" : shown(setting, value.get()));
      return fallback;
    }

    /** URI schemes (RFC 3986) separated by commas, lower-cased, each once. */
    List<String> schemes(Setting setting, List<String> fallback) {
      Optional<String> value = optional(setting);
      if (value.isEmpty()) {
        return fallback;
      }
      java.util.Set<String> schemes = new java.util.LinkedHashSet<>();
      for (String part : value.get().split(",", -1)) {
        String scheme = part.strip().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]{0,31}")) {
          problem("%s must be URI schemes separated by commas (each a letter, then up to 31 letters, digits, '+',"
              + " '-' or '.'), got '%s'", setting, value.get());
          return fallback;
        }
        schemes.add(scheme);
      }
      return List.copyOf(schemes);
    }

    long integer(Setting setting, long fallback, long min, long max) {
      Optional<String> value = optional(setting);
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
      problem("%s must be an integer from %s to %s, got %s", setting, min, max, shown(setting, value.get()));
      return fallback;
    }
  }
}
