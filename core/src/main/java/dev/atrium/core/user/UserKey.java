package dev.atrium.core.user;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An RSA public key (PEM) a user logs in with. A user has a current key and may keep a previous one. */
public record UserKey(long userId, Slot slot, String pem, @Nullable Instant expiresAt) {
  public enum Slot {
    CURRENT,
    PREVIOUS
  }
}
