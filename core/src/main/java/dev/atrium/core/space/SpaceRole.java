package dev.atrium.core.space;

/** A member's role in a space, the strongest first. */
public enum SpaceRole {
  OWNER,
  MODERATOR,
  USER
}
