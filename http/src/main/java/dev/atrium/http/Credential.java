package dev.atrium.http;

/**
 * What a request presents to say who is calling, as a {@link CredentialKind} read it. The {@link Authenticator}
 * turns it into a caller through the sessions; a kind never looks a credential up itself.
 */
public sealed interface Credential {
  /** An opaque session token, as every login mints it. */
  record SessionToken(String token) implements Credential {}

  /** A session token and the id of the user it must belong to (Rocket.Chat's {@code X-User-Id} + {@code X-Auth-Token}). */
  record UserAndToken(String userId, String token) implements Credential {}

  /** The id of a session, taken from a token that was verified on its own (a signed JWT that names its session). */
  record SessionId(String sessionId) implements Credential {}

  /** A credential of the kind was presented but cannot be read: the request has no caller. */
  record Unreadable() implements Credential {}
}
