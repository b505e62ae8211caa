package dev.atrium.core.space;

import java.time.Instant;

/** A user's membership of a space. */
public record SpaceMember(String spaceId, long userId, SpaceRole role, Instant joinedAt) {}
