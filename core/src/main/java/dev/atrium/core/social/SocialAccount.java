package dev.atrium.core.social;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account at a social provider linked to a user: its kind, the provider's id for it, and (for Verus) the
 * identity name. One (kind, socialId) belongs to one user; a user has at most one account of each kind.
 */
public record SocialAccount(long userId, SocialKind kind, String socialId, @Nullable String identityName,
    Instant linkedAt) {}
