package dev.atrium.core.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PermissionsTest {
  private static final Instant T0 = Instant.parse("2025-01-15T09:30:00Z");
  private static final User PLAIN = user(AccountType.NORMAL, Roles.INDIVIDUAL);
  private static final User ADMIN = user(AccountType.NORMAL, Roles.SUPER_ADMINISTRATOR);

  /** Grants in a map; a transaction runs its work at once, then what waits for its commit. */
  private static final class MemoryStore implements PermissionStore, Transactor, AuditLog {
    final TreeMap<String, Permissions.Grant> grants = new TreeMap<>();
    final List<AuditEntry> audit = new ArrayList<>();
    final List<Runnable> afterCommit = new ArrayList<>();

    @Override
    public List<Permissions.Grant> all() {
      return List.copyOf(grants.values());
    }

    @Override
    public void insertIfAbsent(Permissions.Grant grant) {
      grants.putIfAbsent(grant.permission(), grant);
    }

    @Override
    public void put(Permissions.Grant grant) {
      grants.put(grant.permission(), grant);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      T result = work.get();
      afterCommit.forEach(Runnable::run);
      afterCommit.clear();
      return result;
    }

    @Override
    public <T> T inSavepoint(Supplier<T> work) {
      return work.get();
    }

    @Override
    public void afterCommit(Runnable action) {
      afterCommit.add(action);
    }

    @Override
    public void append(AuditEntry entry) {
      audit.add(entry);
    }

    @Override
    public List<AuditEntry> latest(int limit) {
      return audit.subList(Math.max(0, audit.size() - limit), audit.size());
    }
  }

  private static User user(AccountType type, String... roles) {
    return User.builder().id(7).username("ann").status(UserStatus.ENABLED).accountType(type).roles(Set.of(roles))
        .createdAt(T0).createdBy("admin").updatedAt(T0).build();
  }

  private static Permissions open(MemoryStore store) {
    return new Permissions(store, store, store, InstantSource.fixed(T0));
  }

  @Test
  void atriums_roles_map_onto_rocket_chats_user_bot_and_admin() {
    assertThat(Permissions.rolesOf(PLAIN)).containsExactly("user");
    assertThat(Permissions.rolesOf(user(AccountType.NORMAL, Roles.INDIVIDUAL, Roles.ADMINISTRATOR)))
        .containsExactly("user");
    assertThat(Permissions.rolesOf(ADMIN)).containsExactly("user", "admin");
    assertThat(Permissions.rolesOf(user(AccountType.SYSTEM, Roles.INDIVIDUAL))).containsExactly("bot");
  }

  @Test
  void the_first_start_stores_the_defaults_and_by_default_only_an_admin_sees_other_users_in_full_and_their_rooms() {
    MemoryStore store = new MemoryStore();
    Permissions defaults = open(store);
    assertThat(store.grants.keySet()).isEqualTo(Permissions.DEFAULT_GRANTS.keySet());
    for (String permission : Set.of(Permissions.VIEW_FULL_OTHER_USER_INFO, Permissions.VIEW_OTHER_USER_CHANNELS)) {
      assertThat(defaults.has(PLAIN, permission)).as(permission).isFalse();
      assertThat(defaults.has(ADMIN, permission)).as(permission).isTrue();
    }
    assertThat(defaults.has(PLAIN, "create-personal-access-tokens")).isTrue();
    assertThat(defaults.has(ADMIN, "no-such-permission")).isFalse();
    assertThat(defaults.grant(Permissions.VIEW_OTHER_USER_CHANNELS).orElseThrow().roles()).containsExactly("admin");
  }

  @Test
  void a_stored_grant_outlives_a_restart_and_a_missing_default_is_added() {
    MemoryStore store = new MemoryStore();
    store.put(new Permissions.Grant(Permissions.VIEW_FULL_OTHER_USER_INFO, Set.of("user"), T0.minusSeconds(60)));
    Permissions permissions = open(store);
    assertThat(permissions.has(PLAIN, Permissions.VIEW_FULL_OTHER_USER_INFO)).isTrue();
    assertThat(permissions.grant(Permissions.VIEW_FULL_OTHER_USER_INFO).orElseThrow().updatedAt())
        .isEqualTo(T0.minusSeconds(60));
    assertThat(permissions.grants()).hasSize(Permissions.DEFAULT_GRANTS.size());
  }

  @Test
  void an_update_holds_at_once_is_audited_and_refuses_all_of_itself_for_one_bad_name() {
    MemoryStore store = new MemoryStore();
    Permissions permissions = open(store);
    permissions.update(ADMIN, Map.of(Permissions.VIEW_FULL_OTHER_USER_INFO, Set.of("user", "admin"),
        Permissions.VIEW_OTHER_USER_CHANNELS, Set.of()));
    assertThat(permissions.has(PLAIN, Permissions.VIEW_FULL_OTHER_USER_INFO)).isTrue();
    assertThat(permissions.has(ADMIN, Permissions.VIEW_OTHER_USER_CHANNELS)).isFalse();
    assertThat(store.audit).extracting(AuditEntry::target).containsExactly(
        "permission:" + Permissions.VIEW_FULL_OTHER_USER_INFO, "permission:" + Permissions.VIEW_OTHER_USER_CHANNELS);

    Map<String, Permissions.Grant> before = new TreeMap<>(store.grants);
    assertThatThrownBy(() -> permissions.update(ADMIN, Map.of(Permissions.VIEW_OTHER_USER_CHANNELS, Set.of("user"),
        "no-such-permission", Set.of()))).isInstanceOf(AtriumException.Invalid.class).hasMessage("Invalid permission");
    assertThatThrownBy(() -> permissions.update(ADMIN, Map.of(Permissions.VIEW_OTHER_USER_CHANNELS,
        Set.of("user", "emperor")))).isInstanceOf(AtriumException.Invalid.class).hasMessage("Invalid role");
    assertThatThrownBy(() -> permissions.update(PLAIN, Map.of(Permissions.VIEW_OTHER_USER_CHANNELS, Set.of())))
        .isInstanceOf(AtriumException.Forbidden.class);
    assertThat(store.grants).isEqualTo(before);
    assertThatThrownBy(() -> new Permissions.Grant(" ", Set.of(), T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a permission has a name");
  }
}
