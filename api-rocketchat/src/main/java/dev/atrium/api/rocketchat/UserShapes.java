package dev.atrium.api.rocketchat;

import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Profile;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Atrium's users as Rocket.Chat documents show them. A field Atrium has no value for is left out, as Rocket.Chat
 * leaves out a field its document lacks; dates are ISO-8601 in UTC with milliseconds, as {@code JSON.stringify}
 * writes them.
 */
final class UserShapes {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final Users users;
  private final Presence presence;
  private final Avatars avatars;

  UserShapes(Users users, Presence presence, Avatars avatars) {
    this.users = users;
    this.presence = presence;
    this.avatars = avatars;
  }

  static String date(Instant at) {
    return DATE.format(at);
  }

  static String id(User user) {
    return Long.toString(user.id());
  }

  /**
   * The caller as {@code /me} and the login's {@code me} show it (Rocket.Chat's {@code getUserInfo}): the default
   * fields, the first verified address as {@code email}, the preferences, the avatar's URL, and {@code services}
   * reduced to whether a password exists.
   */
  Map<String, Object> me(User user) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("_id", id(user));
    me.put("name", name(user));
    me.put("username", user.username());
    if (user.email() != null) {
      me.put("emails", emails(user));
      if (user.emailVerified()) {
        me.put("email", user.email());
      }
    }
    String status = status(user);
    me.put("status", status);
    me.put("statusConnection", connection(status));
    put(me, "bio", user.profile().description());
    put(me, "language", user.profile().language());
    me.put("active", user.enabled());
    me.put("roles", Permissions.rolesOf(user));
    me.put("settings", Map.of("profile", Map.of(), "preferences", preferences()));
    String avatar = avatars.shown(user);
    if (!avatar.isEmpty()) {
      me.put("avatarUrl", avatar);
    }
    if (user.avatarVersion() > 0) {
      me.put("avatarETag", Integer.toString(user.avatarVersion()));
    }
    boolean password = users.hasPassword(user.id());
    me.put("isOAuthUser", !password);
    me.put("services", Map.of("password", Map.of("exists", password)));
    me.put("_updatedAt", date(user.updatedAt()));
    return me;
  }

  /**
   * A user as {@code users.info} shows it ({@code getFullUserData}): the default fields to anyone; with
   * {@code canViewAllInfo} the full ones too (addresses, connection, dates, roles); to the user himself also
   * {@code services}, the password collapsed to {@code true} and nothing else of it. {@code canViewAllInfo} is
   * always there.
   */
  Map<String, Object> info(User user, boolean canViewAllInfo, boolean myself) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", id(user));
    if (canViewAllInfo) {
      out.put("createdAt", date(user.createdAt()));
    }
    if (myself) {
      out.put("services", users.hasPassword(user.id()) ? Map.of("password", true) : Map.of());
    }
    out.put("username", user.username());
    if (canViewAllInfo && user.email() != null) {
      out.put("emails", emails(user));
    }
    out.put("type", user.accountType() == AccountType.SYSTEM ? "bot" : "user");
    String status = status(user);
    out.put("status", status);
    out.put("active", user.enabled());
    if (canViewAllInfo) {
      out.put("roles", Permissions.rolesOf(user));
    }
    out.put("name", name(user));
    put(out, "bio", user.profile().description());
    if (canViewAllInfo) {
      if (user.lastLoginAt() != null) {
        out.put("lastLogin", date(user.lastLoginAt()));
      }
      out.put("statusConnection", connection(status));
    }
    if (user.avatarVersion() > 0) {
      out.put("avatarETag", Integer.toString(user.avatarVersion()));
    }
    out.put("canViewAllInfo", canViewAllInfo);
    return out;
  }

  /**
   * A user as the {@code users.*} management routes answer ({@code users.create}, {@code users.update},
   * {@code users.list}): the default fields to anyone; with {@code full} (an administrator's view) the addresses,
   * roles and dates too; never {@code services}.
   */
  Map<String, Object> managed(User user, boolean full) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", id(user));
    if (full) {
      out.put("createdAt", date(user.createdAt()));
    }
    out.put("username", user.username());
    if (full && user.email() != null) {
      out.put("emails", emails(user));
    }
    out.put("type", user.accountType() == AccountType.SYSTEM ? "bot" : "user");
    out.put("status", status(user));
    out.put("active", user.enabled());
    if (full) {
      out.put("roles", Permissions.rolesOf(user));
    }
    out.put("name", name(user));
    put(out, "bio", user.profile().description());
    if (full && user.lastLoginAt() != null) {
      out.put("lastLogin", date(user.lastLoginAt()));
    }
    if (user.avatarVersion() > 0) {
      out.put("avatarETag", Integer.toString(user.avatarVersion()));
    }
    out.put("_updatedAt", date(user.updatedAt()));
    return out;
  }

  /** Rocket.Chat's status of the user ({@code online}, {@code away}, {@code busy}, {@code offline}). */
  String statusOf(User user) {
    return status(user);
  }

  /** The connection's status of a Rocket.Chat status. */
  static String connectionOf(String status) {
    return connection(status);
  }

  /** The display name, else the first and last names, else the username: Rocket.Chat's {@code name}. */
  static String name(User user) {
    Profile p = user.profile();
    if (p.displayName() != null && !p.displayName().isBlank()) {
      return p.displayName();
    }
    String full = Stream.of(p.firstName(), p.lastName()).filter(s -> s != null && !s.isBlank())
        .collect(Collectors.joining(" "));
    return full.isEmpty() ? user.username() : full;
  }

  private static List<Map<String, Object>> emails(User user) {
    return user.email() == null ? List.of()
        : List.of(Map.of("address", user.email(), "verified", user.emailVerified()));
  }

  /** Rocket.Chat's four statuses from the user's presence. */
  private String status(User user) {
    return switch (presence.of(user).category()) {
      case AVAILABLE -> "online";
      case BUSY, DO_NOT_DISTURB, ON_THE_PHONE, IN_A_MEETING -> "busy";
      case AWAY, BE_RIGHT_BACK, OUT_OF_OFFICE, OFF_WORK -> "away";
      case OFFLINE, UNDEFINED -> "offline";
    };
  }

  /** The connection's status: a busy user is connected, so online. */
  private static String connection(String status) {
    return status.equals("busy") ? "online" : status;
  }

  /** Rocket.Chat's default preferences ({@code Accounts_Default_User_Preferences_*}) that Atrium honours. */
  private static Map<String, Object> preferences() {
    return Map.of("enableAutoAway", true, "idleTimeLimit", 300);
  }

  private static void put(Map<String, Object> map, String key, @org.jspecify.annotations.Nullable String value) {
    if (value != null && !value.isEmpty()) {
      map.put(key, value);
    }
  }
}
