package dev.atrium.http;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One way a request can carry its caller's credential. A dialect lists the kinds it accepts, in order; the first
 * kind that finds its credential on a request decides who calls, even when that credential turns out to be
 * worthless (a request is never authenticated by a second credential behind a bad first one). No kind knows
 * another.
 */
@FunctionalInterface
public interface CredentialKind {
  /** The credential of this kind the request carries, or empty if it carries none of this kind. */
  Optional<Credential> read(Context ctx);

  /** A session token in the header (present, even empty, means presented). */
  static CredentialKind header(String name) {
    return ctx -> Optional.ofNullable(ctx.header(name)).map(Credential.SessionToken::new);
  }

  /** A session token as {@code Authorization: Bearer <token>}. */
  static CredentialKind bearer() {
    return bearer(token -> Optional.of(new Credential.SessionToken(token)));
  }

  /**
   * A token as {@code Authorization: Bearer <token>}, read by {@code decode} (a JWT verifier that names the
   * session, say); a token it cannot read is presented but unreadable. Another scheme ({@code Basic}) is not this
   * kind.
   */
  static CredentialKind bearer(Function<String, Optional<Credential>> decode) {
    return ctx -> {
      String token = bearerToken(ctx);
      return token == null ? Optional.empty() : Optional.of(decoded(decode, token));
    };
  }

  /** The token of the request's {@code Authorization: Bearer} header, stripped; null without such a header. */
  static @Nullable String bearerToken(Context ctx) {
    String value = ctx.header("Authorization");
    if (value == null || value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return value.substring(7).strip();
  }

  /**
   * A user id and a session token in two headers; the session must be that user's. One header without the other
   * is presented and unreadable.
   */
  static CredentialKind userAndToken(String userIdHeader, String tokenHeader) {
    return ctx -> {
      String userId = ctx.header(userIdHeader);
      String token = ctx.header(tokenHeader);
      if (userId == null && token == null) {
        return Optional.empty();
      }
      if (userId == null || token == null) {
        return Optional.of(new Credential.Unreadable());
      }
      return Optional.of(new Credential.UserAndToken(userId, token));
    };
  }

  /** A session token in the cookie. */
  static CredentialKind cookie(String name) {
    return cookie(name, token -> Optional.of(new Credential.SessionToken(token)));
  }

  /** A token in the cookie, read by {@code decode}; a value it cannot read is presented but unreadable. */
  static CredentialKind cookie(String name, Function<String, Optional<Credential>> decode) {
    return ctx -> Optional.ofNullable(ctx.cookie(name)).map(value -> decoded(decode, value));
  }

  private static Credential decoded(Function<String, Optional<Credential>> decode, @Nullable String token) {
    if (token == null || token.isEmpty()) {
      return new Credential.Unreadable();
    }
    return decode.apply(token).orElseGet(Credential.Unreadable::new);
  }
}
