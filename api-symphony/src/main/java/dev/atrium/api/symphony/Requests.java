package dev.atrium.api.symphony;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.Principal;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** What every pod handler needs from a request: the caller, path ids, query numbers and the body. */
final class Requests {
  static final String SESSION_HEADER = "sessionToken";
  private final Authenticator authenticator;

  Requests(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  Principal caller(Context ctx) {
    return authenticator.require(ctx, SESSION_HEADER, "Invalid session");
  }

  /** The caller, who must hold one of the user-administration roles. */
  User admin(Context ctx) {
    User user = caller(ctx).user();
    Users.requireRole(user, Roles.USER_ADMINS);
    return user;
  }

  /** The caller, who must be a pod administrator (SUPER_ADMINISTRATOR or ADMINISTRATOR). */
  User podAdmin(Context ctx) {
    User user = caller(ctx).user();
    Users.requireRole(user, Roles.POD_ADMINS);
    return user;
  }

  static long uid(Context ctx) {
    return userId(ctx.pathParam("uid"), "uid");
  }

  static long userId(String text, String name) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw AtriumException.invalid(name + " must be a user id (a positive decimal integer), got '" + text + "'");
  }

  /** A user id in a request body: a positive integer. */
  static long userId(@Nullable Long id, String field) {
    if (required(id, field) <= 0) {
      throw AtriumException.invalid(field + " must be a user id (a positive integer), got " + id);
    }
    return id;
  }

  static <T> T body(Context ctx, Class<T> type) {
    return JsonMapper.read(ctx.body(), type);
  }

  static int intQuery(Context ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw AtriumException.invalid(name + " must be an integer from " + min + " to " + max + ", got '" + value + "'");
  }

  static boolean boolQuery(Context ctx, String name, boolean fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw AtriumException.invalid(name + " must be true or false, got '" + value + "'");
    };
  }

  /** A boolean query parameter that must be given. */
  static boolean boolQuery(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      throw AtriumException.invalid(name + " is required");
    }
    return boolQuery(ctx, name, false);
  }

  static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw AtriumException.invalid(field + " is required");
    }
    return value;
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw AtriumException.invalid(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
          + ", got '" + value + "'");
    }
  }
}
