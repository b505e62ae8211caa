package dev.atrium.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class UserTest {
  static final Instant T0 = Instant.parse("2025-01-15T09:30:00Z");
  static final Instant T1 = T0.plusSeconds(60);

  /** A user with every component set to something other than the builder's default. */
  static User full() {
    return User.builder().id(7).username("ann").email("ann@example.com")
        .profile(Profile.builder().firstName("Ann").lastName("Lee").privacyMode(Profile.PRIVACY_INCOGNITO).build())
        .status(UserStatus.ENABLED).accountType(AccountType.SYSTEM).roles(Set.of(Roles.INDIVIDUAL)).createdAt(T0)
        .createdBy("admin").updatedAt(T0.plusSeconds(1)).lastLoginAt(T0.plusSeconds(2))
        .lastPasswordResetAt(T0.plusSeconds(3)).emailVerified(true).isNew(true).avatarVersion(4).disclaimerId("d-1")
        .avatar("https://cdn.example.com/ann.png")
        .avatar3D(new Avatar3D("asset-1", Map.of("hair", "red"), "https://models.example.com/ann.glb", "rpm-1"))
        .identity(new Identity(IdentityType.VSSID, "ann@", "zs1ann")).ownerId(3L).build();
  }

  @Test
  void aUserWithoutItsId_username_status_creationTime_orCreator_isNotBuilt() {
    assertThatThrownBy(() -> User.builder().username("ann").status(UserStatus.ENABLED).createdAt(T0)
        .createdBy("admin").build()).isInstanceOf(IllegalStateException.class).hasMessage("A User's id is required");
    assertThatThrownBy(() -> User.builder().id(7).status(UserStatus.ENABLED).createdAt(T0).createdBy("admin")
        .build()).isInstanceOf(IllegalStateException.class).hasMessage("A User's username is required");
    assertThatThrownBy(() -> User.builder().id(7).username("ann").createdAt(T0).createdBy("admin").build())
        .isInstanceOf(IllegalStateException.class).hasMessage("A User's status is required");
    assertThatThrownBy(() -> User.builder().id(7).username("ann").status(UserStatus.ENABLED).createdBy("admin")
        .build()).isInstanceOf(IllegalStateException.class).hasMessage("A User's createdAt is required");
    assertThatThrownBy(() -> User.builder().id(7).username("ann").status(UserStatus.ENABLED).createdAt(T0).build())
        .isInstanceOf(IllegalStateException.class).hasMessage("A User's createdBy is required");
  }

  @Test
  void whatIsNotSet_takesItsDefault() {
    User bare = User.builder().id(7).username("ann").status(UserStatus.ENABLED).createdAt(T0).createdBy("self")
        .build();
    assertThat(bare.email()).isNull();
    assertThat(bare.profile()).isEqualTo(Profile.EMPTY);
    assertThat(bare.accountType()).isEqualTo(AccountType.NORMAL);
    assertThat(bare.roles()).isEmpty();
    assertThat(bare.updatedAt()).isEqualTo(T0);
    assertThat(bare.lastLoginAt()).isNull();
    assertThat(bare.lastPasswordResetAt()).isNull();
    assertThat(bare.emailVerified()).isFalse();
    assertThat(bare.isNew()).isFalse();
    assertThat(bare.avatarVersion()).isZero();
    assertThat(bare.disclaimerId()).isNull();
    assertThat(bare.avatar()).isNull();
    assertThat(bare.avatar3D()).isNull();
    assertThat(bare.identity()).isEqualTo(Identity.NONE);
    assertThat(bare.ownerId()).isNull();
  }

  @Test
  void toBuilder_keepsEveryComponent() {
    assertThat(full().toBuilder().build()).isEqualTo(full());
  }

  /** Each wither changes what it names (and {@code updatedAt}, but for a login) and keeps everything else. */
  @Test
  void everyWither_keepsTheComponentsItDoesNotChange() {
    User before = full();
    Map<List<String>, UnaryOperator<User>> withers = Map.ofEntries(
        Map.entry(List.of("username", "email", "profile", "accountType", "emailVerified", "updatedAt"),
            u -> u.withProfile("bob", "bob@example.com", Profile.EMPTY, AccountType.NORMAL, T1)),
        Map.entry(List.of("profile", "updatedAt"), u -> u.withProfile(Profile.EMPTY, T1)),
        Map.entry(List.of("status", "updatedAt"), u -> u.withStatus(UserStatus.DISABLED, T1)),
        Map.entry(List.of("roles", "updatedAt"), u -> u.withRoles(Set.of(Roles.ADMINISTRATOR), T1)),
        Map.entry(List.of("avatarVersion", "updatedAt"), u -> u.withAvatarVersion(9, T1)),
        Map.entry(List.of("disclaimerId", "updatedAt"), u -> u.withDisclaimer("d-2", T1)),
        Map.entry(List.of("lastLoginAt"), u -> u.withLastLogin(T1)),
        Map.entry(List.of("lastPasswordResetAt", "updatedAt"), u -> u.withPasswordReset(T1)),
        Map.entry(List.of("isNew", "updatedAt"), u -> u.withNotNew(T1)),
        Map.entry(List.of("emailVerified", "updatedAt"), u -> u.withEmailVerified(false, T1)),
        Map.entry(List.of("avatar", "updatedAt"), u -> u.withAvatar("https://cdn.example.com/b.png", T1)),
        Map.entry(List.of("avatar3D", "updatedAt"), u -> u.withAvatar3D(null, T1)),
        Map.entry(List.of("identity", "updatedAt"), u -> u.withIdentity(Identity.NONE, T1)),
        Map.entry(List.of("updatedAt"), u -> u.touched(T1)),
        Map.entry(List.of("email", "emailVerified", "updatedAt"), u -> u.withEmail("bob@example.com", false, T1)));
    withers.forEach((changed, wither) -> {
      User after = wither.apply(before);
      for (RecordComponent c : User.class.getRecordComponents()) {
        Object was = value(c, before);
        Object is = value(c, after);
        if (changed.contains(c.getName())) {
          assertThat(is).as("%s after the wither of %s", c.getName(), changed).isNotEqualTo(was);
        } else {
          assertThat(is).as("%s after the wither of %s", c.getName(), changed).isEqualTo(was);
        }
      }
    });
  }

  private static @Nullable Object value(RecordComponent c, User u) {
    try {
      return c.getAccessor().invoke(u);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
