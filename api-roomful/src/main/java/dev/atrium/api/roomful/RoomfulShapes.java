package dev.atrium.api.roomful;

import dev.atrium.core.badge.Badge;
import dev.atrium.core.settings.NetworkState;
import dev.atrium.core.settings.UserSettings;
import dev.atrium.core.social.SocialAccount;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.user.Avatar3D;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserCounters;
import dev.atrium.core.user.ZAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Roomful wire shapes of the user API, built from the model. Roomful's server is written in Go and sends
 * every field with its zero value, so an absent text is {@code ""}; the 3D avatar is left out when the user has
 * none, as the persona list documents. Timestamps are RFC 3339 in UTC with milliseconds, as Go writes a
 * {@code time.Time}.
 */
public final class RoomfulShapes {
  private RoomfulShapes() {}

  /** Roomful's {@code timestamp}. */
  public static String time(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  public record Avatar3DOut(String assetId, Map<String, String> assetSkins, String avatarUrl, String avatarUserId) {
    static @Nullable Avatar3DOut of(@Nullable Avatar3D a) {
      return a == null ? null
          : new Avatar3DOut(text(a.assetId()), a.assetSkins(), text(a.avatarUrl()), text(a.avatarUserId()));
    }
  }

  public record Permissions(boolean admin, boolean developer) {}

  /**
   * A role of the user as {@code user_info} lists it: the global roles are built-in roles without a target; the
   * role in the session's network is a built-in role with target type {@code network}.
   */
  public record RoleOut(String id, String roleName, String targetType, boolean isBuildIn, List<String> permissions,
      String targetId) {}

  /**
   * The user object. {@code permissions} only in {@code user.info} and {@code user_info}; {@code userRoles}
   * only in {@code user_info}; the counters and flags in {@code user:update} and {@code user_info}.
   */
  public record UserOut(
      String id,
      String created,
      String updated,
      String companyName,
      String companyTitle,
      String firstName,
      String lastName,
      String birthday,
      String hometown,
      String education,
      String zipCode,
      String description,
      String linkUrl,
      int privacyMode,
      String avatar,
      @Nullable Avatar3DOut avatar3D,
      Map<String, @Nullable Object> params,
      int identityType,
      String identityName,
      String zAddress,
      @Nullable Integer publicRoomCount,
      @Nullable Integer contactCount,
      @Nullable Integer pendingContactCount,
      @Nullable Integer newInvitationsCount,
      @Nullable Integer pendingRequestCount,
      @Nullable Integer newNotificationsCount,
      @Nullable Integer idealMatchCount,
      @Nullable Boolean isDisabled,
      @Nullable Boolean isNew,
      String email,
      @Nullable Boolean emailVerified,
      String phoneNumber,
      @Nullable Permissions permissions,
      @Nullable List<RoleOut> userRoles) {}

  /** What every user object is built from. */
  public record UserView(User user, String avatar, Map<String, @Nullable Object> params) {}

  /** {@code user.info}: the user and its permissions. */
  public static UserOut info(UserView v) {
    return user(v, null, false, permissions(v.user()), null);
  }

  /** {@code user:update}: the user with its counters and flags. */
  public static UserOut update(UserView v, UserCounters counters) {
    return user(v, counters, true, null, null);
  }

  /** {@code user_info}'s user: counters, permissions and roles. */
  public static UserOut connected(UserView v, UserCounters counters, List<RoleOut> roles) {
    return user(v, counters, true, permissions(v.user()), roles);
  }

  private static UserOut user(UserView v, @Nullable UserCounters c, boolean flags,
      @Nullable Permissions permissions, @Nullable List<RoleOut> roles) {
    User u = v.user();
    Profile p = u.profile();
    return new UserOut(Long.toString(u.id()), time(u.createdAt()), time(u.updatedAt()), text(p.companyName()),
        text(p.companyTitle()), text(p.firstName()), text(p.lastName()), text(p.birthday()), text(p.hometown()),
        text(p.education()), text(p.zipCode()), text(p.description()), text(p.linkUrl()), p.privacyMode(),
        v.avatar(), Avatar3DOut.of(u.avatar3D()), v.params(), u.identity().type().code(),
        text(u.identity().name()), text(u.identity().zAddress()),
        c == null ? null : c.publicRoomCount(), c == null ? null : c.contactCount(),
        c == null ? null : c.pendingContactCount(), c == null ? null : c.newInvitationsCount(),
        c == null ? null : c.pendingRequestCount(), c == null ? null : c.newNotificationsCount(),
        c == null ? null : c.idealMatchCount(),
        flags ? !u.enabled() : null, flags ? u.isNew() : null, text(u.email()), flags ? u.emailVerified() : null,
        text(p.mobilePhone()), permissions, roles);
  }

  /**
   * {@code admin}: a Symphony administrator or super administrator. {@code developer}: Atrium has no developer
   * programme, so no one is a developer.
   */
  static Permissions permissions(User u) {
    return new Permissions(u.hasAnyRole(Roles.POD_ADMINS), false);
  }

  /**
   * The permissions a user who may use a network has there, as {@code user.pluginPermissions} and the network
   * role in {@code user_info} list them: {@code network.view} for everyone, {@code network.attendee} for its
   * members, {@code network.moderate} for moderators and owners, {@code network.manage} for owners and
   * administrators.
   */
  public static List<String> networkPermissions(@Nullable SpaceRole role, boolean admin) {
    List<String> out = new ArrayList<>();
    out.add("network.view");
    if (role != null) {
      out.add("network.attendee");
    }
    if (role == SpaceRole.MODERATOR || role == SpaceRole.OWNER || admin) {
      out.add("network.moderate");
    }
    if (role == SpaceRole.OWNER || admin) {
      out.add("network.manage");
    }
    return out;
  }

  public record NetworkOut(String id, String created, String updated, String fullName, String type, String thumbnail,
      String parentNetworkId) {
    static NetworkOut of(Space s) {
      return new NetworkOut(s.id(), time(s.createdAt()), time(s.createdAt()), s.name(), typeName(s.type()), "",
          text(s.parentId()));
    }
  }

  /** Roomful's network type names: Public, Matchmaking, BusinessSocial, NetworkConference, Humanity. */
  static String typeName(dev.atrium.core.space.SpaceType type) {
    StringBuilder out = new StringBuilder();
    for (String word : type.name().split("_")) {
      out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }

  public record NetworkStateOut(String defaultSubNetworkId, Map<String, @Nullable Object> data) {
    static NetworkStateOut of(NetworkState s) {
      return new NetworkStateOut(text(s.defaultSubNetworkId()), s.data());
    }
  }

  public record EmailSettingsOut(boolean ignoreNewTextchatMessage) {}

  public record NavigationOut(int navigationMode, double verticalSensitivity, double horizontalSensitivity,
      int joystickSettings, int helperButtonAppearance) {}

  /** {@code userSettings} of {@code user_info}, and the data of {@code user:settingsUpdated}. */
  public record SettingsOut(EmailSettingsOut email, NavigationOut navigation, int objectCollision) {
    static SettingsOut of(UserSettings s) {
      UserSettings.Navigation n = s.navigation();
      return new SettingsOut(new EmailSettingsOut(s.email().ignoreNewTextchatMessage()),
          new NavigationOut(n.navigationMode(), n.verticalSensitivity(), n.horizontalSensitivity(),
              n.joystickSettings(), n.helperButtonAppearance()), s.objectCollision());
    }
  }

  public record SocialAccountOut(String kind, String socialId, String identityName) {
    static SocialAccountOut of(SocialAccount a) {
      return new SocialAccountOut(a.kind().wireName(), a.socialId(), text(a.identityName()));
    }
  }

  /** The deprecated {@code user:getSocialAccounts} item: no identity name. */
  public record LegacySocialAccountOut(String kind, String socialId) {}

  public record PersonaOut(String id, String firstName, String lastName, int privacyMode, String avatar,
      @Nullable Avatar3DOut avatar3D, String companyName, String companyTitle, int identityType,
      String identityName) {
    static PersonaOut of(User u, String avatar) {
      Profile p = u.profile();
      return new PersonaOut(Long.toString(u.id()), text(p.firstName()), text(p.lastName()), p.privacyMode(), avatar,
          Avatar3DOut.of(u.avatar3D()), text(p.companyName()), text(p.companyTitle()), u.identity().type().code(),
          text(u.identity().name()));
    }
  }

  public record BadgeOut(String userId, String id, String created, String updated, String badgeType,
      Map<String, @Nullable Object> data) {
    static BadgeOut of(Badge b) {
      return new BadgeOut(Long.toString(b.userId()), b.id(), time(b.createdAt()), time(b.updatedAt()),
          b.badgeType(), b.data());
    }
  }

  public record ZAddressOut(String userId, String zAddress, String title, String created) {
    static ZAddressOut of(ZAddress z) {
      return new ZAddressOut(Long.toString(z.userId()), z.zAddress(), z.title(), time(z.createdAt()));
    }
  }
}
