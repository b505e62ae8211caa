package dev.atrium.server;

import dev.atrium.api.atrium.AtriumApi;
import dev.atrium.api.livedigital.LiveDigitalApi;
import dev.atrium.api.livedigital.LiveDigitalTokens;
import dev.atrium.api.rocketchat.RocketChatApi;
import dev.atrium.api.roomful.RoomfulApi;
import dev.atrium.api.symphony.SymphonyApi;
import dev.atrium.cluster.redis.RedisLink;
import dev.atrium.core.account.Captcha;
import dev.atrium.core.account.EmailVerification;
import dev.atrium.core.account.PasswordRestore;
import dev.atrium.core.account.Registration;
import dev.atrium.core.admin.Admin;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.badge.Badges;
import dev.atrium.core.barrier.InformationBarriers;
import dev.atrium.core.cert.CompanyCerts;
import dev.atrium.core.client.ApiClients;
import dev.atrium.core.client.TokenStore;
import dev.atrium.core.contact.Connections;
import dev.atrium.core.event.EventBus;
import dev.atrium.core.event.Events;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.merge.Merges;
import dev.atrium.core.message.Messages;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.provider.AvatarTokens;
import dev.atrium.core.provider.FacebookTokens;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.settings.Settings;
import dev.atrium.core.social.SocialAccounts;
import dev.atrium.core.space.GuestLinks;
import dev.atrium.core.space.SpaceRooms;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Personas;
import dev.atrium.core.user.Profiles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.Users;
import dev.atrium.http.Boundary;
import dev.atrium.http.ConnectionDeadlines;
import dev.atrium.http.Cors;
import dev.atrium.http.Dialect;
import dev.atrium.http.ErrorRouter;
import dev.atrium.http.Job;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.RateLimits;
import dev.atrium.http.RemoteImages;
import dev.atrium.http.SharedRoutes;
import dev.atrium.http.SiteVerifyCaptcha;
import dev.atrium.http.SocketBounds;
import dev.atrium.server.provider.FacebookGraph;
import dev.atrium.server.provider.ReadyPlayerMe;
import dev.atrium.socketio.SocketIoServer;
import dev.atrium.store.jdbc.Database;
import dev.atrium.store.jdbc.FileBlobStore;
import dev.atrium.store.jdbc.JdbcAdminStore;
import dev.atrium.store.jdbc.JdbcApiClientStore;
import dev.atrium.store.jdbc.JdbcAuditLog;
import dev.atrium.store.jdbc.JdbcBadgeStore;
import dev.atrium.store.jdbc.JdbcBarrierStore;
import dev.atrium.store.jdbc.JdbcCompanyCertStore;
import dev.atrium.store.jdbc.JdbcConnectionStore;
import dev.atrium.store.jdbc.JdbcCounterStore;
import dev.atrium.store.jdbc.JdbcEmailTokenStore;
import dev.atrium.store.jdbc.JdbcMessageStore;
import dev.atrium.store.jdbc.JdbcOutboxStore;
import dev.atrium.store.jdbc.JdbcPermissionStore;
import dev.atrium.store.jdbc.JdbcPresenceStore;
import dev.atrium.store.jdbc.JdbcRestoreCodeStore;
import dev.atrium.store.jdbc.JdbcRoomStore;
import dev.atrium.store.jdbc.JdbcSessionStore;
import dev.atrium.store.jdbc.JdbcSettingsStore;
import dev.atrium.store.jdbc.JdbcSocialAccountStore;
import dev.atrium.store.jdbc.JdbcSpaceRoomStore;
import dev.atrium.store.jdbc.JdbcSpaceStore;
import dev.atrium.store.jdbc.JdbcTokenStore;
import dev.atrium.store.jdbc.JdbcTransactor;
import dev.atrium.store.jdbc.JdbcUserDataStore;
import dev.atrium.store.jdbc.JdbcUserStore;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that constructs implementations. {@link #start} builds the whole
 * server from a {@link Config}; tests start it on port 0 the same way.
 */
public final class Atrium implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Atrium.class);
  public static final String VERSION = "0.1.0";

  private final Services services;
  private final Javalin app;
  private final Housekeeping housekeeping;
  private final List<Dialect> dialects;
  private final RateLimits limits;
  private final Optional<String> generatedAdminPassword;
  private final @Nullable MailDeliverer mailDeliverer;
  private final @Nullable RedisLink redis;

  private Atrium(Services services, Javalin app, Housekeeping housekeeping, List<Dialect> dialects,
      RateLimits limits, Optional<String> generatedAdminPassword, @Nullable MailDeliverer mailDeliverer,
      @Nullable RedisLink redis) {
    this.redis = redis;
    this.services = services;
    this.app = app;
    this.housekeeping = housekeeping;
    this.dialects = List.copyOf(dialects);
    this.limits = limits;
    this.generatedAdminPassword = generatedAdminPassword;
    this.mailDeliverer = mailDeliverer;
  }

  /** Where the link in a verification mail points: the Roomful endpoint that takes the token. */
  static String verificationLink(String publicUrl, String token) {
    return publicUrl + "/api/v1/auth/verifyEmail?token=" + token;
  }

  /** The largest request body read; a larger one is refused with 413. */
  static final long MAX_REQUEST_SIZE = 4L * 1024 * 1024;

  /** How long finished mails (sent, failed, kept) stay in the outbox. */
  static final Duration OUTBOX_RETENTION = Duration.ofDays(30);
  /**
   * How often the H2 file is looked at, and the longest a compaction of it holds commits back: appending every
   * commit, a busy file grows by some 20 MB a second (user creations at 270/s).
   */
  static final Duration COMPACT_EVERY = Duration.ofSeconds(5);
  static final Duration COMPACT_LIMIT = Duration.ofMillis(200);

  /**
   * The services over one database, without the HTTP server: what {@link #start} serves, and what the admin
   * command line works on. Closing it closes the database.
   */
  public record Services(Database database, EventBus events, AuditLog audit, Users users, Accounts accounts,
      UserAdmin userAdmin, Sessions sessions, Admin admin, InformationBarriers barriers, CompanyCerts certs,
      Connections connections, Presence presence, Rooms rooms, Messages messages, FacebookTokens facebook,
      AvatarTokens avatarTokens, Profiles profiles, Settings settings, Spaces spaces, SocialAccounts socialAccounts,
      Personas personas, Badges badges, Merges merges, Outbox outbox, EmailVerification verification,
      Registration registration, PasswordRestore restore, LoginGuard loginGuard, Permissions permissions,
      ApiClients clients, Transactor tx, TokenStore tokenStore, SpaceRooms spaceRooms, GuestLinks guestLinks)
      implements AutoCloseable {

    /** Opens (and migrates) the configured database and builds the services over it. */
    public static Services open(Config config, InstantSource clock, RandomGenerator random) {
      return open(config, clock, random, config::port);
    }

    /**
     * As above; {@code boundPort} is the port the server listens on once started (for the links in mails when
     * no public URL is configured).
     */
    public static Services open(Config config, InstantSource clock, RandomGenerator random, IntSupplier boundPort) {
      try {
        Files.createDirectories(config.dataDir());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
      }
      String url = config.dbUrl() != null ? config.dbUrl() : Database.h2FileUrl(config.dataDir());
      Database database = Database.open(url, config.dbUser(), config.dbPassword(), config.dbPoolSize());
      try {
        JdbcTransactor tx = new JdbcTransactor(database);
        JdbcUserStore userStore = new JdbcUserStore(tx);
        EventBus bus = new InProcessEventBus();
        // Services publish through this: an event reaches the bus once its transaction commits.
        Events events = new Events(tx, bus);
        // Argon2 on its own platform threads: a flood of logins must not hold every carrier of the virtual threads.
        Passwords passwords = new Passwords(new HashingPool(new Argon2Hasher(config.passwordHash()),
            config.hashThreads()));
        Sessions sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock, random,
            config.sessionLifetime());
        JdbcAuditLog audit = new JdbcAuditLog(tx);
        LoginGuard loginGuard = new LoginGuard(config.loginLimits(), clock, audit, tx);
        Users users = new Users(userStore);
        Accounts accounts = new Accounts(userStore, sessions, passwords, audit, tx, events, clock, config.podId());
        UserAdmin userAdmin = new UserAdmin(userStore, users, audit, tx, events, clock);
        Admin admin = new Admin(new JdbcAdminStore(tx), users, userAdmin, audit, tx, clock, random);
        InformationBarriers barriers = new InformationBarriers(new JdbcBarrierStore(tx), audit, tx, events, clock,
            random);
        CompanyCerts certs = new CompanyCerts(new JdbcCompanyCertStore(tx), audit, tx, events, clock);
        Connections connections = new Connections(new JdbcConnectionStore(tx), users, barriers, tx, events, clock);
        Presence presence = new Presence(new JdbcPresenceStore(tx), users, audit, tx, events, clock, random,
            config.presenceTtl());
        JdbcRoomStore roomStore = new JdbcRoomStore(tx);
        Rooms rooms = new Rooms(roomStore, users, barriers, audit, tx, events, clock, random);
        Messages messages = new Messages(new JdbcMessageStore(tx), roomStore, users, audit, tx, events, clock,
            random);
        // The Roomful user model.
        JdbcUserDataStore userData = new JdbcUserDataStore(tx);
        JdbcSocialAccountStore socialStore = new JdbcSocialAccountStore(tx);
        JdbcBadgeStore badgeStore = new JdbcBadgeStore(tx);
        Profiles profiles = new Profiles(userStore, userData, new JdbcCounterStore(tx), tx, events, clock);
        Spaces spaces = new Spaces(new JdbcSpaceStore(tx), users, audit, tx, events, clock, random);
        Settings settings = new Settings(new JdbcSettingsStore(tx), userStore, spaces, tx, events, clock);
        SocialAccounts socialAccounts = new SocialAccounts(socialStore, userStore, audit, tx, events, clock);
        Personas personas = new Personas(users, accounts, userStore, spaces, sessions, audit, tx, events, clock);
        Badges badges = new Badges(badgeStore, users, audit, tx, events, clock, random);
        Merges merges = new Merges(userStore, userData, roomStore, new JdbcConnectionStore(tx), socialStore,
            badgeStore, sessions, audit, tx, events, clock);
        JdbcOutboxStore outboxStore = new JdbcOutboxStore(tx);
        Outbox outbox = config.smtp() != null
            ? Outbox.delivering(outboxStore, new SmtpMailer(config.smtp()), audit, tx, clock)
            : Outbox.local(outboxStore, audit, tx, clock);
        EmailVerification verification = new EmailVerification(new JdbcEmailTokenStore(tx), userStore, users, outbox,
            audit, tx, events, clock, random, config.verificationTtl(),
            token -> verificationLink(config.publicUrl(boundPort.getAsInt()), token));
        Registration registration = new Registration(accounts, verification, sessions, tx);
        JdbcTokenStore tokenStore = new JdbcTokenStore(tx);
        JdbcSpaceRoomStore spaceRoomStore = new JdbcSpaceRoomStore(tx);
        SpaceRooms spaceRooms = new SpaceRooms(spaceRoomStore, spaces, rooms, roomStore, tx, random);
        GuestLinks guestLinks = new GuestLinks(spaceRoomStore, spaceRooms, rooms, accounts, users, sessions, tx, clock,
            random);
        PasswordRestore restore = new PasswordRestore(new JdbcRestoreCodeStore(tx), userStore, sessions, passwords,
            outbox, audit, tx, events, clock, random);
        return new Services(database, bus, audit, users, accounts, userAdmin, sessions, admin, barriers, certs,
            connections, presence, rooms, messages, facebook(config, clock), avatarTokens(config), profiles, settings,
            spaces, socialAccounts, personas, badges, merges, outbox, verification, registration, restore, loginGuard,
            new Permissions(new JdbcPermissionStore(tx), audit, tx, clock),
            new ApiClients(new JdbcApiClientStore(tx), tokenStore, sessions, audit, tx, clock, random), tx, tokenStore,
            spaceRooms, guestLinks);
      } catch (RuntimeException e) {
        database.close();
        throw e;
      }
    }

    /** The periodic work of the model: expiries and clean-ups. */
    List<Job> jobs() {
      return List.of(
          new Job("purge expired sessions", Duration.ofMinutes(1), Duration.ofHours(1), sessions::purgeExpired),
          Job.every("expire stale presences", Duration.ofMinutes(1), presence::expireStale),
          new Job("purge expired tokens and old mail", Duration.ofMinutes(5), Duration.ofHours(1), () -> {
            verification.purgeExpired();
            restore.purgeExpired();
            outbox.purgeFinished(OUTBOX_RETENTION);
          }),
          Job.every("compact the database file", COMPACT_EVERY, () -> database.compact(COMPACT_LIMIT)));
    }

    /** The configured Facebook app's port, or the one refusing every call when none is configured. */
    private static FacebookTokens facebook(Config config, InstantSource clock) {
      Config.FacebookApp app = config.facebook();
      return app == null ? FacebookTokens.notConfigured()
          : new FacebookGraph(app.graphUrl(), app.appId(), app.appSecret(), clock);
    }

    private static AvatarTokens avatarTokens(Config config) {
      Config.ReadyPlayerMeApp app = config.readyPlayerMe();
      return app == null ? AvatarTokens.notConfigured()
          : new ReadyPlayerMe(app.apiUrl(), app.apiKey(), app.partner());
    }

    @Override
    public void close() {
      database.close();
      if (facebook instanceof FacebookGraph graph) {
        graph.close();
      }
      if (avatarTokens instanceof ReadyPlayerMe rpm) {
        rpm.close();
      }
    }
  }

  public static Atrium start(Config config) {
    return start(config, InstantSource.system());
  }

  /** Starts with the clock given: every expiry (sessions, presence) reads it. Tests pass one they can move. */
  public static Atrium start(Config config, InstantSource clock) {
    SecureRandom random = new SecureRandom();
    int[] boundPort = {config.port()};
    Services services = Services.open(config, clock, random, () -> boundPort[0]);
    List<Dialect> dialects = new ArrayList<>();
    RedisLink redis = null;
    try {
      Config.Cluster cluster = config.cluster();
      if (cluster != null) {
        redis = RedisLink.connect(cluster.redisUrl(), cluster.name(), cluster.nodeId());
        LOG.info("cluster mode: cluster {}, node {}", cluster.name(), cluster.nodeId());
      }
      Optional<String> generated = Optional.empty();
      String adminPassword = config.adminPassword();
      if (adminPassword == null) {
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        adminPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        generated = Optional.of(adminPassword);
      }
      Optional<User> created = services.accounts().bootstrapAdmin(config.adminEmail(), adminPassword);
      if (created.isEmpty()) {
        generated = Optional.empty();
      }

      Avatars avatars = new Avatars(new FileBlobStore(config.dataDir().resolve("blobs")), services.users(),
          services.userAdmin(), () -> config.publicUrl(boundPort[0]));
      RateLimits limits = new RateLimits(config.rateLimits(), clock).exempt("GET /health");
      for (String name : config.dialects()) {
        dialects.add(dialect(name, services, avatars, config, clock, random, () -> config.publicUrl(boundPort[0]),
            limits));
      }
      ErrorRouter errors = new ErrorRouter();
      RedisLink link = redis;
      SharedRoutes shared = new SharedRoutes(avatars, services.database()::healthy, services.database().product(),
          VERSION, link == null ? null : new SharedRoutes.Cluster(link.nodeId(), link::up));
      Set<String> formRoutes = new HashSet<>();
      Set<String> jsonOrFormRoutes = new HashSet<>();
      List<Cors.Paths> browserPaths = new ArrayList<>();
      dialects.forEach(d -> {
        formRoutes.addAll(d.formRoutes());
        jsonOrFormRoutes.addAll(d.jsonOrFormRoutes());
        browserPaths.addAll(d.browserPaths());
      });
      Boundary boundary = new Boundary(formRoutes, jsonOrFormRoutes);
      Cors cors = new Cors(config.corsOrigins(), browserPaths);
      Javalin app = Javalin.create(cfg -> {
        cfg.jetty.port = config.port();
        cfg.jetty.host = config.host();
        cfg.concurrency.useVirtualThreads = true;
        cfg.startup.showJavalinBanner = false;
        cfg.http.maxRequestSize = MAX_REQUEST_SIZE;
        // Jetty caps the fields of a form, multipart ones too, at 200,000 bytes and fails the request (a 500)
        // beyond; the request size bounds them instead, so each route's own limit answers (a message's 80,000).
        cfg.jetty.modifyServletContextHandler(context -> context.setMaxFormContentSize((int) MAX_REQUEST_SIZE));
        ConnectionDeadlines.install(cfg, config.bounds().headerTimeout(), config.bounds().idleTimeout());
        cfg.jsonMapper(new JavalinJackson(JsonMapper.MAPPER, true));
        if (config.trustForwarded()) {
          // The client's address (ctx.ip(), the rate limits' key) is the one the proxy in front reports.
          cfg.jetty.modifyHttpConfiguration(http -> http.addCustomizer(new ForwardedRequestCustomizer()));
        }
        boundary.install(cfg);
        cors.install(cfg);
        shared.routes(cfg);
        dialects.forEach(d -> d.install(cfg, errors));
        limits.install(cfg);
        errors.install(cfg);
      });
      app.start();
      boundPort[0] = app.port();

      List<Job> jobs = new ArrayList<>(services.jobs());
      dialects.forEach(d -> jobs.addAll(d.jobs()));
      Housekeeping housekeeping = new Housekeeping(jobs);
      MailDeliverer deliverer = null;
      if (services.outbox().delivers()) {
        deliverer = MailDeliverer.start(services.outbox());
        LOG.info("mail goes through {}", config.smtp());
      } else {
        LOG.info("no SMTP server configured (ATRIUM_SMTP_HOST): mail is kept in the outbox, read it with"
            + " 'atrium admin outbox list'");
      }
      LOG.info("speaking {}", String.join(", ", config.dialects()));
      created.ifPresent(admin -> LOG.info("created the administrator {} (id {})", admin.email(), admin.id()));
      return new Atrium(services, app, housekeeping, dialects, limits, generated, deliverer, redis);
    } catch (RuntimeException e) {
      dialects.forEach(Atrium::closeQuietly);
      if (redis != null) {
        redis.close();
      }
      services.close();
      throw e;
    }
  }

  /** The dialect of that name over the services. */
  private static Dialect dialect(String name, Services s, Avatars avatars, Config config, InstantSource clock,
      RandomGenerator random, Supplier<String> publicUrl, RateLimits limits) {
    return switch (name) {
      case SymphonyApi.NAME -> new SymphonyApi(s.users(), s.accounts(), s.userAdmin(), s.sessions(), s.admin(),
          s.certs(), s.barriers(), s.connections(), s.presence(), s.rooms(), s.messages(), avatars, clock, s.restore(),
          config.uriProtocols(), limits, s.loginGuard());
      case RoomfulApi.NAME -> new RoomfulApi(s.users(), s.accounts(), s.sessions(), s.profiles(), s.settings(),
          s.spaces(), s.socialAccounts(), s.personas(), s.badges(), s.merges(), s.verification(), s.registration(),
          s.restore(), avatars, s.facebook(), s.avatarTokens(), s.presence(), s.rooms(), s.events(), random,
          SocketIoServer.builder().maxPendingFrames(config.bounds().socketQueue()), publicUrl,
          Duration.ofMinutes(Math.max(1, config.presenceTtl().toMinutes() / 2)), limits,
          new SocketBounds(config.bounds().socketsPerSession(), config.bounds().socketsPerUser()), s.loginGuard());
      case RocketChatApi.NAME -> new RocketChatApi(s.users(), s.accounts(), s.rooms(), s.messages(), s.sessions(),
          s.presence(), avatars, s.permissions(), limits, s.loginGuard(), clock,
          new RemoteImages(config.avatarUrls(), Avatars.MAX_UPLOAD_BYTES));
      case LiveDigitalApi.NAME -> new LiveDigitalApi(s.sessions(), s.clients(), new LiveDigitalTokens(s.tokenStore(),
          s.tx(), s.clients(), clock, random, config.livedigital().signingKey(), config.livedigital().accessTtl(),
          config.livedigital().refreshTtl()), s.accounts(), s.users(), captcha(config), limits, s.loginGuard(), publicUrl,
          s.spaces(), s.spaceRooms(), s.guestLinks());
      case AtriumApi.NAME -> new AtriumApi(s.sessions(), s.outbox(), s.badges(), s.personas(), s.clients(), limits);
      default -> throw new IllegalArgumentException("no dialect is named " + name);
    };
  }

  /** The configured captcha service, or none. */
  private static Captcha captcha(Config config) {
    Config.CaptchaSite site = config.captcha();
    return site == null ? Captcha.OFF : new SiteVerifyCaptcha(site.verifyUrl(), site.secret());
  }

  private static void closeQuietly(Dialect dialect) {
    try {
      dialect.close();
    } catch (RuntimeException e) {
      LOG.warn("stopping the {} dialect failed", dialect.name(), e);
    }
  }

  /** The LiveDigital dialect's tokens, when the server speaks it (tests mint tokens for sessions with it). */
  public Optional<LiveDigitalTokens> livedigitalTokens() {
    return dialects.stream().filter(LiveDigitalApi.class::isInstance).map(d -> ((LiveDigitalApi) d).tokens())
        .findFirst();
  }

  public int port() {
    return app.port();
  }

  /** One HTTP route the server serves: its method and its path template ({@code /pod/v1/admin/user/{uid}}). */
  public record Route(String method, String path) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /**
   * Every HTTP route the started dialects and the shared routes serve, sorted by path then method: what the
   * generated security suites (authorization matrix, hostile input) walk, so that a new route cannot escape them.
   */
  public List<Route> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> new Route(parsed.endpoint.method.name(), parsed.endpoint.path))
        // Not HEAD and OPTIONS (Jetty answers them for every GET), nor the before and after handlers of every path.
        .filter(route -> !route.method().matches("HEAD|OPTIONS|BEFORE.*|AFTER.*"))
        .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
        .toList();
  }

  /** The socket events each started dialect with sockets accepts, by dialect name. */
  public Map<String, List<String>> socketEvents() {
    Map<String, List<String>> events = new LinkedHashMap<>();
    dialects.stream().filter(d -> !d.socketEvents().isEmpty()).forEach(d -> events.put(d.name(), d.socketEvents()));
    return events;
  }

  /** The rate limits the routes and sockets count against, as the dialects declared them. */
  public RateLimits rateLimits() {
    return limits;
  }

  public Users users() {
    return services.users();
  }

  public Sessions sessions() {
    return services.sessions();
  }

  public Presence presence() {
    return services.presence();
  }

  /** The services the server is built from (tests reach the outbox and the account flows through them). */
  public Services services() {
    return services;
  }

  /** The administrator password generated at this start, if one was. */
  public Optional<String> generatedAdminPassword() {
    return generatedAdminPassword;
  }

  @Override
  public void close() {
    housekeeping.close();
    app.stop();
    dialects.forEach(Atrium::closeQuietly);
    if (mailDeliverer != null) {
      mailDeliverer.close();
    }
    if (redis != null) {
      redis.close();
    }
    services.close();
  }
}
