package dev.atrium.core.message;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A message as it was posted to a room, IM or MIM: its MessageML, the plain text extracted from it, the
 * optional JSON data sent with it, and whether an administrator suppressed it (and when). The id is opaque
 * and URL-safe ({@link MessageId}).
 */
public record Message(
    String id,
    String roomId,
    long senderId,
    String messageMl,
    String text,
    @Nullable String data,
    Instant sentAt,
    boolean suppressed,
    @Nullable Instant suppressedAt) {

  public Message suppress(Instant at) {
    return new Message(id, roomId, senderId, messageMl, text, data, sentAt, true, at);
  }
}
