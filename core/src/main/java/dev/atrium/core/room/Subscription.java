package dev.atrium.core.room;

import java.util.List;

/**
 * A user's current membership of a room, with the room, as a client lists "my rooms": {@code partners} are the
 * usernames of the other current participants of a conversation (IM, MIM), sorted; none for a chat room.
 */
public record Subscription(Room room, Membership membership, List<String> partners) {
  public Subscription {
    partners = List.copyOf(partners);
  }
}
