package dev.atrium.core.permission;

import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which roles hold each named permission, and which of these roles a user holds. The roles are Rocket.Chat's
 * ({@code admin}, {@code user}, {@code bot}, ...); a user holds them through Atrium's own: every normal account is a
 * {@code user}, a system account a {@code bot}, and a {@link Roles#SUPER_ADMINISTRATOR} is an {@code admin} as well.
 * The grants start as Rocket.Chat's defaults ({@link #DEFAULT_GRANTS}); a permission no grant names is held by
 * nobody.
 */
public final class Permissions {
  public static final String ADMIN = "admin";
  public static final String USER = "user";
  public static final String BOT = "bot";

  public static final String VIEW_FULL_OTHER_USER_INFO = "view-full-other-user-info";
  public static final String VIEW_OTHER_USER_CHANNELS = "view-other-user-channels";
  public static final String CREATE_C = "create-c";
  public static final String CREATE_P = "create-p";
  public static final String CREATE_D = "create-d";
  public static final String DELETE_C = "delete-c";
  public static final String DELETE_P = "delete-p";
  public static final String MESSAGE_IMPERSONATE = "message-impersonate";

  /**
   * Rocket.Chat's default grants of the permissions around users and sign-in, rooms and messages
   * ({@code apps/meteor/app/authorization/server/constant/permissions.ts}).
   */
  public static final Map<String, Set<String>> DEFAULT_GRANTS = Map.ofEntries(
      Map.entry(VIEW_OTHER_USER_CHANNELS, Set.of(ADMIN)),
      Map.entry(VIEW_FULL_OTHER_USER_INFO, Set.of(ADMIN)),
      Map.entry("create-user", Set.of(ADMIN)),
      Map.entry("edit-other-user-info", Set.of(ADMIN)),
      Map.entry("edit-other-user-password", Set.of(ADMIN)),
      Map.entry("edit-other-user-active-status", Set.of(ADMIN)),
      Map.entry("edit-other-user-avatar", Set.of(ADMIN)),
      Map.entry("edit-other-user-e2ee", Set.of(ADMIN)),
      Map.entry("edit-other-user-totp", Set.of(ADMIN)),
      Map.entry("delete-user", Set.of(ADMIN)),
      Map.entry("assign-admin-role", Set.of(ADMIN)),
      Map.entry("assign-roles", Set.of(ADMIN)),
      Map.entry("bulk-register-user", Set.of(ADMIN)),
      Map.entry("logout-other-user", Set.of(ADMIN)),
      Map.entry("view-user-administration", Set.of(ADMIN)),
      Map.entry("user-generate-access-token", Set.of(ADMIN)),
      Map.entry("create-personal-access-tokens", Set.of(ADMIN, USER)),
      Map.entry("view-d-room", Set.of(ADMIN, USER, "federated-external", BOT, "app", "guest")),
      Map.entry("view-outside-room", Set.of(ADMIN, "owner", "moderator", USER, "federated-external")),
      Map.entry("api-bypass-rate-limit", Set.of(ADMIN, BOT, "app")),
      Map.entry("manage-moderation-actions", Set.of(ADMIN)),
      Map.entry("view-all-teams", Set.of(ADMIN)),
      Map.entry("send-mail", Set.of(ADMIN)),
      // rooms and messages
      Map.entry(CREATE_C, Set.of(ADMIN, USER, BOT, "app")),
      Map.entry(CREATE_P, Set.of(ADMIN, USER, BOT, "app")),
      Map.entry(CREATE_D, Set.of(ADMIN, USER, BOT, "app")),
      Map.entry(DELETE_C, Set.of(ADMIN, "owner")),
      Map.entry(DELETE_P, Set.of(ADMIN, "owner")),
      Map.entry(MESSAGE_IMPERSONATE, Set.of(BOT, "app")));

  private final Map<String, Set<String>> grants;

  /** The grants given: permission → the roles that hold it. */
  public Permissions(Map<String, Set<String>> grants) {
    TreeMap<String, Set<String>> copy = new TreeMap<>();
    grants.forEach((permission, roles) -> {
      if (permission.isBlank()) {
        throw new IllegalArgumentException("a permission has a name");
      }
      copy.put(permission, Set.copyOf(roles));
    });
    this.grants = java.util.Collections.unmodifiableMap(copy);
  }

  /** Rocket.Chat's default grants. */
  public static Permissions defaults() {
    return new Permissions(DEFAULT_GRANTS);
  }

  /** The roles a user holds, {@code user} (or {@code bot}) first, then {@code admin}. */
  public static List<String> rolesOf(User user) {
    List<String> roles = new ArrayList<>(2);
    roles.add(user.accountType() == AccountType.SYSTEM ? BOT : USER);
    if (user.roles().contains(Roles.SUPER_ADMINISTRATOR)) {
      roles.add(ADMIN);
    }
    return List.copyOf(roles);
  }

  /** Whether one of the user's roles holds the permission. */
  public boolean has(User user, String permission) {
    Set<String> granted = grants.getOrDefault(permission, Set.of());
    return rolesOf(user).stream().anyMatch(granted::contains);
  }

  /** The roles that hold the permission, if any grant names it. */
  public Optional<Set<String>> roles(String permission) {
    return Optional.ofNullable(grants.get(permission));
  }

  /** Every grant, by permission name. */
  public Map<String, Set<String>> grants() {
    return grants;
  }
}
