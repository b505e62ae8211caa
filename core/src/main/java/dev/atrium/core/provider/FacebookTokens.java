package dev.atrium.core.provider;

import dev.atrium.core.error.AtriumException;

/** Checks Facebook user access tokens against this server's Facebook app. */
public interface FacebookTokens {
  /**
   * The account the token belongs to, once Facebook confirmed that the token is valid, unexpired and issued
   * for this server's app.
   *
   * @throws AtriumException.Invalid the token is malformed, unknown, revoked, expired, not a user token, or
   *     issued for another app (the message says which)
   * @throws AtriumException.Unavailable Facebook is not configured here, cannot be reached, or answered
   *     with an error that is not about the token
   */
  FacebookIdentity verify(String userAccessToken);

  /** The port of a server without a Facebook app: every call is refused as unavailable. */
  static FacebookTokens notConfigured() {
    return token -> {
      throw AtriumException.unavailable("Facebook login is not configured on this server");
    };
  }
}
