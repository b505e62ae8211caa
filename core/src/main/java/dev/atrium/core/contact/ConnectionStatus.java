package dev.atrium.core.contact;

/** Where a connection between two users stands, seen from neither side. */
public enum ConnectionStatus {
  /** The requester asked; the addressee has not answered. */
  PENDING,
  /** The addressee accepted: the two are connected. */
  ACCEPTED,
  /** The addressee turned the request down; the requester may ask again. */
  REJECTED
}
