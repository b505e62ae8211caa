package dev.atrium.core.contact;

import java.time.Instant;

/** A connection from one user's side: the other user and the relation between them. */
public record ConnectionView(long userId, Relation relation, Instant firstRequestedAt, Instant updatedAt,
    int requestCounter) {}
