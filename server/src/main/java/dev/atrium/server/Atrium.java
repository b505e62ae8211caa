package dev.atrium.server;

import dev.atrium.api.roomful.RoomfulApi;
import dev.atrium.api.symphony.SymphonyApi;
import dev.atrium.core.admin.Admin;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.barrier.Barriers;
import dev.atrium.core.event.EventBus;
import dev.atrium.core.event.InProcessEventBus;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.Passwords;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.ErrorRouter;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.SharedRoutes;
import dev.atrium.store.jdbc.Database;
import dev.atrium.store.jdbc.FileBlobStore;
import dev.atrium.store.jdbc.JdbcAdminStore;
import dev.atrium.store.jdbc.JdbcAuditLog;
import dev.atrium.store.jdbc.JdbcRoomStore;
import dev.atrium.store.jdbc.JdbcSessionStore;
import dev.atrium.store.jdbc.JdbcTransactor;
import dev.atrium.store.jdbc.JdbcUserStore;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the only place that constructs implementations. {@link #start} builds the whole
 * server from a {@link Config}; tests start it on port 0 the same way.
 */
public final class Atrium implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Atrium.class);
  public static final String VERSION = "0.1.0";

  private final Database database;
  private final Javalin app;
  private final ScheduledExecutorService housekeeping;
  private final Users users;
  private final Sessions sessions;
  private final Optional<String> generatedAdminPassword;

  private Atrium(Database database, Javalin app, ScheduledExecutorService housekeeping, Users users,
      Sessions sessions, Optional<String> generatedAdminPassword) {
    this.database = database;
    this.app = app;
    this.housekeeping = housekeeping;
    this.users = users;
    this.sessions = sessions;
    this.generatedAdminPassword = generatedAdminPassword;
  }

  public static Atrium start(Config config) {
    InstantSource clock = InstantSource.system();
    SecureRandom random = new SecureRandom();
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
      EventBus events = new InProcessEventBus();
      Passwords passwords = new Passwords(new Argon2Hasher(config.passwordHash()));
      Sessions sessions = new Sessions(new JdbcSessionStore(tx), userStore, passwords, tx, events, clock, random,
          config.sessionLifetime());
      JdbcAuditLog audit = new JdbcAuditLog(tx);
      Users users = new Users(userStore, sessions, passwords, audit, tx, events, clock, config.podId());
      Admin admin = new Admin(new JdbcAdminStore(tx), users, audit, tx, clock, random);
      // No information barriers yet: every path by which users meet already asks the port.
      Rooms rooms = new Rooms(new JdbcRoomStore(tx), users, Barriers.NONE, audit, tx, events, clock, random);

      Optional<String> generated = Optional.empty();
      String adminPassword = config.adminPassword();
      if (adminPassword == null) {
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        adminPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        generated = Optional.of(adminPassword);
      }
      Optional<User> created = users.bootstrapAdmin(config.adminEmail(), adminPassword);
      if (created.isEmpty()) {
        generated = Optional.empty();
      }

      int[] boundPort = {config.port()};
      Avatars avatars = new Avatars(new FileBlobStore(config.dataDir().resolve("blobs")), users,
          () -> config.publicUrl(boundPort[0]));
      Authenticator authenticator = new Authenticator(sessions);
      ErrorRouter errors = new ErrorRouter(SymphonyApi.ERRORS);
      SharedRoutes shared = new SharedRoutes(avatars, database::healthy, database.product(), VERSION);
      SymphonyApi symphony = new SymphonyApi(users, sessions, admin, rooms, avatars, authenticator, clock);
      RoomfulApi roomful = new RoomfulApi(users, sessions, authenticator);

      Javalin app = Javalin.create(cfg -> {
        cfg.jetty.port = config.port();
        cfg.jetty.host = config.host();
        cfg.concurrency.useVirtualThreads = true;
        cfg.startup.showJavalinBanner = false;
        cfg.http.maxRequestSize = 4L * 1024 * 1024;
        cfg.jsonMapper(new JavalinJackson(JsonMapper.MAPPER, true));
        shared.routes(cfg);
        symphony.routes(cfg, errors);
        roomful.routes(cfg, errors);
        errors.install(cfg);
      });
      app.start();
      boundPort[0] = app.port();

      ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("atrium-housekeeping").factory());
      housekeeping.scheduleWithFixedDelay(() -> {
        try {
          sessions.purgeExpired();
        } catch (RuntimeException e) {
          LOG.warn("purging expired sessions failed", e);
        }
      }, 1, 60, TimeUnit.MINUTES);

      created.ifPresent(admin0 -> LOG.info("created the administrator {} (id {})", admin0.email(), admin0.id()));
      return new Atrium(database, app, housekeeping, users, sessions, generated);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public int port() {
    return app.port();
  }

  public Users users() {
    return users;
  }

  public Sessions sessions() {
    return sessions;
  }

  /** The administrator password generated at this start, if one was. */
  public Optional<String> generatedAdminPassword() {
    return generatedAdminPassword;
  }

  @Override
  public void close() {
    housekeeping.shutdownNow();
    app.stop();
    database.close();
  }
}
