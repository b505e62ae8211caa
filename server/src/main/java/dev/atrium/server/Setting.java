package dev.atrium.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of the server, one line each. A setting's three names derive from its constant, so they cannot
 * drift apart: {@code SMTP_HOST} is the environment variable {@code ATRIUM_SMTP_HOST}, the flag
 * {@code --smtp-host} and the key {@code smtp-host} of a configuration file. {@link Config#from} reads each one;
 * {@link Main} makes a flag of each one. A new setting is one line here and one read in {@link Config}.
 */
public enum Setting {
  PORT("HTTP port, 0 picks a free one (default 8080)"),
  HOST("address to listen on (default 0.0.0.0)"),
  DATA_DIR("holds the H2 database and stored avatars (default ./data)"),
  DB_URL("a PostgreSQL JDBC URL (default: H2 in the data dir)"),
  DB_USER("PostgreSQL user"),
  DB_PASSWORD(Kind.SECRET, "PostgreSQL password"),
  DB_POOL_SIZE("connections in the pool (default 16)"),
  ADMIN_EMAIL("the administrator created on an empty database (default admin@atrium.local)"),
  ADMIN_PASSWORD(Kind.SECRET, "that administrator's password (default: generated, printed once)"),
  POD_ID("user ids are podId << 36 | sequence (default 1)"),
  PUBLIC_URL("base of the links the server hands out (default http://localhost:<port>)"),
  PASSWORD_HASH("Argon2id cost (default m=19456,t=2,p=1)"),
  SESSION_TTL_HOURS("lifetime of a session (default 336)"),
  PRESENCE_TTL_MINUTES("how long an explicit presence lasts (default 60)"),
  FACEBOOK_APP_ID("the Facebook app whose user tokens the server accepts"),
  FACEBOOK_APP_SECRET(Kind.SECRET, "that app's secret"),
  FACEBOOK_GRAPH_URL("Graph API base (default https://graph.facebook.com/v25.0)"),
  RPM_API_KEY(Kind.SECRET, "Ready Player Me API key"),
  RPM_PARTNER("Ready Player Me partner subdomain"),
  RPM_API_URL("Ready Player Me API base (default https://api.readyplayer.me)"),
  SMTP_HOST("the SMTP server mail goes through (default: none, mail is kept in the outbox)"),
  SMTP_PORT("its port (default 587, 465 with TLS, 25 with neither)"),
  SMTP_USER("its login"),
  SMTP_PASSWORD(Kind.SECRET, "its password"),
  SMTP_FROM("the sender of every mail"),
  SMTP_STARTTLS("upgrade the connection with STARTTLS (default true unless TLS)"),
  SMTP_TLS("TLS from the first byte (default false)"),
  VERIFICATION_TTL_HOURS("how long an email verification link works (default 24)"),
  URI_PROTOCOLS("the URI schemes the pod API lists as supported (default http,https,ftp,mailto)"),
  DIALECTS("the APIs the server speaks, a comma-separated subset of symphony,roomful,rocketchat,livedigital,atrium"
      + " (default"
      + " all of them)"),
  RATE_LIMITS("requests per route class and caller: off, or pairs such as auth=1200/1m,write=off (default"
      + " auth=1200/1m,write=1200/1m,read=6000/1m,socket=1200/1m,route=10/1m)"),
  AVATAR_URLS("the addresses a picture may be fetched from when a client names a URL (Rocket.Chat's"
      + " users.setAvatar): public (default: no loopback, private, link-local or reserved address), any, or off"),
  TRUST_FORWARDED("take the client address from X-Forwarded-For or Forwarded, set by a proxy in front (default"
      + " false)"),
  CORS_ORIGINS("the origins whose pages may call the browser-facing APIs: * or comma-separated origins such as"
      + " https://app.example.com (default none: CORS off)"),
  SOCKETS_PER_SESSION("sockets one session may hold open on a node; one more is refused (default 32)"),
  SOCKETS_PER_USER("sockets one user may hold open on a node, over all their sessions (default 128)"),
  SOCKET_QUEUE("frames queued for a socket that does not read; one more closes it (default 1000)"),
  HEADER_TIMEOUT("seconds a client may take to send a request's headers, then the connection is cut (default 10)"),
  IDLE_TIMEOUT("seconds an HTTP connection may stay silent, then it is closed (default 30)"),
  LOGIN_LIMITS("failed logins before waits begin and how waits grow: pairs such as account=10,address=50,max-wait=15m"
      + " (default account=10,address=50,first-wait=1s,max-wait=15m,forget=1h)"),
  LIVEDIGITAL_SIGNING_KEY(Kind.SECRET, "the key that signs LiveDigital tokens, at least 32 bytes: base64 or text"
      + " (default: generated on the first start and kept in the database)"),
  LIVEDIGITAL_ACCESS_TTL_HOURS("lifetime of a LiveDigital access token (default 168, 7 days)"),
  LIVEDIGITAL_REFRESH_TTL_HOURS("lifetime of a LiveDigital refresh token (default 504, 21 days)"),
  CAPTCHA_VERIFY_URL("the verify URL of the captcha service that checks sign-up forms (LiveDigital's captchaToken):"
      + " hCaptcha's, reCAPTCHA's or Turnstile's siteverify (default none: no captcha)"),
  CAPTCHA_SECRET(Kind.SECRET, "the site's secret at that captcha service"),
  REDIS_URL(Kind.SECRET, "the Redis the nodes of a cluster share, redis://[:password@]host:port[/db] or rediss:// for"
      + " TLS: switches on cluster mode, which needs PostgreSQL (default none: a single node)"),
  CLUSTER_NAME("the cluster's name, the prefix of its Redis keys and channels (default atrium)"),
  NODE_ID("this node's name in the cluster (default the host's name and a random suffix)"),
  HASH_THREADS("threads that hash passwords (default: the available processors)");

  /** Whether a value may be shown: a secret's never is, and a flag is the wrong place for it. */
  public enum Kind {
    PLAIN,
    SECRET
  }

  private static final Map<String, Setting> BY_KEY =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

  private final Kind kind;
  private final String description;

  Setting(String description) {
    this(Kind.PLAIN, description);
  }

  Setting(Kind kind, String description) {
    this.kind = kind;
    this.description = description;
  }

  /** {@code ATRIUM_SMTP_HOST}. */
  public String variable() {
    return "ATRIUM_" + name();
  }

  /** {@code smtp-host}, its name in a configuration file. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** {@code --smtp-host}. */
  public String flag() {
    return "--" + key();
  }

  public boolean secret() {
    return kind == Kind.SECRET;
  }

  /** What it sets, with its default if it has one. */
  public String description() {
    return description;
  }

  /** The setting a configuration file names with this key. */
  public static Optional<Setting> byKey(String key) {
    return Optional.ofNullable(BY_KEY.get(key));
  }
}
