package dev.atrium.api.symphony;

import dev.atrium.core.session.Principal;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.http.Authenticator;
import dev.atrium.http.Params;
import io.javalin.http.Context;

/** Who calls a pod handler, and the {@code uid} path parameter; the other parts of a request are read by {@link Params}. */
final class Requests {
  static final String SESSION_HEADER = "sessionToken";
  private final Authenticator authenticator;

  Requests(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  Principal caller(Context ctx) {
    return authenticator.require(ctx, "Invalid session");
  }

  /** The caller, who must hold one of the user-administration roles. */
  User admin(Context ctx) {
    User user = caller(ctx).user();
    Roles.require(user, Roles.USER_ADMINS);
    return user;
  }

  /** The caller, who must be a pod administrator (SUPER_ADMINISTRATOR or ADMINISTRATOR). */
  User podAdmin(Context ctx) {
    User user = caller(ctx).user();
    Roles.require(user, Roles.POD_ADMINS);
    return user;
  }

  static long uid(Context ctx) {
    return Params.userId(ctx.pathParam("uid"), "uid");
  }
}
