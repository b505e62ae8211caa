package dev.atrium.core.user;

import java.time.Instant;
import java.util.Objects;
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
 *
 * <p>Build one with {@link #builder()} and change one with a wither or {@link #toBuilder()}, never through the
 * twenty positional arguments of the constructor: a component added later then changes no caller.
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
  /** The {@code createdBy} of a room guest's account, made by a guest link: it acts in its room and nowhere else. */
  public static final String GUEST_LINK = "guest-link";

  /** Whether this is a room guest's account ({@link #GUEST_LINK}). */
  public boolean isGuest() {
    return GUEST_LINK.equals(createdBy);
  }


  public User {
    roles = Set.copyOf(roles);
    avatar = avatar == null || avatar.isEmpty() ? null : avatar;
    avatar3D = avatar3D == null || avatar3D.isEmpty() ? null : avatar3D;
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
    return toBuilder().username(username).email(email).profile(profile).accountType(type).updatedAt(at)
        .emailVerified(emailVerified && Objects.equals(email, this.email)).build();
  }

  public User withProfile(Profile profile, Instant at) {
    return withProfile(username, email, profile, accountType, at);
  }

  public User withStatus(UserStatus status, Instant at) {
    return toBuilder().status(status).updatedAt(at).build();
  }

  public User withRoles(Set<String> roles, Instant at) {
    return toBuilder().roles(roles).updatedAt(at).build();
  }

  public User withAvatarVersion(int version, Instant at) {
    return toBuilder().avatarVersion(version).updatedAt(at).build();
  }

  public User withDisclaimer(@Nullable String disclaimerId, Instant at) {
    return toBuilder().disclaimerId(disclaimerId).updatedAt(at).build();
  }

  /**
   * The user after a login. {@code isNew} stays as it is: Roomful's client clears it with
   * {@code user:setUserIsNotNew} once the user has been through its first-time screens.
   */
  public User withLastLogin(Instant at) {
    return toBuilder().lastLoginAt(at).build();
  }

  public User withPasswordReset(Instant at) {
    return toBuilder().lastPasswordResetAt(at).updatedAt(at).build();
  }

  public User withNotNew(Instant at) {
    return toBuilder().isNew(false).updatedAt(at).build();
  }

  public User withEmailVerified(boolean verified, Instant at) {
    return toBuilder().emailVerified(verified).updatedAt(at).build();
  }

  public User withAvatar(@Nullable String avatar, Instant at) {
    return toBuilder().avatar(avatar).updatedAt(at).build();
  }

  public User withAvatar3D(@Nullable Avatar3D avatar3D, Instant at) {
    return toBuilder().avatar3D(avatar3D).updatedAt(at).build();
  }

  public User withIdentity(Identity identity, Instant at) {
    return toBuilder().identity(identity).updatedAt(at).build();
  }

  /** The user touched: only {@code updatedAt} moves (a change to data kept beside the row, such as params). */
  public User touched(Instant at) {
    return toBuilder().updatedAt(at).build();
  }

  /** The user with this email address, verified or not (changing the address, or confirming it). */
  public User withEmail(@Nullable String email, boolean verified, Instant at) {
    return toBuilder().email(email).emailVerified(verified).updatedAt(at).build();
  }

  /**
   * A builder of a user. {@code id}, {@code username}, {@code status}, {@code createdAt} and {@code createdBy}
   * must be set; the rest default to an empty profile, a NORMAL account without roles, {@code updatedAt} equal
   * to {@code createdAt}, no flags, avatar version 0, no identity, and absent for whatever may be absent.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every component of this user: what a wither changes, it sets, and the rest stays. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link User} by component name, so that a new component touches only the record and this. */
  public static final class Builder {
    private @Nullable Long id;
    private @Nullable String username;
    private @Nullable String email;
    private Profile profile = Profile.EMPTY;
    private @Nullable UserStatus status;
    private AccountType accountType = AccountType.NORMAL;
    private Set<String> roles = Set.of();
    private @Nullable Instant createdAt;
    private @Nullable String createdBy;
    private @Nullable Instant updatedAt;
    private @Nullable Instant lastLoginAt;
    private @Nullable Instant lastPasswordResetAt;
    private boolean emailVerified;
    private boolean isNew;
    private int avatarVersion;
    private @Nullable String disclaimerId;
    private @Nullable String avatar;
    private @Nullable Avatar3D avatar3D;
    private Identity identity = Identity.NONE;
    private @Nullable Long ownerId;

    private Builder() {}

    private Builder(User u) {
      id = u.id;
      username = u.username;
      email = u.email;
      profile = u.profile;
      status = u.status;
      accountType = u.accountType;
      roles = u.roles;
      createdAt = u.createdAt;
      createdBy = u.createdBy;
      updatedAt = u.updatedAt;
      lastLoginAt = u.lastLoginAt;
      lastPasswordResetAt = u.lastPasswordResetAt;
      emailVerified = u.emailVerified;
      isNew = u.isNew;
      avatarVersion = u.avatarVersion;
      disclaimerId = u.disclaimerId;
      avatar = u.avatar;
      avatar3D = u.avatar3D;
      identity = u.identity;
      ownerId = u.ownerId;
    }

    public Builder id(long id) {
      this.id = id;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder email(@Nullable String email) {
      this.email = email;
      return this;
    }

    public Builder profile(Profile profile) {
      this.profile = profile;
      return this;
    }

    public Builder status(UserStatus status) {
      this.status = status;
      return this;
    }

    public Builder accountType(AccountType accountType) {
      this.accountType = accountType;
      return this;
    }

    public Builder roles(Set<String> roles) {
      this.roles = roles;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder createdBy(String createdBy) {
      this.createdBy = createdBy;
      return this;
    }

    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    public Builder lastLoginAt(@Nullable Instant lastLoginAt) {
      this.lastLoginAt = lastLoginAt;
      return this;
    }

    public Builder lastPasswordResetAt(@Nullable Instant lastPasswordResetAt) {
      this.lastPasswordResetAt = lastPasswordResetAt;
      return this;
    }

    public Builder emailVerified(boolean emailVerified) {
      this.emailVerified = emailVerified;
      return this;
    }

    public Builder isNew(boolean isNew) {
      this.isNew = isNew;
      return this;
    }

    public Builder avatarVersion(int avatarVersion) {
      this.avatarVersion = avatarVersion;
      return this;
    }

    public Builder disclaimerId(@Nullable String disclaimerId) {
      this.disclaimerId = disclaimerId;
      return this;
    }

    public Builder avatar(@Nullable String avatar) {
      this.avatar = avatar;
      return this;
    }

    public Builder avatar3D(@Nullable Avatar3D avatar3D) {
      this.avatar3D = avatar3D;
      return this;
    }

    public Builder identity(Identity identity) {
      this.identity = identity;
      return this;
    }

    public Builder ownerId(@Nullable Long ownerId) {
      this.ownerId = ownerId;
      return this;
    }

    /** The user; refuses one whose id, username, status, creation time or creator is not set. */
    public User build() {
      Instant created = required(createdAt, "createdAt");
      return new User(required(id, "id"), required(username, "username"), email, profile, required(status, "status"),
          accountType, roles, created, required(createdBy, "createdBy"), updatedAt == null ? created : updatedAt,
          lastLoginAt, lastPasswordResetAt, emailVerified, isNew, avatarVersion, disclaimerId, avatar, avatar3D,
          identity, ownerId);
    }

    private static <T> T required(@Nullable T value, String component) {
      if (value == null) {
        throw new IllegalStateException("A User's " + component + " is required");
      }
      return value;
    }
  }
}
