package dev.atrium.api.roomful;

import dev.atrium.core.account.EmailVerification;
import dev.atrium.core.account.PasswordRestore;
import dev.atrium.core.account.Registration;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.badge.Badges;
import dev.atrium.core.event.EventBus;
import dev.atrium.core.merge.Merges;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.provider.AvatarTokens;
import dev.atrium.core.provider.FacebookTokens;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.settings.Settings;
import dev.atrium.core.social.SocialAccounts;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Personas;
import dev.atrium.core.user.Profiles;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.CredentialKind;
import dev.atrium.http.Dialect;
import dev.atrium.http.Cors;
import dev.atrium.http.ErrorRouter;
import dev.atrium.http.Job;
import dev.atrium.http.RateLimits;
import dev.atrium.http.SocketBounds;
import dev.atrium.socketio.SocketIoServer;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The Roomful dialect: its auth endpoints under {@code /api/v1/auth}, its JSON-RPC under {@code /api/v0}, and its
 * Socket.IO gateway at {@code /socket}. A session token from any login is the {@code X-Session-Id} of every call
 * and the {@code sessionId} of a socket.
 */
public final class RoomfulApi implements Dialect {
  public static final String NAME = "roomful";
  public static final String SESSION_HEADER = "X-Session-Id";

  private final RoomfulGateway gateway;
  private final RoomfulAuth auth;
  private final RoomfulRpc rpc;
  private final Authenticator callers;
  private final RateLimits limits;
  private final Duration presenceRefresh;

  /**
   * {@code publicUrl} is where clients reach this server ({@code init.client}'s endpoint); {@code presenceRefresh}
   * how often the presence of users with a socket here is set again, so that it outlives its lifetime;
   * {@code limits} counts its requests and socket methods; {@code socketBounds} bounds the sockets of a session and
   * of a user.
   */
  public RoomfulApi(Users users, Accounts accounts, Sessions sessions, Profiles profiles, Settings settings,
      Spaces spaces, SocialAccounts socialAccounts, Personas personas, Badges badges, Merges merges,
      EmailVerification verification, Registration registration, PasswordRestore restore, Avatars avatars,
      FacebookTokens facebook, AvatarTokens avatarTokens, Presence presence, Rooms rooms, EventBus events,
      RandomGenerator random, SocketIoServer.Builder transport, Supplier<String> publicUrl,
      Duration presenceRefresh, RateLimits limits, SocketBounds socketBounds) {
    this.gateway = new RoomfulGateway(users, sessions, profiles, settings, spaces, avatars, presence, rooms, events,
        limits, socketBounds, transport, gw -> new RoomfulUserMethods(gw, users, accounts, sessions, profiles, settings,
            socialAccounts, personas, badges, merges, verification, avatars, facebook, avatarTokens, random));
    this.callers = new Authenticator(sessions, CredentialKind.header(SESSION_HEADER));
    this.limits = limits;
    this.auth = new RoomfulAuth(users, sessions, callers, verification, registration, restore, gateway);
    this.rpc = new RoomfulRpc(gateway, users, spaces, socialAccounts, facebook, callers, publicUrl);
    this.presenceRefresh = presenceRefresh;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Roomful's web client calls its JSON-RPC, its sign-in and mail flows and its socket handshake from the page; the
   * session travels in {@code X-Session-Id}, never in a cookie.
   */
  @Override
  public List<Cors.Paths> browserPaths() {
    return List.of(new Cors.Paths(List.of("/api/v0/", "/api/v1/auth/", "/auth/", RoomfulGateway.PATH),
        List.of("GET", "POST"), List.of("Content-Type", "X-Session-Id", "X-Network", "X-Network-Id", "X-Socket-Id",
            "X-Device-Id"), false));
  }

  @Override
  public List<String> socketEvents() {
    return gateway.events();
  }

  @Override
  public void install(JavalinConfig cfg, ErrorRouter errors) {
    RoomfulErrors format = new RoomfulErrors();
    errors.route("/api/v0/", format).route("/api/v1/auth/", format).route("/auth/", format);
    limits.paths(callers, "/api/v0/", "/api/v1/auth/", "/auth/", RoomfulGateway.PATH).auth(
        "POST /api/v1/auth/signin", "POST /api/v1/auth/signup", "POST /api/v1/auth/isEmailVerified",
        "POST /api/v1/auth/isEmailAvailable", "POST /api/v1/auth/isEmailTaken",
        "POST /api/v1/auth/requestEmailVerification", "GET /api/v1/auth/verifyEmail",
        "POST /api/v1/auth/sendRestorePasswordCode", "POST /api/v1/auth/checkRestorePasswordCode",
        "POST /api/v1/auth/restorePasswordByCode");
    auth.routes(cfg);
    rpc.routes(cfg);
    gateway.install(cfg);
  }

  @Override
  public List<Job> jobs() {
    return List.of(Job.every("refresh the presence of users with sockets", presenceRefresh, gateway::keepPresence),
        Job.every("close the sockets of ended sessions", Duration.ofMinutes(1), gateway::closeEnded));
  }

  @Override
  public void close() {
    gateway.close();
  }
}
