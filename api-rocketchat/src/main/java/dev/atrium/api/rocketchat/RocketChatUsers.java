package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.room.Subscription;
import dev.atrium.core.session.Principal;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/users.info} as Rocket.Chat answers it ({@code users.ts}, {@code getFullUserData}): one lookup
 * key, validated as the route's query schema validates it; the user's default fields to anyone, the full ones to
 * the user himself or a holder of {@code view-full-other-user-info}; with {@code includeUserRooms=true} the rooms
 * of the user himself, or of anyone for a holder of {@code view-other-user-channels}, with their unread counts, read
 * in a constant number of queries; an unknown user is a 400.
 */
final class RocketChatUsers {
  /** The lookup keys, in the order the route tries them. */
  private static final List<String> LOOKUPS = List.of("userId", "username", "importId", "email",
      "freeSwitchExtension");
  private static final Set<String> OPTIONS = Set.of("includeUserRooms", "fields");

  private final Users users;
  private final Rooms rooms;
  private final Permissions permissions;
  private final Authenticator callers;
  private final UserShapes shapes;

  RocketChatUsers(Users users, Rooms rooms, Permissions permissions, Authenticator callers, UserShapes shapes) {
    this.users = users;
    this.rooms = rooms;
    this.permissions = permissions;
    this.callers = callers;
    this.shapes = shapes;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/users.info", this::info);
  }

  private void info(Context ctx) {
    User caller = callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
    Map<String, List<String>> query = ctx.queryParamMap();
    validate(query);
    String key = null;
    String value = null;
    for (String lookup : LOOKUPS) {
      List<String> given = query.get(lookup);
      if (given != null && !given.getFirst().isEmpty()) {
        key = lookup;
        value = given.getFirst();
        break;
      }
    }
    if (key == null || value == null) {
      throw RocketChatFailure.failure("Invalid search query.");
    }
    boolean myself = switch (key) {
      case "userId", "username" -> value.equals(UserShapes.id(caller)) || value.equals(caller.username());
      case "email" -> caller.email() != null
          && caller.email().strip().toLowerCase(Locale.ROOT).equals(value.strip().toLowerCase(Locale.ROOT));
      default -> false; // Atrium keeps no import ids nor telephony extensions
    };
    boolean canViewAllInfo = myself || permissions.has(caller, Permissions.VIEW_FULL_OTHER_USER_INFO);
    Optional<User> found = switch (key) {
      case "userId", "username" -> byIdOrUsername(value);
      case "email" -> canViewAllInfo ? users.byEmail(value.strip()) : Optional.empty();
      // Atrium keeps no import ids nor telephony extensions: no user has the one asked for.
      default -> Optional.empty();
    };
    User user = found.orElseThrow(() -> RocketChatFailure.failure("User not found."));
    boolean self = user.id() == caller.id();
    Map<String, Object> shown = shapes.info(user, canViewAllInfo || self, self);
    if (roomsAsked(query) && (self || permissions.has(caller, Permissions.VIEW_OTHER_USER_CHANNELS))) {
      shown.put("rooms", rooms(user));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", shown);
    out.put("success", true);
    ctx.json(out);
  }

  /**
   * Rocket.Chat's {@code {$or: [{_id: value}, {username: value}]}}: the user with that id, else the one with
   * exactly that username.
   */
  private Optional<User> byIdOrUsername(String value) {
    if (value.matches("[1-9][0-9]{0,18}")) {
      try {
        Optional<User> byId = users.byId(Long.parseLong(value));
        if (byId.isPresent()) {
          return byId;
        }
      } catch (NumberFormatException e) {
        // beyond a long: no id, maybe a username
      }
    }
    return users.byUsername(value).filter(u -> u.username().equals(value));
  }

  /**
   * Whether the rooms are asked for: {@code includeUserRooms=true} (Rocket.Chat 7.0 and later), or
   * {@code fields={"userRooms":1}} as older clients ask; any other {@code fields} is ignored, as since 7.0.
   */
  private static boolean roomsAsked(Map<String, List<String>> query) {
    List<String> include = query.get("includeUserRooms");
    if (include != null && include.getFirst().equals("true")) {
      return true;
    }
    List<String> fields = query.get("fields");
    if (fields == null) {
      return false;
    }
    try {
      JsonNode parsed = JsonMapper.MAPPER.readTree(fields.getFirst());
      return parsed != null && parsed.isObject() && parsed.path("userRooms").isNumber()
          && parsed.path("userRooms").asInt() == 1;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return false;
    }
  }

  /**
   * The user's subscriptions as Rocket.Chat lists them ({@code Subscriptions.findByUserId}, sorted by type then
   * name): {@code _id} (the room's id and the user's, which together name the membership), {@code rid},
   * {@code name} (a conversation's: its partners' usernames), {@code t} ({@code c} public room, {@code p} private
   * room, {@code d} IM or MIM), {@code roles} ({@code owner} or {@code moderator} of a room, left out for a plain member and in a conversation) and
   * {@code unread}.
   */
  private List<Map<String, Object>> rooms(User user) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Subscription sub : rooms.subscriptionsOf(user.id())) {
      Room room = sub.room();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("_id", room.id() + user.id());
      entry.put("rid", room.id());
      entry.put("name", room.kind() == RoomKind.ROOM ? Objects.requireNonNullElse(room.name(), "")
          : String.join(", ", sub.partners()));
      entry.put("t", room.kind() != RoomKind.ROOM ? "d" : room.isPublic() ? "c" : "p");
      if (room.kind() == RoomKind.ROOM) {
        switch (sub.membership().role()) {
          case OWNER -> entry.put("roles", List.of("owner"));
          case MODERATOR -> entry.put("roles", List.of("moderator"));
          case MEMBER, GUEST -> { }
        }
      }
      entry.put("unread", sub.membership().unreadCount());
      out.add(entry);
    }
    out.sort(Comparator.comparing((Map<String, Object> e) -> (String) Objects.requireNonNull(e.get("t")))
        .thenComparing(e -> (String) Objects.requireNonNull(e.get("name"))));
    return out;
  }

  /**
   * The route's query schema ({@code UsersInfoParamsGet}): an {@code anyOf} of one branch per lookup key, each
   * requiring its key, allowing only it, {@code includeUserRooms} and {@code fields}, all strings. A query no branch
   * accepts is refused with ajv's words: each branch's first error, then {@code must match a schema in anyOf}.
   */
  private static void validate(Map<String, List<String>> query) {
    List<String> errors = new ArrayList<>();
    for (String lookup : LOOKUPS) {
      Optional<String> error = branchError(query, lookup);
      if (error.isEmpty()) {
        return;
      }
      errors.add(error.get());
    }
    errors.add("must match a schema in anyOf");
    throw RocketChatFailure.coded("invalid-params", String.join("\n ", errors));
  }

  private static Optional<String> branchError(Map<String, List<String>> query, String lookup) {
    if (!query.containsKey(lookup)) {
      return Optional.of("must have required property '" + lookup + "'");
    }
    for (String name : query.keySet()) {
      if (!name.equals(lookup) && !OPTIONS.contains(name)) {
        return Optional.of("must NOT have additional properties");
      }
    }
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (e.getValue().size() != 1) {
        return Optional.of("must be string");
      }
    }
    return Optional.empty();
  }
}
