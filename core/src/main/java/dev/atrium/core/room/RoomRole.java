package dev.atrium.core.room;

/** A member's role in a room. Symphony knows owners and the rest; other dialects use all four. */
public enum RoomRole {
  OWNER,
  MODERATOR,
  MEMBER,
  GUEST
}
