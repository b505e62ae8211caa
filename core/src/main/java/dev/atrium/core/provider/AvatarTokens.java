package dev.atrium.core.provider;

import dev.atrium.core.error.AtriumException;

/**
 * Tokens that restore a user's Ready Player Me session in its avatar editor (Roomful's
 * {@code user:getRPMAvatarToken}). Ready Player Me documents such a token as living 15 seconds: ask for it
 * right before the client opens the editor.
 */
public interface AvatarTokens {
  /**
   * A fresh session token for the Ready Player Me user, issued to this server's partner application.
   *
   * @throws AtriumException.Invalid the id is not a Ready Player Me user id
   * @throws AtriumException.NotFound Ready Player Me knows no such user
   * @throws AtriumException.Forbidden the user has not authorized this application
   * @throws AtriumException.Unavailable Ready Player Me is not configured here, cannot be reached, refused
   *     this server's API key, or answered with something that is not a token
   */
  String tokenFor(String rpmUserId);

  /** The port of a server without Ready Player Me: every call is refused as unavailable. */
  static AvatarTokens notConfigured() {
    return userId -> {
      throw AtriumException.unavailable("Ready Player Me is not configured on this server");
    };
  }
}
