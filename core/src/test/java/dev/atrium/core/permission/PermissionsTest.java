package dev.atrium.core.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.core.user.AccountType;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionsTest {
  private static final Instant T0 = Instant.parse("2025-01-15T09:30:00Z");

  private static User user(AccountType type, String... roles) {
    return User.builder().id(7).username("ann").status(UserStatus.ENABLED).accountType(type).roles(Set.of(roles))
        .createdAt(T0).createdBy("admin").updatedAt(T0).build();
  }

  @Test
  void atriums_roles_map_onto_rocket_chats_user_bot_and_admin() {
    assertThat(Permissions.rolesOf(user(AccountType.NORMAL, Roles.INDIVIDUAL))).containsExactly("user");
    assertThat(Permissions.rolesOf(user(AccountType.NORMAL, Roles.INDIVIDUAL, Roles.ADMINISTRATOR)))
        .containsExactly("user");
    assertThat(Permissions.rolesOf(user(AccountType.NORMAL, Roles.SUPER_ADMINISTRATOR)))
        .containsExactly("user", "admin");
    assertThat(Permissions.rolesOf(user(AccountType.SYSTEM, Roles.INDIVIDUAL))).containsExactly("bot");
  }

  @Test
  void by_default_only_an_admin_sees_other_users_in_full_and_their_rooms() {
    Permissions defaults = Permissions.defaults();
    User plain = user(AccountType.NORMAL, Roles.INDIVIDUAL);
    User admin = user(AccountType.NORMAL, Roles.SUPER_ADMINISTRATOR);
    for (String permission : Set.of(Permissions.VIEW_FULL_OTHER_USER_INFO, Permissions.VIEW_OTHER_USER_CHANNELS)) {
      assertThat(defaults.has(plain, permission)).as(permission).isFalse();
      assertThat(defaults.has(admin, permission)).as(permission).isTrue();
    }
    assertThat(defaults.has(plain, "create-personal-access-tokens")).isTrue();
    assertThat(defaults.has(admin, "no-such-permission")).isFalse();
    assertThat(defaults.roles(Permissions.VIEW_OTHER_USER_CHANNELS)).contains(Set.of("admin"));
  }

  @Test
  void a_permission_granted_to_user_is_held_by_every_plain_user_and_one_granted_to_nobody_by_none() {
    Permissions granted = new Permissions(Map.of(Permissions.VIEW_FULL_OTHER_USER_INFO, Set.of("user"),
        Permissions.VIEW_OTHER_USER_CHANNELS, Set.of()));
    assertThat(granted.has(user(AccountType.NORMAL, Roles.INDIVIDUAL), Permissions.VIEW_FULL_OTHER_USER_INFO))
        .isTrue();
    assertThat(granted.has(user(AccountType.NORMAL, Roles.SUPER_ADMINISTRATOR), Permissions.VIEW_OTHER_USER_CHANNELS))
        .isFalse();
    assertThatThrownBy(() -> new Permissions(Map.of(" ", Set.of()))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a permission has a name");
  }
}
