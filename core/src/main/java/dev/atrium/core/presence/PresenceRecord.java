package dev.atrium.core.presence;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A user's stored presence: the category last set and when ({@code setAt}), when it was last refreshed
 * ({@code seenAt}: a set, or a live socket of the user), and the category to take when the user next comes
 * online ({@code pending}: a "soft" set while offline, or the explicit status the user had when going offline).
 * What others see is derived from it by {@link Presence}: a category not refreshed in time reads as OFFLINE.
 */
public record PresenceRecord(long userId, PresenceCategory category, Instant setAt, Instant seenAt,
    @Nullable PresenceCategory pending) {}
