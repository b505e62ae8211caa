package dev.atrium.core.room;

import java.time.Instant;

/** A user is no longer in a room since {@code at}: the user left it, or it was deleted. */
public record RoomRemoval(String roomId, long userId, Instant at) {}
