package dev.atrium.core.contact;

import java.time.Instant;

/**
 * The one connection between two users: who asked whom, where it stands, when it was first asked for and
 * last changed, and how many times it was asked for. Two users have at most one, whoever asked.
 */
public record Connection(
    long requesterId,
    long addresseeId,
    ConnectionStatus status,
    Instant firstRequestedAt,
    Instant updatedAt,
    int requestCounter) {

  public Connection {
    if (requesterId == addresseeId) {
      throw new IllegalArgumentException("a connection joins two different users");
    }
  }

  public boolean involves(long userId) {
    return requesterId == userId || addresseeId == userId;
  }

  /** The user on the other side from {@code userId}. */
  public long other(long userId) {
    return requesterId == userId ? addresseeId : requesterId;
  }

  /** The connection as {@code userId} sees it. */
  public ConnectionView viewOf(long userId) {
    if (!involves(userId)) {
      throw new IllegalArgumentException("user " + userId + " is not part of this connection");
    }
    Relation relation = switch (status) {
      case PENDING -> requesterId == userId ? Relation.PENDING_OUTGOING : Relation.PENDING_INCOMING;
      case ACCEPTED -> Relation.ACCEPTED;
      case REJECTED -> Relation.REJECTED;
    };
    return new ConnectionView(other(userId), relation, firstRequestedAt, updatedAt, requestCounter);
  }
}
