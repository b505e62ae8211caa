package dev.atrium.core.user;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A user account. The id follows Symphony's layout, {@code podId << 36 | sequence}. The username is
 * unique ignoring case, and so is the email.
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
    @Nullable String disclaimerId) {

  public User {
    roles = Set.copyOf(roles);
  }

  public boolean enabled() {
    return status == UserStatus.ENABLED;
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
        disclaimerId);
  }

  public User withStatus(UserStatus status, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId);
  }

  public User withRoles(Set<String> roles, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId);
  }

  public User withAvatarVersion(int version, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, version, disclaimerId);
  }

  public User withDisclaimer(@Nullable String disclaimerId, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId);
  }

  public User withLastLogin(Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, updatedAt, at,
        lastPasswordResetAt, emailVerified, false, avatarVersion, disclaimerId);
  }

  public User withPasswordReset(Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        at, emailVerified, isNew, avatarVersion, disclaimerId);
  }

  /** The user with this email address, verified or not (changing the address, or confirming it). */
  public User withEmail(@Nullable String email, boolean verified, Instant at) {
    return new User(id, username, email, profile, status, accountType, roles, createdAt, createdBy, at, lastLoginAt,
        lastPasswordResetAt, verified, isNew, avatarVersion, disclaimerId);
  }
}
