package dev.atrium.api.roomful;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.provider.FacebookIdentity;
import dev.atrium.core.provider.FacebookTokens;
import dev.atrium.core.session.Principal;
import dev.atrium.core.social.SocialAccounts;
import dev.atrium.core.social.SocialKind;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Roomful's JSON-RPC: {@code POST /api/v0/rpc/user.info}, {@code user.pluginPermissions} and
 * {@code user.setSocketRoute} with {@code X-Session-Id} (and {@code X-Network-Id}), and the public
 * {@code POST /api/v0/publicRpc/init.client}, which a client calls before it opens its socket. Every reply is the
 * {@code {data, error}} envelope.
 */
final class RoomfulRpc {
  public static final String NETWORK_HEADER = "X-Network-Id";
  /** The longest route {@code user.setSocketRoute} passes on. */
  static final int MAX_ROUTE_LENGTH = 2048;

  private final RoomfulGateway gateway;
  private final Users users;
  private final Spaces spaces;
  private final SocialAccounts socialAccounts;
  private final FacebookTokens facebook;
  private final Authenticator authenticator;
  private final Supplier<String> publicUrl;

  /** {@code publicUrl}: where clients reach this server, for {@code init.client}'s {@code endpoint}. */
  RoomfulRpc(RoomfulGateway gateway, Users users, Spaces spaces, SocialAccounts socialAccounts,
      FacebookTokens facebook, Authenticator authenticator, Supplier<String> publicUrl) {
    this.gateway = gateway;
    this.users = users;
    this.spaces = spaces;
    this.socialAccounts = socialAccounts;
    this.facebook = facebook;
    this.authenticator = authenticator;
    this.publicUrl = publicUrl;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v0/publicRpc/init.client", this::initClient);
    cfg.routes.post("/api/v0/rpc/user.info", this::info);
    cfg.routes.post("/api/v0/rpc/user.pluginPermissions", this::pluginPermissions);
    cfg.routes.post("/api/v0/rpc/user.setSocketRoute", this::setSocketRoute);
    cfg.routes.post("/auth/link/facebook", this::linkFacebook);
  }

  private Principal caller(Context ctx) {
    return authenticator.require(ctx, "Unauthorized");
  }

  record InfoOut(RoomfulShapes.UserOut user) {}

  private void info(Context ctx) {
    Principal p = caller(ctx);
    ctx.json(Envelope.ok(new InfoOut(RoomfulShapes.info(gateway.view(users.get(p.userId()))))));
  }

  record PermissionsOut(List<String> permissions) {}

  /**
   * The caller's permissions in the network of {@code X-Network-Id} (else the session's). A network the caller
   * may not use (a private one they are no member of) is refused as an unknown one, 404, so that an answer
   * never tells that a private network exists; a Symphony administrator may see every network.
   */
  private void pluginPermissions(Context ctx) {
    Principal p = caller(ctx);
    String networkId = networkId(ctx).orElse(p.session().network());
    boolean admin = RoomfulShapes.permissions(p.user()).admin();
    if (admin) {
      spaces.get(networkId);
    } else {
      spaces.requireUse(p.userId(), networkId);
    }
    Optional<SpaceMember> member = spaces.member(networkId, p.userId());
    ctx.json(Envelope.ok(new PermissionsOut(RoomfulShapes.networkPermissions(
        member.map(SpaceMember::role).orElse(null), admin))));
  }

  record SocketRouteIn(@Nullable String socketId, @Nullable String route) {}

  private void setSocketRoute(Context ctx) {
    Principal p = caller(ctx);
    SocketRouteIn in = JsonMapper.read(ctx.body(), SocketRouteIn.class);
    String route = Params.required(in.route(), "route");
    if (route.length() > MAX_ROUTE_LENGTH) {
      throw AtriumException.invalid("route must be at most " + MAX_ROUTE_LENGTH + " characters long");
    }
    gateway.setSocketRoute(p.userId(), Params.required(in.socketId(), "socketId"), route);
    ctx.json(Envelope.ok());
  }

  record LinkIn(@Nullable String token) {}

  /**
   * {@code POST /auth/link/facebook {token}}: links the Facebook account whose user token this is (checked with
   * Graph) to the caller, whose sockets hear {@code user:linkedToSocialAccount}. Like the rest of Roomful's
   * {@code /auth/*} family it answers an empty object; a refusal carries the envelope's error.
   */
  private void linkFacebook(Context ctx) {
    Principal p = caller(ctx);
    LinkIn in = JsonMapper.read(ctx.body(), LinkIn.class);
    FacebookIdentity identity = facebook.verify(Params.required(in.token(), "token"));
    socialAccounts.link(p.userId(), SocialKind.FACEBOOK, identity.id(), null);
    ctx.json(java.util.Map.of());
  }

  record InitIn(@Nullable String roomId, @Nullable String alias, @Nullable String group,
      @Nullable String domainName) {}

  record NetworkInitOut(int loaderType, String logoUrl, String loadingVideoUrl, boolean allowRegistration,
      boolean allowAnonymous, List<String> ssoProviders, String defaultPassword, String defaultRoom,
      boolean onlyVerifiedAccounts, boolean requireZipCode, boolean hasExpo, boolean pluginEnabled,
      String shareServerHost) {}

  record InitOut(String endpoint, String networkId, NetworkInitOut network, String sessionNetworkId,
      String userId) {}

  /**
   * What a client needs before it opens its socket: this server's address, the network (the one the session is
   * in, else the default), the session's network and user. Without a live session it answers for an anonymous
   * user. Atrium serves one domain per server, so {@code domainName} does not pick a network, and it has no
   * loaders, SSO providers or expo: those fields hold their zero values.
   */
  private void initClient(Context ctx) {
    if (!ctx.body().isBlank()) {
      JsonMapper.read(ctx.body(), InitIn.class);
    }
    Optional<Principal> p = authenticator.find(ctx);
    String sessionNetwork = p.map(x -> x.session().network()).orElse("");
    String networkId = p.map(x -> spaces.usableOrDefault(x.userId(), x.session().network()))
        .orElseGet(() -> spaces.get(Space.DEFAULT_ID)).id();
    NetworkInitOut network = new NetworkInitOut(0, "", "", true, true, List.of(), "", "", false, false, false,
        false, "");
    ctx.json(Envelope.ok(new InitOut(publicUrl.get(), networkId, network, sessionNetwork,
        p.map(x -> Long.toString(x.userId())).orElse(""))));
  }

  private static Optional<String> networkId(Context ctx) {
    String id = ctx.header(NETWORK_HEADER);
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    if (id.length() > 128) {
      throw AtriumException.invalid("X-Network-Id must be at most 128 characters long");
    }
    return Optional.of(id);
  }
}
