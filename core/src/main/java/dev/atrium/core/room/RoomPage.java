package dev.atrium.core.room;

import java.util.List;
import java.util.Map;

/**
 * One page of a room search: the total that matched, the rooms of the page, and per searched label the
 * number of the rooms found where a word of the query matched a keyword under that label.
 */
public record RoomPage(long total, List<Room> rooms, Map<String, Long> facets) {
  public RoomPage {
    rooms = List.copyOf(rooms);
    facets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facets));
  }
}
