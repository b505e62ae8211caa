package dev.atrium.core.session;

import dev.atrium.core.user.User;

/** Who is calling: the user and the session they called with. */
public record Principal(User user, Session session) {
  public long userId() {
    return user.id();
  }
}
