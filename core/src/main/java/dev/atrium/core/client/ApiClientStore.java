package dev.atrium.core.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of API clients. Every call joins the caller's transaction. */
public interface ApiClientStore {
  /** A client and the hash of its secret, for checking a secret; never shown. */
  record Credential(ApiClient client, String secretHash) {}

  /** Stores a new client with the hash of its secret. */
  void insert(ApiClient client, String secretHash);

  Optional<ApiClient> byId(String clientId);

  Optional<Credential> credential(String clientId);

  /** Every client, newest first (ties by id, descending). */
  List<ApiClient> all();

  /** Sets the revocation time of a live client; false when there is no such client or it is already revoked. */
  boolean revoke(String clientId, Instant at);
}
