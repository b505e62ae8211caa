package dev.atrium.core.message;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomId;
import dev.atrium.core.room.RoomStore;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Posting and reading messages, and suppressing them. Only current members of a stream post to it or read
 * it; a deactivated room takes no new messages. A suppressed message is never shown again; suppressing is
 * for pod administrators, is audited, and keeps the first suppression's date.
 */
public final class Messages {
  public static final int MAX_DATA_LENGTH = 80_000;
  public static final int MAX_LIMIT = 500;

  private final MessageStore store;
  private final RoomStore rooms;
  private final Users users;
  private final AuditLog audit;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;
  private final RandomGenerator random;

  public Messages(MessageStore store, RoomStore rooms, Users users, AuditLog audit, Transactor tx,
      Events events, InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.rooms = rooms;
    this.users = users;
    this.audit = audit;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
    this.random = random;
  }

  /** A message posted, with the stream it was posted to. */
  public record Posted(Message message, Room room) {}

  /** Posts MessageML (and optional JSON data) to a stream the actor is a current member of. */
  public Posted send(User actor, String streamId, String messageMl, @Nullable String data) {
    String id = RoomId.parse(streamId);
    String text = MessageMl.text(messageMl);
    String json = data == null || data.isBlank() ? null : data;
    require(json == null || json.length() <= MAX_DATA_LENGTH,
        "data must be at most " + MAX_DATA_LENGTH + " characters long");
    Instant now = clock.instant();
    Message message = new Message(MessageId.random(random), id, actor.id(), messageMl, text, json, now, false,
        null);
    return tx.inTransaction(() -> {
      // Locked so that the room cannot be deactivated or the sender removed while the message is stored.
      Room locked = rooms.lock(id).orElseThrow(() -> AtriumException.notFound("Stream " + id + " not found"));
      requireMember(actor, locked);
      require(locked.active(), "Stream " + id + " is deactivated and takes no messages");
      store.insert(message);
      rooms.countUnread(id, actor.id(), now);
      events.publish(new DomainEvent.MessageSent(message, locked, now));
      return new Posted(message, locked);
    });
  }

  /** A page of a stream's messages, with the stream. */
  public record Page(Room room, List<Message> messages) {}

  /** The stream's messages not suppressed, sent at or after {@code since}, oldest first; members only. */
  public Page list(User actor, String streamId, Instant since, int skip, int limit) {
    String id = RoomId.parse(streamId);
    require(skip >= 0, "skip must not be negative");
    require(limit > 0, "limit must be positive");
    require(limit <= MAX_LIMIT, "limit must be at most " + MAX_LIMIT);
    Room room = rooms.byId(id).orElseThrow(() -> AtriumException.notFound("Stream " + id + " not found"));
    requireMember(actor, room);
    return new Page(room, store.visible(id, since, skip, limit));
  }

  /** A message of a stream the actor is a current member of; a suppressed one is not found. */
  public Message get(User actor, String messageId) {
    String id = MessageId.parse(messageId);
    Message message = store.byId(id).filter(m -> !m.suppressed())
        .orElseThrow(() -> AtriumException.notFound("Message " + id + " not found"));
    Room room = rooms.byId(message.roomId())
        .orElseThrow(() -> AtriumException.notFound("Message " + id + " not found"));
    requireMember(actor, room);
    return message;
  }

  /** Suppresses a message; a message already suppressed keeps its first suppression date. */
  public Message suppress(User actor, String messageId) {
    Roles.require(actor, Roles.POD_ADMINS);
    String id = MessageId.parse(messageId);
    Instant now = clock.instant();
    return tx.inTransaction(() -> {
      Message message = store.lock(id).orElseThrow(() -> AtriumException.notFound("Message " + id + " not found"));
      if (message.suppressed()) {
        return message;
      }
      store.suppress(id, now);
      Message suppressed = message.suppress(now);
      audit.append(new AuditEntry(actor.id(), "message.suppress", "message:" + id,
          Map.of("suppressed", false), Map.of("suppressed", true, "roomId", message.roomId()), now));
      events.publish(new DomainEvent.MessageSuppressed(suppressed, now));
      return suppressed;
    });
  }

  /** How many messages of the stream are shown (not suppressed), for the dialects that count them; no access check. */
  public int countVisible(String streamId) {
    return store.countVisible(RoomId.parse(streamId));
  }

  /** The sender of a message, for the dialects that show who sent it. */
  public User sender(Message message) {
    return users.get(message.senderId());
  }

  private void requireMember(User actor, Room room) {
    boolean member = rooms.membership(room.id(), actor.id()).filter(Membership::current).isPresent();
    if (!member) {
      throw AtriumException.forbidden("The user is not a member of room " + room.id());
    }
  }
}
