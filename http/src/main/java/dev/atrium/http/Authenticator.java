package dev.atrium.http;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Session;
import dev.atrium.core.session.Sessions;
import io.javalin.http.Context;
import java.util.Optional;

/** Finds the caller of a request from whichever header the dialect reads its session token from. */
public final class Authenticator {
  private static final String PRINCIPAL = "atrium.principal";
  private final Sessions sessions;

  public Authenticator(Sessions sessions) {
    this.sessions = sessions;
  }

  /**
   * The caller, if the header holds a live session token. A Symphony key-manager token is not one: it is
   * made for the agent's {@code keyManagerToken} header. The answer is kept on the request.
   */
  public Optional<Principal> find(Context ctx, String header) {
    Principal cached = ctx.attribute(PRINCIPAL);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Principal> found = sessions.authenticate(ctx.header(header))
        .filter(p -> p.session().kind() == Session.Kind.SESSION);
    found.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
    return found;
  }

  /** The caller, or an {@code Unauthenticated} error with the message. */
  public Principal require(Context ctx, String header, String message) {
    return find(ctx, header).orElseThrow(() -> new AtriumException.Unauthenticated(message));
  }
}
