package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.message.Message;
import dev.atrium.core.message.MessageMl;
import dev.atrium.core.message.Messages;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rocket.Chat's messages on Atrium's ({@code chat.ts}, {@code processWebhookMessage}, {@code canSendMessage}):
 * {@code chat.postMessage} and {@code chat.sendMessage} post plain text, stored as MessageML with every markup
 * character escaped ({@link MessageMl#fromPlainText}), so a Symphony client sees exactly the text; {@code
 * chat.getMessage} shows any message, whichever dialect posted it, as its plain text. A message counts as unread for
 * every other current member and marks the room read for its sender (Rocket.Chat's {@code Unread_Count} set to
 * {@code all_messages}).
 *
 * <p>{@code alias}, {@code emoji} and {@code avatar} need {@code message-impersonate}; they are echoed in the answer
 * but not stored. {@code attachments} are not stored either.
 */
final class RocketChatChat {
  /** Rocket.Chat's default {@code Message_MaxAllowedSize}. */
  static final int MAX_MESSAGE_SIZE = 5000;
  private static final String READ_ONLY = "You can't send messages because the room is readonly.";
  private static final List<String> IMPERSONATION = List.of("alias", "emoji", "avatar");

  private final Users users;
  private final Rooms rooms;
  private final Messages messages;
  private final Permissions permissions;
  private final Authenticator callers;
  private final InstantSource clock;

  RocketChatChat(Users users, Rooms rooms, Messages messages, Permissions permissions, Authenticator callers,
      InstantSource clock) {
    this.users = users;
    this.rooms = rooms;
    this.messages = messages;
    this.permissions = permissions;
    this.callers = callers;
    this.clock = clock;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/chat.postMessage", this::postMessage);
    cfg.routes.post("/api/v1/chat.sendMessage", this::sendMessage);
    cfg.routes.get("/api/v1/chat.getMessage", this::getMessage);
  }

  private User caller(Context ctx) {
    return callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
  }

  /**
   * {@code chat.postMessage {roomId|channel, text, alias?, emoji?, avatar?, attachments?}}: the target is a room id,
   * {@code #name} of a chat room or {@code @username} (the caller's IM with that user, opened if new), or, without a
   * prefix, a room id or name, else a user's id (the IM with that user); a public room the caller is not in is joined first, as Rocket.Chat joins it.
   */
  private void postMessage(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = RocketChatParams.body(ctx);
    Optional<String> roomId = RocketChatParams.string(body, "roomId");
    Optional<String> channel = RocketChatParams.string(body, "channel");
    if (roomId.isEmpty() && channel.isEmpty()) {
      throw RocketChatParams.invalid("must have required property 'roomId'\n must have required property 'channel'\n"
          + " must match a schema in anyOf");
    }
    String text = RocketChatParams.string(body, "text").orElse("").strip();
    Map<String, String> impersonation = impersonation(caller, body);
    String messageMl = messageMl(text);
    String target = channel.orElseGet(roomId::orElseThrow);
    Room room = target(caller, target).orElseThrow(() -> RocketChatFailure.codeOnly("invalid-channel"));
    joinIfPublic(caller, room);
    Message message = send(caller, room, messageMl);
    Map<String, Object> shown = RoomShapes.message(message, caller);
    shown.putAll(impersonation);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ts", clock.millis());
    out.put("channel", target);
    out.put("message", shown);
    out.put("success", true);
    ctx.json(out);
  }

  /** {@code chat.sendMessage {message:{rid, msg, alias?, emoji?, avatar?}}}: to a room, IM or MIM by its id. */
  private void sendMessage(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = RocketChatParams.body(ctx);
    JsonNode given = body.get("message");
    if (given == null) {
      throw RocketChatParams.invalid("must have required property 'message'");
    }
    if (!given.isObject()) {
      throw RocketChatParams.invalid("must be object");
    }
    if (!given.has("rid")) {
      throw RocketChatParams.invalid("must have required property 'rid'");
    }
    String rid = RocketChatParams.string(given, "rid").orElse("");
    String text = RocketChatParams.string(given, "msg").orElse("").strip();
    Map<String, String> impersonation = impersonation(caller, given);
    String messageMl = messageMl(text);
    Room room;
    try {
      room = rooms.stream(caller, rid);
    } catch (AtriumException.Invalid | AtriumException.NotFound e) {
      throw RocketChatFailure.failure("error-invalid-room");
    } catch (AtriumException.Forbidden e) {
      throw RocketChatFailure.failure("error-not-allowed");
    }
    joinIfPublic(caller, room);
    Message message = send(caller, room, messageMl);
    Map<String, Object> shown = RoomShapes.message(message, caller);
    shown.putAll(impersonation);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message", shown);
    out.put("success", true);
    ctx.json(out);
  }

  /** {@code chat.getMessage?msgId=}: a message of a room the caller is in. */
  private void getMessage(Context ctx) {
    User caller = caller(ctx);
    RocketChatParams.onlyQuery(ctx, List.of("msgId"));
    String id = RocketChatParams.query(ctx, "msgId")
        .orElseThrow(() -> RocketChatParams.invalid("must have required property 'msgId'"));
    Message message;
    try {
      message = messages.get(caller, id);
    } catch (AtriumException.Invalid | AtriumException.NotFound e) {
      throw RocketChatFailure.coded("error-invalid-message", "Invalid message");
    } catch (AtriumException.Forbidden e) {
      throw RocketChatFailure.coded("error-not-allowed", "Not allowed");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message", RoomShapes.message(message, messages.sender(message)));
    out.put("success", true);
    ctx.json(out);
  }

  /** The impersonation fields given, refused without {@code message-impersonate}. */
  private Map<String, String> impersonation(User caller, JsonNode body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : IMPERSONATION) {
      RocketChatParams.string(body, key).filter(v -> !v.isEmpty()).ifPresent(v -> out.put(key, v));
    }
    if (!out.isEmpty() && !permissions.has(caller, Permissions.MESSAGE_IMPERSONATE)) {
      throw RocketChatFailure.coded("error-not-allowed", "Not enough permission");
    }
    return out;
  }

  /** The MessageML of the text; an empty or too long text is refused before anything is looked up or changed. */
  private static String messageMl(String text) {
    if (text.isEmpty()) {
      throw RocketChatFailure.failure("The message text is empty");
    }
    if (text.length() > MAX_MESSAGE_SIZE) {
      throw RocketChatFailure.coded("error-message-size-exceeded", "Message size exceeds Message_MaxAllowedSize");
    }
    try {
      return MessageMl.fromPlainText(text);
    } catch (AtriumException.Invalid e) {
      throw RocketChatFailure.failure(e.getMessage());
    }
  }

  /** {@code processWebhookMessage}'s reading of {@code channel}/{@code roomId}. */
  private Optional<Room> target(User caller, String target) {
    if (target.startsWith("#")) {
      return rooms.byName(target.substring(1)).stream().filter(r -> visible(caller, r)).findFirst();
    }
    if (target.startsWith("@")) {
      Optional<User> user = users.byUsername(target.substring(1)).filter(User::enabled);
      if (user.isEmpty() || user.get().id() == caller.id()) {
        return Optional.empty();
      }
      return Optional.of(rooms.conversation(caller, List.of(user.get().id())));
    }
    Optional<Room> byId = RocketChatParams.stream(rooms, caller, target);
    if (byId.isPresent()) {
      return byId;
    }
    Optional<Room> byName = rooms.byName(target).stream().filter(r -> visible(caller, r)).findFirst();
    if (byName.isPresent() || !target.matches("[1-9][0-9]{0,17}")) {
      return byName;
    }
    // last, as Rocket.Chat tries it: a user's id names the caller's IM with that user
    return users.byId(Long.parseLong(target)).filter(User::enabled).filter(u -> u.id() != caller.id())
        .map(u -> rooms.conversation(caller, List.of(u.id())));
  }

  private boolean visible(User caller, Room room) {
    return RocketChatParams.stream(rooms, caller, room.id()).isPresent();
  }

  /**
   * Rocket.Chat posts to a public channel for a caller not in it by joining it first; only once nothing else refuses
   * the message (a read-only room takes none from a newcomer), so that a refused message joins nobody.
   */
  private void joinIfPublic(User caller, Room room) {
    if (room.kind() == RoomKind.ROOM && room.isPublic() && room.active()
        && rooms.membershipOf(caller, room.id()).isEmpty()) {
      if (room.readOnly()) {
        throw RocketChatFailure.failure(READ_ONLY);
      }
      rooms.addMember(caller, room.id(), caller.id());
    }
  }

  /**
   * Posts as {@code canSendMessage} allows: a member only ({@code error-not-allowed}), not to a deactivated room
   * ({@code room_is_archived}), to a read-only room only as its owner.
   */
  private Message send(User caller, Room room, String messageMl) {
    Optional<Membership> membership = rooms.membershipOf(caller, room.id());
    if (membership.isEmpty()) {
      throw RocketChatFailure.failure("error-not-allowed");
    }
    if (!room.active()) {
      throw RocketChatFailure.failure("room_is_archived");
    }
    if (room.readOnly() && !membership.get().isOwner()) {
      throw RocketChatFailure.failure(READ_ONLY);
    }
    try {
      return messages.send(caller, room.id(), messageMl, null).message();
    } catch (AtriumException.Forbidden e) {
      throw RocketChatFailure.failure("error-not-allowed");
    }
  }
}
