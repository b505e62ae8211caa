package dev.atrium.core.presence;

import java.time.Instant;

/**
 * A presence feed: its owner reads the presences that changed since the last read. Its cursor is the change
 * time and user id of the last record handed out (at creation: the creation time, before every user), so a
 * read of a full batch loses nothing and a read that finds nothing leaves it where it was. {@code readAt} is
 * when it was last read: a feed nobody reads any more is removed.
 */
public record PresenceFeed(String id, long ownerId, Instant createdAt, Instant readAt, Instant cursorAt,
    long cursorUserId) {}
