package dev.atrium.api.roomful;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.atrium.api.roomful.RoomfulShapes.BadgeOut;
import dev.atrium.api.roomful.RoomfulShapes.LegacySocialAccountOut;
import dev.atrium.api.roomful.RoomfulShapes.PersonaOut;
import dev.atrium.api.roomful.RoomfulShapes.SocialAccountOut;
import dev.atrium.api.roomful.RoomfulShapes.ZAddressOut;
import dev.atrium.api.roomful.RoomfulSockets.Channel;
import dev.atrium.api.roomful.RoomfulSockets.Conn;
import dev.atrium.core.JsonData;
import dev.atrium.core.OpaqueId;
import dev.atrium.core.account.EmailVerification;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.badge.Badges;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.merge.Merges;
import dev.atrium.core.provider.AvatarTokens;
import dev.atrium.core.provider.FacebookIdentity;
import dev.atrium.core.provider.FacebookTokens;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.settings.DeviceApplication;
import dev.atrium.core.settings.DeviceSettings;
import dev.atrium.core.settings.Settings;
import dev.atrium.core.settings.UserSettings;
import dev.atrium.core.social.SocialAccount;
import dev.atrium.core.social.SocialAccounts;
import dev.atrium.core.social.SocialKind;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.Accounts;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Personas;
import dev.atrium.core.user.ProfileEdit;
import dev.atrium.core.user.Profiles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Boundary;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.Params;
import dev.atrium.socketio.Event;
import dev.atrium.socketio.Frame;
import dev.atrium.socketio.SocketIoServer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code user:*} method of Roomful's user API: its request read strictly (a field of the wrong type is
 * refused by name), its effect through the core services, its reply in the documented shape.
 */
final class RoomfulUserMethods {
  /** Channel ids: 18 random bytes, 24 URL-safe characters. */
  static final int CHANNEL_ID_BYTES = 18;

  private final RoomfulGateway gateway;
  private final RoomfulSockets sockets;
  private final Users users;
  private final Accounts accounts;
  private final Sessions sessions;
  private final Profiles profiles;
  private final Settings settings;
  private final SocialAccounts socialAccounts;
  private final Personas personas;
  private final Badges badges;
  private final Merges merges;
  private final EmailVerification verification;
  private final Avatars avatars;
  private final FacebookTokens facebook;
  private final AvatarTokens avatarTokens;
  private final RandomGenerator random;

  RoomfulUserMethods(RoomfulGateway gateway, Users users, Accounts accounts, Sessions sessions, Profiles profiles,
      Settings settings, SocialAccounts socialAccounts, Personas personas, Badges badges, Merges merges,
      EmailVerification verification, Avatars avatars, FacebookTokens facebook, AvatarTokens avatarTokens,
      RandomGenerator random) {
    this.gateway = gateway;
    this.sockets = gateway.sockets();
    this.users = users;
    this.accounts = accounts;
    this.sessions = sessions;
    this.profiles = profiles;
    this.settings = settings;
    this.socialAccounts = socialAccounts;
    this.personas = personas;
    this.badges = badges;
    this.merges = merges;
    this.verification = verification;
    this.avatars = avatars;
    this.facebook = facebook;
    this.avatarTokens = avatarTokens;
    this.random = random;
  }

  /** One call: the event, the calling socket and the request's {@code data} object. */
  record Call(Event event, Conn conn, ObjectNode data) {
    Principal principal() {
      return Objects.requireNonNull(conn.principal);
    }

    long userId() {
      return principal().userId();
    }

    <T> T as(Class<T> type) {
      return JsonMapper.convert(data, type);
    }
  }

  @FunctionalInterface
  interface Method {
    @Nullable Object handle(Call call);
  }

  void register(SocketIoServer.Builder b) {
    on(b, "user:editProfile", this::editProfile);
    on(b, "user:changeEmail", c -> {
      verification.changeEmail(c.userId(), Params.required(c.as(EmailIn.class).email(), "email"));
      return null;
    });
    on(b, "user:changePhone", c -> {
      profiles.changePhone(c.userId(), Params.required(c.as(PhoneIn.class).phoneNumber(), "phoneNumber"));
      return null;
    });
    on(b, "user:changePassword", c -> {
      PasswordIn in = c.as(PasswordIn.class);
      accounts.changePassword(c.principal(), Params.required(in.password(), "password"),
          Params.required(in.newPassword(), "newPassword"));
      return null;
    });
    on(b, "user:changeAvatar", c -> {
      profiles.changeAvatar(c.userId(), Params.required(c.as(AvatarIn.class).avatar(), "avatar"));
      return null;
    });
    on(b, "user:changeAvatar3D", this::changeAvatar3D);
    on(b, "user:getRPMAvatarToken", this::rpmToken);
    on(b, "user:changeCompanyInfo", c -> {
      CompanyIn in = c.as(CompanyIn.class);
      profiles.changeCompanyInfo(c.userId(), in.companyName(), in.companyTitle());
      return null;
    });
    on(b, "user:deviceSettings", this::deviceSettings);
    on(b, "user:setNetworkState", this::setNetworkState);
    on(b, "user:setEmailSettings", c -> {
      EmailSettingsIn in = Params.required(c.as(EmailSettingsHolder.class).settings(), "settings");
      settings.setEmail(c.userId(), new UserSettings.Email(Params.required(in.ignoreNewTextchatMessage(),
          "settings.ignoreNewTextchatMessage")));
      return null;
    });
    on(b, "user:setNavigationSettings", this::setNavigation);
    on(b, "user:setCollisionSettings", c -> {
      settings.setObjectCollision(c.userId(), Params.required(c.as(CollisionIn.class).objectCollision(),
          "objectCollision"));
      return null;
    });
    on(b, "user:mergeByEmail", this::mergeByEmail);
    on(b, "user:mergeByFacebook", this::mergeByFacebook);
    on(b, "user:setUserIsNotNew", c -> {
      profiles.setNotNew(c.userId());
      return null;
    });
    on(b, "user:sendUserEmailVerificationToken", c -> {
      verification.requestForUser(c.userId());
      return null;
    });
    on(b, "user:getUserParams", c -> {
      String target = c.as(TargetIn.class).targetUser();
      long targetId = target == null || target.isEmpty() ? c.userId() : Params.userId(target, "targetUser");
      return new ParamsOut(profiles.params(c.userId(), targetId));
    });
    on(b, "user:setUserParams", c -> {
      JsonNode params = c.data().get("userParams");
      if (params == null || !params.isObject()) {
        throw AtriumException.invalid("userParams is required and must be an object");
      }
      profiles.setParams(c.userId(), plain(params));
      return null;
    });
    on(b, "user:listBadgesOfType", c -> {
      BadgesIn in = c.as(BadgesIn.class);
      return new BadgesOut(badges.listOfType(Params.required(in.badgeType(), "badgeType"),
          in.offset() == null ? 0 : in.offset(), in.size() == null ? 20 : in.size()).stream()
          .map(BadgeOut::of).toList());
    });
    on(b, "user:getLinkedSocialAccounts", c -> new SocialAccountsOut<>(socialAccounts.list(c.userId())
        .stream().map(SocialAccountOut::of).toList()));
    on(b, "user:getSocialAccounts", c -> new SocialAccountsOut<>(socialAccounts.list(c.userId()).stream()
        .map(a -> new LegacySocialAccountOut(a.kind().wireName(), a.socialId())).toList()));
    on(b, "user:unlinkSocialAccount", c -> {
      socialAccounts.unlink(c.userId(), Params.required(c.as(UnlinkIn.class).socialKind(), "socialKind"));
      return null;
    });
    on(b, "user:listLinkedPersonaAccounts", c -> new PersonasOut(personas.list(c.userId()).stream()
        .map(p -> PersonaOut.of(p, avatars.shown(p))).toList()));
    on(b, "user:disable", c -> {
      accounts.disableSelf(c.userId());
      return null;
    });
    on(b, "user:getDataForSocketSwitch", this::socketSwitch);
    on(b, "user:initPubSubChannel", c -> {
      Channel channel = sockets.openChannel(OpaqueId.random(random, CHANNEL_ID_BYTES), c.conn());
      return new ChannelOut(channel.id());
    });
    on(b, "user:subscribeToPubSubChannel", c -> {
      ownChannel(c, Params.required(c.as(ChannelIn.class).channelId(), "channelId")).subscribers().add(c.conn());
      return null;
    });
    on(b, "user:sendToPubSubChannel", this::sendToChannel);
    on(b, "user:setZAddress", c -> {
      ZAddressIn in = c.as(ZAddressIn.class);
      profiles.setZAddress(c.userId(), Params.required(in.zAddress(), "zAddress"), in.title() == null ? ""
          : in.title());
      return null;
    });
    on(b, "user:listZAddresses", c -> new ZAddressesOut(profiles.zAddresses(c.userId()).stream()
        .map(ZAddressOut::of).toList()));
  }

  private void on(SocketIoServer.Builder b, String name, Method method) {
    b.on(name, e -> {
      Conn conn = e.socket().attachment(Conn.class);
      gateway.reply(e, conn, () -> {
        if (conn.principal == null) {
          throw new AtriumException.Unauthenticated("Unauthorized: this socket has no session");
        }
        if (!sessionLive(conn)) {
          // closes once the reply has gone
          conn.close();
          throw new AtriumException.Unauthenticated("Unauthorized: the session has ended");
        }
        return method.handle(new Call(e, conn, data(e)));
      });
    });
  }

  /**
   * Whether the socket's session still opens: a revoked session's sockets are closed when the revocation is
   * published, but an expired one's are not, and the bus may lose an event.
   */
  private boolean sessionLive(Conn conn) {
    return sessions.authenticate(conn.socket.handshake().query("sessionId").orElse(null)).isPresent();
  }

  /** The request's {@code data}: {@code {data: {...}, event: {...}}}; an empty request is an empty object. */
  private static ObjectNode data(Event e) {
    if (e.args().isEmpty() || e.arg(0).isNull()) {
      return JsonMapper.MAPPER.createObjectNode();
    }
    if (!(e.arg(0) instanceof ObjectNode request)) {
      throw AtriumException.invalid("The request must be an object {data, event}");
    }
    Boundary.json(request, "");
    JsonNode data = request.get("data");
    if (data == null || data.isNull()) {
      return JsonMapper.MAPPER.createObjectNode();
    }
    if (!(data instanceof ObjectNode object)) {
      throw AtriumException.invalid("data must be an object");
    }
    return object;
  }

  /** A JSON object as JDK values, for {@link JsonData}. */
  @SuppressWarnings("unchecked")
  static Map<String, @Nullable Object> plain(JsonNode object) {
    return JsonMapper.MAPPER.convertValue(object, Map.class);
  }

  // ---- requests and replies

  record EditProfileIn(@Nullable String firstName, @Nullable String lastName, @Nullable String birthday,
      @Nullable String hometown, @Nullable String education, @Nullable String description, @Nullable String linkUrl,
      @Nullable Integer privacyMode) {}

  record EmailIn(@Nullable String email) {}

  record PhoneIn(@Nullable String phoneNumber) {}

  record PasswordIn(@Nullable String password, @Nullable String newPassword) {}

  record AvatarIn(@Nullable String avatar) {}

  record Avatar3DIn(@Nullable String assetId, @Nullable Map<String, String> assetSkins, @Nullable String avatarUrl,
      @Nullable String avatarUserId) {}

  record Avatar3DHolder(@Nullable Avatar3DIn avatar3D) {}

  record CompanyIn(@Nullable String companyName, @Nullable String companyTitle) {}

  record DeviceIn(@Nullable Integer device_timezone, @Nullable String device_language, @Nullable Integer device_os,
      @Nullable String device_push_token, @Nullable String device_application) {}

  record DeviceHolder(@Nullable DeviceIn settings) {}

  record EmailSettingsIn(@Nullable Boolean ignoreNewTextchatMessage) {}

  record EmailSettingsHolder(@Nullable EmailSettingsIn settings) {}

  record NavigationIn(@Nullable Integer navigationMode, @Nullable Double verticalSensitivity,
      @Nullable Double horizontalSensitivity, @Nullable Integer joystickSettings,
      @Nullable Integer helperButtonAppearance) {}

  record NavigationHolder(@Nullable NavigationIn settings) {}

  record CollisionIn(@Nullable Integer objectCollision) {}

  record MergeEmailIn(@Nullable String targetUser, @Nullable String email, @Nullable String password) {}

  record MergeFacebookIn(@Nullable String targetUser, @Nullable String facebookToken) {}

  record TargetIn(@Nullable String targetUser) {}

  record BadgesIn(@Nullable String badgeType, @Nullable Integer offset, @Nullable Integer size) {}

  record UnlinkIn(@Nullable String socialKind) {}

  record SwitchIn(@Nullable String accountId, @Nullable String networkId, @Nullable Boolean requestNewSessionId) {}

  record ChannelIn(@Nullable String channelId) {}

  record ZAddressIn(@Nullable String zAddress, @Nullable String title) {}

  record ParamsOut(Map<String, @Nullable Object> params) {}

  record RpmTokenOut(String rpmToken) {}

  record BadgesOut(List<BadgeOut> badges) {}

  record SocialAccountsOut<T>(List<T> socialAccounts) {}

  record PersonasOut(List<PersonaOut> linkedAccounts) {}

  record SwitchOut(String accountId, String networkId, String newSessionId) {}

  record ChannelOut(String channelId) {}

  record ChannelEventOut(String channelId, JsonNode channelData) {}

  record ZAddressesOut(List<ZAddressOut> zAddresses) {}

  // ---- the methods with more to them

  private @Nullable Object editProfile(Call c) {
    EditProfileIn in = c.as(EditProfileIn.class);
    profiles.editProfile(c.userId(), new ProfileEdit(in.firstName(), in.lastName(), in.birthday(), in.hometown(),
        in.education(), in.description(), in.linkUrl(), in.privacyMode()));
    return null;
  }

  private @Nullable Object changeAvatar3D(Call c) {
    if (!c.data().has("avatar3D")) {
      throw AtriumException.invalid("avatar3D is required (null removes the 3D avatar)");
    }
    Avatar3DIn in = c.as(Avatar3DHolder.class).avatar3D();
    profiles.changeAvatar3D(c.userId(), in == null ? null : new Avatar3D(in.assetId(),
        in.assetSkins() == null ? Map.of() : in.assetSkins(), in.avatarUrl(), in.avatarUserId()));
    return null;
  }

  /** A token for the user's Ready Player Me avatar session: the avatar must name its Ready Player Me user. */
  private Object rpmToken(Call c) {
    User user = users.get(c.userId());
    String rpmUser = user.avatar3D() == null ? null : user.avatar3D().avatarUserId();
    if (rpmUser == null) {
      throw AtriumException.invalid("The user has no Ready Player Me avatar: set avatar3D.avatarUserId first");
    }
    return new RpmTokenOut(avatarTokens.tokenFor(rpmUser));
  }

  private @Nullable Object deviceSettings(Call c) {
    DeviceIn in = Params.required(c.as(DeviceHolder.class).settings(), "settings");
    settings.setDevice(c.principal(), new DeviceSettings(in.device_timezone(), in.device_language(),
        in.device_os(), in.device_push_token(),
        in.device_application() == null ? null : DeviceApplication.parse(in.device_application())));
    return null;
  }

  private @Nullable Object setNetworkState(Call c) {
    JsonNode state = c.data().get("networkState");
    if (state == null || !state.isObject()) {
      throw AtriumException.invalid("networkState is required and must be an object");
    }
    JsonNode sub = state.get("defaultSubNetworkId");
    if (sub != null && !sub.isNull() && !sub.isTextual()) {
      throw AtriumException.invalid("Field 'networkState.defaultSubNetworkId' has the wrong type; expected a string");
    }
    JsonNode data = state.get("data");
    if (data != null && !data.isNull() && !data.isObject()) {
      throw AtriumException.invalid("Field 'networkState.data' has the wrong type; expected an object");
    }
    settings.setNetworkState(c.userId(), c.principal().session().network(),
        sub == null || sub.isNull() ? null : sub.asText(), data == null || data.isNull() ? Map.of() : plain(data));
    return null;
  }

  /** Fields left out keep their current value. */
  private @Nullable Object setNavigation(Call c) {
    NavigationIn in = Params.required(c.as(NavigationHolder.class).settings(), "settings");
    settings.patchNavigation(c.userId(), new UserSettings.NavigationPatch(in.navigationMode(),
        in.verticalSensitivity(), in.horizontalSensitivity(), in.joystickSettings(), in.helperButtonAppearance()));
    return null;
  }

  /**
   * Merges the account that {@code email} and {@code password} prove into the caller's. {@code targetUser}, when
   * given, must be that account's id; it is compared only once the password is proven, so that no one learns
   * whose an address is without it. Wrong credentials are {@code Forbidden}.
   */
  private @Nullable Object mergeByEmail(Call c) {
    MergeEmailIn in = c.as(MergeEmailIn.class);
    String email = Params.required(in.email(), "email");
    String password = Params.required(in.password(), "password");
    Long target = in.targetUser() == null || in.targetUser().isEmpty() ? null
        : Params.userId(in.targetUser(), "targetUser");
    User from;
    try {
      from = sessions.checkPassword(email, password);
    } catch (AtriumException.Unauthenticated e) {
      // The caller's session is fine; the other account's credentials are wrong. A 401 on a socket means "this
      // socket has no session" and would make a client sign its user out.
      throw AtriumException.forbidden(e.getMessage());
    }
    if (target != null && target != from.id()) {
      throw AtriumException.invalid("targetUser is not the account of " + email);
    }
    merges.merge(c.userId(), from.id());
    return null;
  }

  /**
   * Merges the account linked to the Facebook user whose token this is into the caller's; the token is checked
   * with Facebook first. {@code targetUser}, when given, must be that account's id.
   */
  private @Nullable Object mergeByFacebook(Call c) {
    MergeFacebookIn in = c.as(MergeFacebookIn.class);
    FacebookIdentity identity = facebook.verify(Params.required(in.facebookToken(), "facebookToken"));
    SocialAccount linked = socialAccounts.byAccount(SocialKind.FACEBOOK, identity.id())
        .orElseThrow(() -> AtriumException.notFound("No account is linked to this Facebook account"));
    if (in.targetUser() != null && !in.targetUser().isEmpty()
        && Params.userId(in.targetUser(), "targetUser") != linked.userId()) {
      throw AtriumException.invalid("targetUser is not the account linked to this Facebook account");
    }
    merges.mergeBySocialAccount(c.userId(), SocialKind.FACEBOOK, identity.id());
    return null;
  }

  /**
   * What a client needs to open a socket for another network or persona ({@link Personas#switchTo} decides who
   * may switch where and opens the session). The other sockets of this session hear {@code user:socketSwitchEvent}.
   */
  private Object socketSwitch(Call c) {
    SwitchIn in = c.as(SwitchIn.class);
    Long accountId = in.accountId() == null || in.accountId().isEmpty() ? null
        : Params.userId(in.accountId(), "accountId");
    String networkId = in.networkId() == null || in.networkId().isEmpty() ? null : in.networkId();
    Principal p = c.principal();
    Personas.Switch to = personas.switchTo(p, accountId, networkId, Boolean.TRUE.equals(in.requestNewSessionId()));
    SwitchOut out = new SwitchOut(Long.toString(to.account().id()), to.networkId(),
        to.session().map(Sessions.Minted::token).orElse(""));
    Frame frame = gateway.encode("user:socketSwitchEvent", out);
    for (Conn other : sockets.ofSession(p.session().id())) {
      if (other != c.conn()) {
        other.socket.emitRaw(frame);
      }
    }
    return out;
  }

  /** The channel, if it exists and the caller's user owns it; another user's channel is as good as unknown. */
  private Channel ownChannel(Call c, String channelId) {
    Optional<Channel> channel = sockets.channel(channelId).filter(ch -> ch.ownerId() == c.userId());
    return channel.orElseThrow(() -> AtriumException.notFound("Channel " + channelId + " not found"));
  }

  private @Nullable Object sendToChannel(Call c) {
    ChannelIn in = c.as(ChannelIn.class);
    Channel channel = ownChannel(c, Params.required(in.channelId(), "channelId"));
    JsonNode data = c.data().get("channelData");
    if (data == null) {
      throw AtriumException.invalid("channelData is required");
    }
    if (JsonMapper.write(data).getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > RoomfulGateway.MAX_CHANNEL_DATA) {
      throw AtriumException.invalid("channelData must be at most " + RoomfulGateway.MAX_CHANNEL_DATA
          + " bytes as JSON");
    }
    Frame frame = gateway.encode("user:onPubSubChannelEvent", new ChannelEventOut(channel.id(), data));
    for (Conn subscriber : channel.subscribers()) {
      if (subscriber != c.conn()) {
        subscriber.socket.emitRaw(frame);
      }
    }
    return null;
  }
}
