package dev.atrium.core.presence;

import java.time.Instant;

/**
 * A presence feed: its owner reads the presences that changed since the last read. The position of the last
 * read is the change time and user id of the last record handed out, so a read of a full batch loses nothing.
 */
public record PresenceFeed(String id, long ownerId, Instant createdAt, Instant readAt, long readUserId) {}
