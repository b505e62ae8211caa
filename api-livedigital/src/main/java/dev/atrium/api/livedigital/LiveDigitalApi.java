package dev.atrium.api.livedigital;

import dev.atrium.core.account.Captcha;
import dev.atrium.core.client.ApiClients;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.LoginGuard;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.GuestLinks;
import dev.atrium.core.space.SpaceRooms;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.Credential;
import dev.atrium.http.CredentialKind;
import dev.atrium.http.Dialect;
import dev.atrium.http.ErrorRouter;
import dev.atrium.http.Job;
import dev.atrium.http.RateLimits;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The LiveDigital (MoodHood) REST dialect under {@code /v1/}: tokens ({@link LiveDigitalAuth}), users
 * ({@link LiveDigitalUsers}), spaces with their invites ({@link LiveDigitalSpaces}), rooms in spaces with their roles
 * and guest links ({@link LiveDigitalRooms}), and personal tokens in Atrium's own API
 * ({@link LiveDigitalPersonalTokens}). A caller presents an access token as {@code Authorization: Bearer} or, with no
 * such header, as the {@code accessToken} cookie. A user token is a caller while its Atrium session lives (one session
 * read per request); a client token names no user, so a user-only route answers it 403, after checking that its
 * client is not revoked.
 */
public final class LiveDigitalApi implements Dialect {
  public static final String NAME = "livedigital";
  public static final String PREFIX = "/v1/";
  public static final String ACCESS_COOKIE = "accessToken";
  /** LiveDigital's own words for a token of the wrong kind ("this method is forbidden for the user"). */
  static final String WRONG_TOKEN = "Данный метод запрещен для пользователя";
  static final String UNAUTHORIZED = "Unauthorized";
  private static final String CLAIMS = "atrium.livedigital.claims";

  private final LiveDigitalTokens tokens;
  private final Authenticator callers;
  private final RateLimits limits;
  private final LiveDigitalAuth auth;
  private final LiveDigitalUsers users;
  private final LiveDigitalPersonalTokens personalTokens;
  private final LiveDigitalSpaces spaces;
  private final LiveDigitalRooms rooms;
  private final GuestLinks guestLinks;

  public LiveDigitalApi(Sessions sessions, ApiClients clients, LiveDigitalTokens tokens, Accounts accounts,
      Users users, Captcha captcha, RateLimits limits, LoginGuard guard, Supplier<String> publicUrl, Spaces spaces,
      SpaceRooms spaceRooms, GuestLinks guestLinks) {
    this.tokens = tokens;
    this.limits = limits;
    this.callers = new Authenticator(sessions, this::userCredential);
    this.auth = new LiveDigitalAuth(clients, sessions, guard, tokens, publicUrl);
    this.users = new LiveDigitalUsers(accounts, users, captcha, this::user, this::account);
    // Atrium's API takes Atrium's credentials, as AtriumApi does: a session token of any login
    this.personalTokens = new LiveDigitalPersonalTokens(sessions, tokens, new Authenticator(sessions,
        CredentialKind.bearer(), CredentialKind.header("sessionToken")));
    this.spaces = new LiveDigitalSpaces(spaces, spaceRooms, this::user, this::account);
    this.guestLinks = guestLinks;
    this.rooms = new LiveDigitalRooms(this, spaceRooms, guestLinks, tokens, publicUrl);
  }

  public LiveDigitalTokens tokens() {
    return tokens;
  }

  /** Forgets refresh tokens whose time is over. */
  @Override
  public List<Job> jobs() {
    return List.of(new Job("purge expired LiveDigital refresh tokens", Duration.ofMinutes(5), Duration.ofHours(1),
        tokens::purgeExpired));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<String> jsonOrFormRoutes() {
    return Set.of("POST " + LiveDigitalAuth.TOKEN_ROUTE);
  }

  @Override
  public void install(JavalinConfig cfg, ErrorRouter errors) {
    errors.route(PREFIX, new LiveDigitalErrors());
    errors.route(LiveDigitalAuth.TOKEN_ROUTE, new OAuthErrors());
    limits.paths(callers, PREFIX).withHeaders().auth("POST " + LiveDigitalAuth.TOKEN_ROUTE,
        "POST " + LiveDigitalUsers.USERS);
    cfg.routes.exception(OAuthErrors.Failure.class, (e, ctx) -> ctx.status(e.status()).json(e.body()));
    auth.routes(cfg);
    users.routes(cfg);
    personalTokens.routes(cfg);
    spaces.routes(cfg);
    rooms.routes(cfg);
  }

  /**
   * The token the request presents (the Bearer token, else the cookie), verified once per request: a user access
   * token names its session; any other token presented is no user's credential.
   */
  private Optional<Credential> userCredential(Context ctx) {
    String token = presented(ctx);
    if (token == null) {
      return Optional.empty();
    }
    return Optional.of(claims(ctx).filter(c -> c.user() && LiveDigitalTokens.ACCESS.equals(c.type()))
        .<Credential>map(c -> new Credential.SessionId(java.util.Objects.requireNonNull(c.sid())))
        .orElseGet(Credential.Unreadable::new));
  }

  /** The claims of the token the request presents, verified on the first call and kept on the request. */
  private Optional<LiveDigitalTokens.Claims> claims(Context ctx) {
    Optional<LiveDigitalTokens.Claims> kept = ctx.attribute(CLAIMS);
    if (kept == null) {
      kept = tokens.verify(presented(ctx));
      ctx.attribute(CLAIMS, kept);
    }
    return kept;
  }

  /**
   * The calling user; a live client's access token is 403, anything else 401. A one-time guest link's token is
   * spent here, on its first use: of concurrent first uses exactly one is a caller, and the rest are 401.
   */
  Principal user(Context ctx) {
    Optional<Principal> caller = callers.find(ctx);
    if (caller.isPresent()) {
      Principal principal = caller.get();
      boolean once = claims(ctx).map(LiveDigitalTokens.Claims::once).orElse(false);
      if (once && !guestLinks.spendOnce(principal.userId(), principal.session().id())) {
        throw new AtriumException.Unauthenticated(UNAUTHORIZED);
      }
      return principal;
    }
    boolean client = claims(ctx)
        .filter(c -> !c.user() && LiveDigitalTokens.ACCESS.equals(c.type()))
        .filter(c -> tokens.clientLive(c.clientId())).isPresent();
    if (client) {
      throw new AtriumException.Forbidden(WRONG_TOKEN);
    }
    throw new AtriumException.Unauthenticated(UNAUTHORIZED);
  }

  /**
   * The calling user, who must hold an account of his own: a room guest (a guest link's account) is refused 403 what
   * reaches beyond its room (making users and spaces, joining spaces).
   */
  Principal account(Context ctx) {
    Principal caller = user(ctx);
    if (caller.user().isGuest()) {
      throw new AtriumException.Forbidden(WRONG_TOKEN);
    }
    return caller;
  }

  /** The API client of the token the request presents, if it verifies (a room's appId, a guest link's cId). */
  @Nullable String clientOf(Context ctx) {
    return claims(ctx).map(LiveDigitalTokens.Claims::clientId).orElse(null);
  }

  /** The token the request presents: the Bearer token, else the cookie (as the authenticator reads them). */
  private static @Nullable String presented(Context ctx) {
    String bearer = CredentialKind.bearerToken(ctx);
    return bearer != null ? bearer : ctx.cookie(ACCESS_COOKIE);
  }
}
