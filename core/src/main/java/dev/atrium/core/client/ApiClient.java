package dev.atrium.core.client;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An API client as anyone may see it: never its secret nor the secret's hash. {@code createdBy} is the id of the
 * SUPER_ADMINISTRATOR who made it; {@code revokedAt} is null while it is live.
 */
public record ApiClient(String clientId, String name, Instant createdAt, long createdBy, @Nullable Instant revokedAt) {
  public boolean live() {
    return revokedAt == null;
  }
}
