package dev.atrium.core.user;

import org.jspecify.annotations.Nullable;

/** The editable part of a user, as an update sees it before and after. */
public record UserEdit(String username, @Nullable String email, Profile profile, AccountType accountType) {
  public static UserEdit of(User user) {
    return new UserEdit(user.username(), user.email(), user.profile(), user.accountType());
  }
}
