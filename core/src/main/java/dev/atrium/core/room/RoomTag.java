package dev.atrium.core.room;

/** A keyword of a room: a label and its value, e.g. {@code industry: automobile}. */
public record RoomTag(String key, String value) {}
