package dev.atrium.core.user;

import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Several changes of one account made at once, all or none ({@link Accounts#edit}): its fields, its roles, its
 * status, its password. A part left null is not changed.
 */
public record AccountEdit(@Nullable UnaryOperator<UserEdit> fields, @Nullable Set<String> roles,
    @Nullable UserStatus status, @Nullable String password) {
  public AccountEdit {
    roles = roles == null ? null : Set.copyOf(roles);
  }
}
