package dev.atrium.core.presence;

import java.time.Instant;

/** A user's presence as everyone sees it, and since when it has been so. */
public record UserPresence(long userId, PresenceCategory category, Instant at) {}
