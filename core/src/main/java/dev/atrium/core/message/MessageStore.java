package dev.atrium.core.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of messages. Every call joins the caller's transaction. */
public interface MessageStore {
  void insert(Message message);

  Optional<Message> byId(String id);

  /** The message, locked against changes by other transactions until this one ends. */
  Optional<Message> lock(String id);

  /** Marks the message suppressed at the time given. */
  void suppress(String id, Instant at);

  /** How many messages of the room are not suppressed. */
  int countVisible(String roomId);

  /** The room's messages not suppressed, sent at or after {@code since}, oldest first (then by id). */
  List<Message> visible(String roomId, Instant since, int skip, int limit);
}
