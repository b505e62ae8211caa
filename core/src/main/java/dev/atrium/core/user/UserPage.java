package dev.atrium.core.user;

import java.util.List;

/** One page of users, with the total that matched. */
public record UserPage(long total, List<User> users) {
  public UserPage {
    users = List.copyOf(users);
  }
}
