package dev.atrium.core.user;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What to do with a user's key: save a new PEM, revoke it, or extend its expiry. */
public record KeyChange(UserKey.Slot slot, Action action, @Nullable String pem, @Nullable Instant expiresAt) {
  public enum Action {
    SAVE,
    REVOKE,
    EXTEND
  }
}
