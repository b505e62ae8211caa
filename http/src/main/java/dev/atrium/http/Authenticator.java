package dev.atrium.http;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the caller of a request through the credential kinds a dialect accepts, in the dialect's order: the first
 * kind that finds its credential on the request decides (see {@link CredentialKind}). Only a live session of an
 * enabled user makes a caller; a Symphony key-manager token is not one (it is made for the agent's
 * {@code keyManagerToken} header). The answer is kept on the request.
 */
public final class Authenticator {
  private static final AtomicLong INSTANCES = new AtomicLong();
  private final Sessions sessions;
  private final List<CredentialKind> kinds;
  private final String attribute;

  public Authenticator(Sessions sessions, CredentialKind... kinds) {
    if (kinds.length == 0) {
      throw new IllegalArgumentException("an authenticator needs at least one credential kind");
    }
    this.sessions = sessions;
    this.kinds = List.of(kinds);
    // Two dialects' authenticators must not read each other's answer off one request.
    this.attribute = "atrium.principal." + INSTANCES.incrementAndGet();
  }

  /** The caller, if the first credential the request carries opens a live session. */
  public Optional<Principal> find(Context ctx) {
    Principal cached = ctx.attribute(attribute);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Principal> found = credential(ctx).flatMap(this::resolve)
        .filter(p -> p.session().kind().callsApis());
    found.ifPresent(p -> ctx.attribute(attribute, p));
    return found;
  }

  /** The caller, or an {@code Unauthenticated} error with the message. */
  public Principal require(Context ctx, String message) {
    return find(ctx).orElseThrow(() -> new AtriumException.Unauthenticated(message));
  }

  /** The first credential the request carries, of the kinds accepted. */
  private Optional<Credential> credential(Context ctx) {
    for (CredentialKind kind : kinds) {
      Optional<Credential> credential = kind.read(ctx);
      if (credential.isPresent()) {
        return credential;
      }
    }
    return Optional.empty();
  }

  private Optional<Principal> resolve(Credential credential) {
    return switch (credential) {
      case Credential.SessionToken t -> sessions.authenticate(t.token());
      case Credential.UserAndToken u -> sessions.authenticate(u.token())
          .filter(p -> Long.toString(p.userId()).equals(u.userId()));
      case Credential.SessionId s -> sessions.authenticateSession(s.sessionId());
      case Credential.Unreadable u -> Optional.empty();
    };
  }
}
