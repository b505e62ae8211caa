package dev.atrium.core.permission;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which roles hold each named permission, and which of these roles a user holds. The roles are Rocket.Chat's
 * ({@code admin}, {@code user}, {@code bot}, ...); a user holds them through Atrium's own: every normal account is a
 * {@code user}, a system account a {@code bot}, and a {@link Roles#SUPER_ADMINISTRATOR} is an {@code admin} as well.
 * The grants start as Rocket.Chat's defaults ({@link #DEFAULT_GRANTS}), are stored, and change through
 * {@link #update}; a permission no grant names is held by nobody. Every node reads them from memory: a change
 * reloads them on the node that made it (cluster mode will reload them on the others).
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
      Map.entry("access-permissions", Set.of(ADMIN)),
      // rooms and messages
      Map.entry(CREATE_C, Set.of(ADMIN, USER, BOT, "app")),
      Map.entry(CREATE_P, Set.of(ADMIN, USER, BOT, "app")),
      Map.entry(CREATE_D, Set.of(ADMIN, USER, BOT, "app")),
      Map.entry(DELETE_C, Set.of(ADMIN, "owner")),
      Map.entry(DELETE_P, Set.of(ADMIN, "owner")),
      Map.entry(MESSAGE_IMPERSONATE, Set.of(BOT, "app")));

  /** Who may change the grants ({@code permissions.update}). */
  public static final String ACCESS_PERMISSIONS = "access-permissions";
  /** Who is not rate limited per route. */
  public static final String BYPASS_RATE_LIMIT = "api-bypass-rate-limit";

  /** A role grants hold: global ({@code Users}) or held in a room ({@code Subscriptions}). */
  public record Role(String name, String scope, String description) {}

  /** Rocket.Chat's default roles ({@code upsertPermissions.ts}), which every grant names from. */
  public static final List<Role> ROLES = List.of(
      new Role(ADMIN, "Users", "Admin"),
      new Role("moderator", "Subscriptions", "Moderator"),
      new Role("leader", "Subscriptions", "Leader"),
      new Role("owner", "Subscriptions", "Owner"),
      new Role(USER, "Users", ""),
      new Role(BOT, "Users", ""),
      new Role("app", "Users", ""),
      new Role("guest", "Users", ""),
      new Role("anonymous", "Users", ""),
      new Role("livechat-agent", "Users", "Livechat Agent"),
      new Role("livechat-manager", "Users", "Livechat Manager"),
      new Role("federated-external", "Users", ""));

  private static final Set<String> ROLE_NAMES = ROLES.stream().map(Role::name)
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** The roles that hold a permission since a moment. */
  public record Grant(String permission, Set<String> roles, Instant updatedAt) {
    public Grant {
      if (permission.isBlank()) {
        throw new IllegalArgumentException("a permission has a name");
      }
      roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
    }
  }

  private final PermissionStore store;
  private final AuditLog audit;
  private final Transactor tx;
  private final InstantSource clock;
  // Replaced whole once a change has committed: a reader sees the grants before it or after it.
  private volatile Map<String, Grant> grants;

  /**
   * The stored grants; a permission of {@link #DEFAULT_GRANTS} that has none yet (the first start, or a version
   * that adds one) is stored with its default roles first.
   */
  public Permissions(PermissionStore store, AuditLog audit, Transactor tx, InstantSource clock) {
    this.store = store;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    tx.run(() -> {
      Set<String> stored = new HashSet<>();
      store.all().forEach(g -> stored.add(g.permission()));
      Instant now = clock.instant();
      DEFAULT_GRANTS.forEach((permission, roles) -> {
        if (!stored.contains(permission)) {
          store.insertIfAbsent(new Grant(permission, roles, now));
        }
      });
    });
    this.grants = load(store);
  }

  private static Map<String, Grant> load(PermissionStore store) {
    TreeMap<String, Grant> byName = new TreeMap<>();
    store.all().forEach(g -> byName.put(g.permission(), g));
    return Collections.unmodifiableMap(byName);
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

  /** Whether that names one of the {@link #ROLES}. */
  public static boolean isRole(String name) {
    return ROLE_NAMES.contains(name);
  }

  /** Whether one of the user's roles holds the permission. */
  public boolean has(User user, String permission) {
    Grant grant = grants.get(permission);
    return grant != null && rolesOf(user).stream().anyMatch(grant.roles()::contains);
  }

  /** The permission's grant, if it is a permission. */
  public Optional<Grant> grant(String permission) {
    return Optional.ofNullable(grants.get(permission));
  }

  /** Every grant, by permission name. */
  public Collection<Grant> grants() {
    return grants.values();
  }

  /**
   * Gives each named permission exactly the roles given, all or none: for holders of {@link #ACCESS_PERMISSIONS};
   * every permission must exist and every role be one of the {@link #ROLES}. Audited; it holds for the next
   * request once this returns.
   */
  public Collection<Grant> update(User actor, Map<String, Set<String>> changes) {
    if (!has(actor, ACCESS_PERMISSIONS)) {
      throw AtriumException.forbidden("Changing permissions is not allowed");
    }
    for (Map.Entry<String, Set<String>> change : changes.entrySet()) {
      if (!grants.containsKey(change.getKey())) {
        throw AtriumException.invalid("Invalid permission");
      }
      if (!ROLE_NAMES.containsAll(change.getValue())) {
        throw AtriumException.invalid("Invalid role");
      }
    }
    Instant now = clock.instant();
    tx.run(() -> {
      for (Map.Entry<String, Set<String>> change : new TreeMap<>(changes).entrySet()) {
        Grant before = Objects.requireNonNull(grants.get(change.getKey()));
        Grant after = new Grant(change.getKey(), change.getValue(), now);
        store.put(after);
        audit.append(new AuditEntry(actor.id(), "permission.update", "permission:" + change.getKey(),
            Map.of("roles", List.copyOf(before.roles())), Map.of("roles", List.copyOf(after.roles())), now));
      }
      tx.afterCommit(() -> grants = load(store));
    });
    return grants();
  }
}
