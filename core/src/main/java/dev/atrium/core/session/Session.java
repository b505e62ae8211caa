package dev.atrium.core.session;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A login. The token itself is never stored: {@code tokenHash} is its SHA-256. {@code kind} tells what
 * login made it (a Symphony key-manager token is a session of its own kind).
 */
public record Session(
    String id,
    String tokenHash,
    long userId,
    Kind kind,
    String network,
    @Nullable String device,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt,
    boolean revoked) {

  public enum Kind {
    SESSION,
    KEY_MANAGER,
    /**
     * A personal access token (Rocket.Chat's {@code personalAccessToken}): made by its user, named, never expires,
     * and opens every API as a login's session does until it is removed or the user's sessions end.
     */
    PERSONAL;

    /** Whether a session of this kind calls the APIs: a key-manager token opens only the agent's header. */
    public boolean callsApis() {
      return this != KEY_MANAGER;
    }
  }

  public boolean liveAt(Instant now) {
    return !revoked && now.isBefore(expiresAt);
  }

  public Session usedAt(Instant at) {
    return new Session(id, tokenHash, userId, kind, network, device, createdAt, at, expiresAt, revoked);
  }
}
