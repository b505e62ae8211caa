package dev.atrium.api.rocketchat;

import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.message.Messages;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.CredentialKind;
import dev.atrium.http.Dialect;
import dev.atrium.http.ErrorRouter;
import dev.atrium.http.RateLimits;
import dev.atrium.http.RemoteImages;
import io.javalin.config.JavalinConfig;
import java.time.InstantSource;
import java.util.Set;

/**
 * The Rocket.Chat REST dialect under {@code /api/v1/}: sign-in ({@code login}, {@code logout}, {@code me}),
 * {@code users.info} (with the user's rooms and unread counts), user management ({@code users.create},
 * {@code users.update}, {@code users.delete}, ...), status, presence and avatar, personal access tokens,
 * permissions and roles; rooms ({@code channels.create}, {@code channels.info}, {@code channels.delete},
 * {@code groups.create}, {@code im.create}), messages ({@code chat.postMessage}, {@code chat.sendMessage},
 * {@code chat.getMessage}) and subscriptions ({@code subscriptions.get}, {@code subscriptions.getOne},
 * {@code subscriptions.read}) on the shared model. Every other route takes the caller from {@code X-User-Id} and
 * {@code X-Auth-Token}: a session token from any login, which must be the session of that user.
 *
 * <p>Roomful's sign-in lives under {@code /api/v1/auth/}: the error router and the rate limits pick the longest
 * prefix that matches, so {@code /api/v1/auth/...} stays Roomful's and every other {@code /api/v1/...} path is
 * this dialect's. No route of one is a route of the other.
 */
public final class RocketChatApi implements Dialect {
  public static final String NAME = "rocketchat";
  public static final String PREFIX = "/api/v1/";
  public static final String USER_HEADER = "X-User-Id";
  public static final String TOKEN_HEADER = "X-Auth-Token";

  private final Authenticator callers;
  private final RateLimits limits;
  private final Permissions permissions;
  private final RocketChatAuth auth;
  private final RocketChatUsers usersRoutes;
  private final RocketChatPermissions permissionsRoutes;
  private final RocketChatUserAdmin userAdmin;
  private final RocketChatUserStatus userStatus;
  private final RocketChatTokens tokens;
  private final RocketChatRooms roomRoutes;
  private final RocketChatChat chatRoutes;
  private final RocketChatSubscriptions subscriptionRoutes;

  public RocketChatApi(Users users, Accounts accounts, Rooms rooms, Messages messages, Sessions sessions,
      Presence presence, Avatars avatars, Permissions permissions, RateLimits limits, LoginGuard guard,
      InstantSource clock, RemoteImages images) {
    this.callers = new Authenticator(sessions, CredentialKind.userAndToken(USER_HEADER, TOKEN_HEADER));
    this.limits = limits;
    this.permissions = permissions;
    UserShapes shapes = new UserShapes(users, presence, avatars);
    this.auth = new RocketChatAuth(sessions, callers, guard, shapes);
    this.usersRoutes = new RocketChatUsers(users, rooms, permissions, callers, shapes);
    this.permissionsRoutes = new RocketChatPermissions(permissions, callers);
    this.userAdmin = new RocketChatUserAdmin(users, accounts, permissions, callers, shapes);
    this.userStatus = new RocketChatUserStatus(users, presence, avatars, images, permissions, callers,
        shapes);
    this.tokens = new RocketChatTokens(sessions, permissions, callers);
    this.roomRoutes = new RocketChatRooms(users, rooms, permissions, callers, new RoomShapes(users, rooms, messages));
    this.chatRoutes = new RocketChatChat(users, rooms, messages, permissions, callers, clock);
    this.subscriptionRoutes = new RocketChatSubscriptions(rooms, callers);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The login takes a form as well as JSON, as Rocket.Chat's does; {@code users.setAvatar} a multipart image, or
   * JSON naming an {@code avatarUrl}.
   */
  @Override
  public Set<String> jsonOrFormRoutes() {
    return Set.of("POST /api/v1/login", RocketChatUserStatus.SET_AVATAR);
  }

  /** {@code users.setAvatar}'s multipart image (it takes JSON as well: see {@link #jsonOrFormRoutes}). */
  @Override
  public Set<String> formRoutes() {
    return Set.of(RocketChatUserStatus.SET_AVATAR);
  }

  @Override
  public void install(JavalinConfig cfg, ErrorRouter errors) {
    errors.route(PREFIX, new RocketChatErrors());
    limits.paths(callers, PREFIX).withHeaders().auth("POST /api/v1/login", "POST /api/v1/users.register")
        .perRoute(caller -> permissions.has(caller.user(), Permissions.BYPASS_RATE_LIMIT));
    cfg.routes.exception(RocketChatFailure.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
    auth.routes(cfg);
    usersRoutes.routes(cfg);
    permissionsRoutes.routes(cfg);
    userAdmin.routes(cfg);
    userStatus.routes(cfg);
    tokens.routes(cfg);
    roomRoutes.routes(cfg);
    chatRoutes.routes(cfg);
    subscriptionRoutes.routes(cfg);
  }
}
