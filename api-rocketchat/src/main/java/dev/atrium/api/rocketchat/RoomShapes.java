package dev.atrium.api.rocketchat;

import dev.atrium.core.message.Message;
import dev.atrium.core.message.MessageMl;
import dev.atrium.core.message.Messages;
import dev.atrium.core.room.Membership;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.room.Subscription;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Atrium's rooms, memberships and messages as Rocket.Chat documents show them ({@code IRoom}, {@code ISubscription},
 * {@code IMessage}): a chat room is a channel ({@code t:"c"}, public) or a private group ({@code t:"p"}), an IM or
 * MIM a direct room ({@code t:"d"}); a subscription's {@code _id} is the room's id followed by the user's, which
 * together name the membership. A message is shown as its plain text ({@link MessageMl#plainText}), whichever dialect
 * posted it.
 */
final class RoomShapes {
  private final Users users;
  private final Rooms rooms;
  private final Messages messages;

  RoomShapes(Users users, Rooms rooms, Messages messages) {
    this.users = users;
    this.rooms = rooms;
    this.messages = messages;
  }

  /** Rocket.Chat's room type of an Atrium room. */
  static String type(Room room) {
    return room.kind() != RoomKind.ROOM ? "d" : room.isPublic() ? "c" : "p";
  }

  /**
   * A channel or private group as {@code channels.create}, {@code channels.info} and {@code groups.create} answer
   * it: its counts of messages and current members, its creator as {@code u}, and {@code archived} while the room is
   * deactivated.
   */
  Map<String, Object> channel(Room room) {
    Map<String, Object> out = new LinkedHashMap<>();
    String name = Objects.requireNonNullElse(room.name(), "");
    out.put("_id", room.id());
    out.put("fname", name);
    out.put("name", name);
    out.put("t", type(room));
    out.put("msgs", messages.countVisible(room.id()));
    out.put("usersCount", rooms.currentMemberIds(room.id()).size());
    Optional<User> creator = users.byId(room.creatorId());
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("_id", Long.toString(room.creatorId()));
    creator.ifPresent(c -> u.put("username", c.username()));
    out.put("u", u);
    out.put("customFields", Map.of());
    if (room.description() != null) {
      out.put("description", room.description());
    }
    out.put("ts", UserShapes.date(room.createdAt()));
    out.put("ro", room.readOnly());
    if (!room.active()) {
      out.put("archived", true);
    }
    out.put("default", false);
    out.put("sysMes", true);
    out.put("_updatedAt", UserShapes.date(room.updatedAt()));
    return out;
  }

  /** A direct room as {@code im.create} answers it: the participants' ids and usernames, sorted by username. */
  Map<String, Object> direct(Room room) {
    List<User> participants = new ArrayList<>();
    for (long id : rooms.participants(List.of(room)).getOrDefault(room.id(), List.of())) {
      users.byId(id).ifPresent(participants::add);
    }
    participants.sort(Comparator.comparing(User::username));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", room.id());
    out.put("_updatedAt", UserShapes.date(room.updatedAt()));
    out.put("t", "d");
    out.put("msgs", messages.countVisible(room.id()));
    out.put("usersCount", participants.size());
    out.put("uids", participants.stream().map(UserShapes::id).toList());
    out.put("usernames", participants.stream().map(User::username).toList());
    out.put("ts", UserShapes.date(room.createdAt()));
    out.put("rid", room.id());
    return out;
  }

  /**
   * The user's subscriptions as {@code subscriptions.get} lists them, sorted by type then name (as
   * {@code users.info} lists the rooms).
   */
  static List<Map<String, Object>> subscriptions(User user, List<Subscription> subs) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Subscription sub : subs) {
      out.add(subscription(user, sub));
    }
    out.sort(Comparator.comparing((Map<String, Object> e) -> (String) Objects.requireNonNull(e.get("t")))
        .thenComparing(e -> (String) Objects.requireNonNull(e.get("name"))));
    return out;
  }

  /**
   * One subscription: {@code ts} when the user joined, {@code ls} when the user last read the room (joined, if
   * never), {@code alert} while messages are unread, {@code roles} of an owner or moderator of a chat room.
   */
  static Map<String, Object> subscription(User user, Subscription sub) {
    Room room = sub.room();
    Membership m = sub.membership();
    String name = room.kind() == RoomKind.ROOM ? Objects.requireNonNullElse(room.name(), "")
        : String.join(", ", sub.partners());
    Instant lastSeen = m.lastReadAt() == null ? m.joinedAt() : m.lastReadAt();
    Instant updated = lastSeen.isAfter(m.joinedAt()) ? lastSeen : m.joinedAt();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", room.id() + user.id());
    out.put("rid", room.id());
    out.put("name", name);
    out.put("fname", name);
    out.put("t", type(room));
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("_id", UserShapes.id(user));
    u.put("username", user.username());
    u.put("name", UserShapes.name(user));
    out.put("u", u);
    out.put("open", true);
    out.put("alert", m.unreadCount() > 0);
    out.put("unread", m.unreadCount());
    out.put("userMentions", 0);
    out.put("groupMentions", 0);
    out.put("ts", UserShapes.date(m.joinedAt()));
    out.put("ls", UserShapes.date(lastSeen));
    if (room.kind() == RoomKind.ROOM) {
      switch (m.role()) {
        case OWNER -> out.put("roles", List.of("owner"));
        case MODERATOR -> out.put("roles", List.of("moderator"));
        case MEMBER, GUEST -> { }
      }
    }
    out.put("_updatedAt", UserShapes.date(updated));
    return out;
  }

  /** A message as {@code chat.postMessage} and {@code chat.sendMessage} answer it. */
  static Map<String, Object> message(Message message, User sender) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", message.id());
    out.put("rid", message.roomId());
    out.put("msg", MessageMl.plainText(message.messageMl()));
    out.put("ts", UserShapes.date(message.sentAt()));
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("_id", UserShapes.id(sender));
    u.put("username", sender.username());
    u.put("name", UserShapes.name(sender));
    out.put("u", u);
    out.put("mentions", List.of());
    out.put("channels", List.of());
    out.put("_updatedAt", UserShapes.date(message.sentAt()));
    return out;
  }
}
