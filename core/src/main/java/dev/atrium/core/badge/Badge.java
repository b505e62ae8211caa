package dev.atrium.core.badge;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A badge of one type held by one user, with free-form data ({@link dev.atrium.core.JsonData}). */
public record Badge(String id, long userId, String badgeType, Map<String, @Nullable Object> data, Instant createdAt,
    Instant updatedAt) {}
