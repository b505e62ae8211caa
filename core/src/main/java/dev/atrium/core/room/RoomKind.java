package dev.atrium.core.room;

/** What a room is: a named chat room, or a conversation of two (IM) or more (MIM) fixed participants. */
public enum RoomKind {
  ROOM,
  IM,
  MIM
}
