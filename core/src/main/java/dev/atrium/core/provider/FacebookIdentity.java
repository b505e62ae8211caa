package dev.atrium.core.provider;

import dev.atrium.core.error.AtriumException;
import org.jspecify.annotations.Nullable;

/**
 * The Facebook account an access token belongs to: its app-scoped user id, its name, and its email when the
 * user granted the {@code email} permission (and has a confirmed one).
 */
public record FacebookIdentity(String id, String name, @Nullable String email) {
  public FacebookIdentity {
    AtriumException.require(!id.isBlank(), "a Facebook user id must not be blank");
  }
}
