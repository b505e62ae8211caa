package dev.atrium.core.user;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user account. The id follows Symphony's layout, {@code podId << 36 | sequence}. The username is
 * unique ignoring case, and so is the email.
 *
 * <p>{@code avatar} is the avatar string Roomful's {@code user:changeAvatar} sets (a URL or a resource id);
 * it lives beside the uploaded pictures counted by {@code avatarVersion}, and Roomful shows the string if set,
 * else the uploaded picture (see {@code Avatars.shown}). {@code avatar3D} is absent when the user has none.
 * {@code ownerId} is set on a persona account: the user who owns it (see {@link Personas}).
 */
public record User(
    long id,
    String username,
    @Nullable String email,
    Profile profile,
    UserStatus status,
    AccountType accountType,
    Set<String> roles,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    @Nullable Instant lastLoginAt,
    @Nullable Instant lastPasswordResetAt,
    boolean emailVerified,
    boolean isNew,
    int avatarVersion,
    @Nullable String disclaimerId,
    @Nullable String avatar,
    @Nullable Avatar3D avatar3D,
    Identity identity,
    @Nullable Long ownerId) {

  public User {
    roles = Set.copyOf(roles);
    avatar = avatar == null || avatar.isEmpty() ? null : avatar;
    avatar3D = avatar3D == null || avatar3D.isEmpty() ? null : avatar3D;
  }

  /** A user without Roomful's avatar string, 3D avatar, identity or owner. */
  public User(long id, String username, @Nullable String email, Profile profile, UserStatus status,
      AccountType accountType, Set<String> roles, Instant createdAt, String createdBy, Instant updatedAt,
      @Nullable Instant lastLoginAt, @Nullable Instant lastPasswordResetAt, boolean emailVerified, boolean isNew,
      int avatarVersion, @Nullable String disclaimerId) {
    this(id, username, email, profile, status, accountType, roles, createdAt, createdBy, updatedAt, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, null, null, Identity.NONE, null);
  }

  public boolean enabled() {
    return status == UserStatus.ENABLED;
  }

  /** Whether this is a persona account, owned by another user. */
  public boolean isPersona() {
    return ownerId != null;
  }

  public boolean hasAnyRole(Set<String> wanted) {
    for (String role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  public User withProfile(String username, @Nullable String email, Profile profile, AccountType type, Instant at) {
    return new User(id, username, email, profile, status, type, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified && java.util.Objects.equals(email, this.email), isNew, avatarVersion,
        disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withProfile(Profile profile, Instant at) {
    return withProfile(username, email, profile, accountType, at);
  }

  public User withStatus(UserStatus status, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withRoles(Set<String> roles, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withAvatarVersion(int version, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, version, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withDisclaimer(@Nullable String disclaimerId, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  /**
   * The user after a login. {@code isNew} stays as it is: Roomful's client clears it with
   * {@code user:setUserIsNotNew} once the user has been through its first-time screens.
   */
  public User withLastLogin(Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, updatedAt, at,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withPasswordReset(Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        at, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withNotNew(Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, false, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withEmailVerified(boolean verified, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, verified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withAvatar(@Nullable String avatar, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withAvatar3D(@Nullable Avatar3D avatar3D, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  public User withIdentity(Identity identity, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  /** The user touched: only {@code updatedAt} moves (a change to data kept beside the row, such as params). */
  public User touched(Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D, identity, ownerId);
  }

  /** The user with this email address, verified or not (changing the address, or confirming it). */
  public User withEmail(@Nullable String email, boolean verified, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, verified, isNew, avatarVersion, disclaimerId);
  }
}
