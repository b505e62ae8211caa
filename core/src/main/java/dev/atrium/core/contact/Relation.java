package dev.atrium.core.contact;

/** A connection seen from one of its two users: whether a pending request came in or went out. */
public enum Relation {
  PENDING_INCOMING,
  PENDING_OUTGOING,
  ACCEPTED,
  REJECTED;

  /** What a listing shows when the caller names no status: the requests still waiting for an answer. */
  public static final java.util.Set<Relation> PENDING = java.util.Set.of(PENDING_INCOMING, PENDING_OUTGOING);
}
