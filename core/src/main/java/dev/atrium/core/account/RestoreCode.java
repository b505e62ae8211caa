package dev.atrium.core.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's password-restore code (only its hash), and the tries made to guess it: {@code tries} counts the
 * tries since {@code windowStart}. A new code replaces the old one but keeps the count.
 */
public record RestoreCode(long userId, String codeHash, Instant createdAt, Instant expiresAt,
    @Nullable Instant usedAt, Instant windowStart, int tries) {

  public RestoreCode used(Instant at) {
    return new RestoreCode(userId, codeHash, createdAt, expiresAt, at, windowStart, tries);
  }

  public RestoreCode tried(Instant windowStart, int tries) {
    return new RestoreCode(userId, codeHash, createdAt, expiresAt, usedAt, windowStart, tries);
  }
}
