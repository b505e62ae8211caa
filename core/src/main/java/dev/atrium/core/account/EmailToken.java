package dev.atrium.core.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The verification token of one email address (kept in lower case): only its SHA-256 hash is stored. A new
 * request replaces the address's token, so only the newest link works.
 */
public record EmailToken(String email, String tokenHash, Instant createdAt, Instant expiresAt,
    @Nullable Instant usedAt) {

  public EmailToken used(Instant at) {
    return new EmailToken(email, tokenHash, createdAt, expiresAt, at);
  }
}
