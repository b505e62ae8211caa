package dev.atrium.core.client;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Storage of what the tokens handed to API clients need: the keys that sign them, and the one refresh token of each
 * grant that still works. Every call joins the caller's transaction.
 */
public interface TokenStore {
  /** A signing key: its id and its secret, base64; {@link #toString} never shows the secret. */
  record SigningKey(String keyId, String secret, Instant createdAt) {
    @Override
    public String toString() {
      return "SigningKey[keyId=" + keyId + ", secret=(hidden), createdAt=" + createdAt + "]";
    }
  }

  /** Every key kept, newest first (ties by id, descending). */
  List<SigningKey> keys();

  void insertKey(SigningKey key);

  /** Stores a refresh token that works until {@code expiresAt}: its jti, its client, its session (none for a client). */
  void insertRefresh(String jti, String clientId, @Nullable String sessionId, Instant expiresAt);

  /** Deletes the refresh token; true only for the one call that found it, so a refresh token works once. */
  boolean consumeRefresh(String jti);

  /**
   * Deletes the refresh tokens of the client's grants; returns the sessions those grants opened (a user grant's),
   * so that revoking a client can end them.
   */
  List<String> deleteRefreshOfClient(String clientId);

  /** Forgets the refresh tokens that expired before {@code at}; returns how many. */
  int purgeRefreshBefore(Instant at);
}
