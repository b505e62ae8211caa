package dev.atrium.core.user;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What it takes to create a user. {@code password} is either absent, a plain password, or Symphony's
 * client-side PBKDF2 material (see {@link Password}).
 */
public record NewUser(
    String username,
    @Nullable String email,
    Profile profile,
    AccountType accountType,
    Set<String> roles,
    Password password,
    boolean emailVerified) {

  public NewUser {
    roles = Set.copyOf(roles);
  }

  public NewUser withEmailVerified(boolean verified) {
    return new NewUser(username, email, profile, accountType, roles, password, verified);
  }

  /** How a new user's password is given. */
  public sealed interface Password {
    record None() implements Password {}

    record Plain(String password) implements Password {}

    /** PBKDF2-HMAC-SHA256 of the password, made by a Symphony client: base64 salt and base64 hash. */
    record SymphonyPbkdf2(String salt, String hash) implements Password {}
  }
}
