package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.RoomSpec;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rocket.Chat's rooms on Atrium's ({@code channels.ts}, {@code groups.ts}, {@code im.ts}): {@code channels.create}
 * and {@code groups.create} make a public or private chat room (a Symphony room with the same id),
 * {@code channels.info} shows a public one, {@code channels.delete} deletes it for every dialect, {@code im.create}
 * opens the conversation of the users named (the IM or MIM Symphony shows). Room names follow Rocket.Chat's default
 * {@code UTF8_Channel_Names_Validation} and are unique among chat rooms made here; a room made elsewhere may share a
 * name, and a name then finds the oldest.
 */
final class RocketChatRooms {
  /** Rocket.Chat's default {@code UTF8_Channel_Names_Validation}. */
  private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z_.\\-]+");
  private static final List<String> TARGET = List.of("roomId", "roomName");

  private final Users users;
  private final Rooms rooms;
  private final Permissions permissions;
  private final Authenticator callers;
  private final RoomShapes shapes;

  RocketChatRooms(Users users, Rooms rooms, Permissions permissions, Authenticator callers, RoomShapes shapes) {
    this.users = users;
    this.rooms = rooms;
    this.permissions = permissions;
    this.callers = callers;
    this.shapes = shapes;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/channels.create", ctx -> create(ctx, true));
    cfg.routes.post("/api/v1/groups.create", ctx -> create(ctx, false));
    cfg.routes.get("/api/v1/channels.info", this::info);
    cfg.routes.post("/api/v1/channels.delete", this::delete);
    cfg.routes.post("/api/v1/im.create", this::createIm);
  }

  private User caller(Context ctx) {
    return callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
  }

  /**
   * {@code channels.create} / {@code groups.create}: the body's schema first, then {@code create-c} or
   * {@code create-p} (403 without), then the name, then the members (usernames, all of which must exist); the room
   * and its members are made in one transaction.
   */
  private void create(Context ctx, boolean isPublic) {
    User caller = caller(ctx);
    JsonNode body = RocketChatParams.body(ctx);
    if (!body.has("name")) {
      throw RocketChatParams.invalid("must have required property 'name'");
    }
    String name = RocketChatParams.string(body, "name").orElse("");
    List<String> usernames = new ArrayList<>();
    JsonNode members = body.get("members");
    if (members != null && !members.isNull()) {
      if (!members.isArray()) {
        throw RocketChatParams.invalid("must be array");
      }
      for (JsonNode member : members) {
        if (!member.isTextual()) {
          throw RocketChatParams.invalid("must be string");
        }
        usernames.add(member.asText());
      }
    }
    JsonNode readOnly = body.get("readOnly");
    if (readOnly != null && !readOnly.isNull() && !readOnly.isBoolean()) {
      throw RocketChatParams.invalid("must be boolean");
    }
    if (!permissions.has(caller, isPublic ? Permissions.CREATE_C : Permissions.CREATE_P)) {
      throw RocketChatFailure.forbidden();
    }
    if (name.isEmpty()) {
      throw RocketChatFailure.failure("Param \"name\" is required");
    }
    if (!NAME.matcher(name).matches() || name.length() > Rooms.MAX_NAME_LENGTH) {
      throw RocketChatFailure.coded("error-invalid-room-name", name + " is not a valid room name");
    }
    if (!rooms.byName(name).isEmpty()) {
      throw RocketChatFailure.coded("error-duplicate-channel-name", "A channel with name '" + name + "' exists");
    }
    Set<Long> memberIds = new LinkedHashSet<>();
    for (String username : usernames) {
      User member = users.byUsername(username).filter(User::enabled)
          .orElseThrow(() -> RocketChatFailure.coded("error-invalid-user", "Invalid user"));
      memberIds.add(member.id());
    }
    RoomSpec spec = RoomSpec.builder().name(name).isPublic(isPublic)
        .readOnly(readOnly != null && readOnly.asBoolean()).discoverable(isPublic).build();
    Room room = rooms.create(caller, spec, memberIds);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(isPublic ? "channel" : "group", shapes.channel(room));
    out.put("success", true);
    ctx.json(out);
  }

  /** {@code channels.info?roomId=|roomName=}: a public chat room ({@code t:"c"}), to anyone signed in. */
  private void info(Context ctx) {
    User caller = caller(ctx);
    RocketChatParams.onlyQuery(ctx, TARGET);
    Room room = channel(caller, RocketChatParams.query(ctx, "roomId"), RocketChatParams.query(ctx, "roomName"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("channel", shapes.channel(room));
    out.put("success", true);
    ctx.json(out);
  }

  /**
   * {@code channels.delete {roomId|roomName}}: an owner of the room, or a holder of {@code delete-c} (who is also a
   * user administrator of Atrium's), deletes it with its memberships and messages; anyone else is refused as
   * {@code eraseRoom} refuses, {@code Not allowed [error-not-allowed]}.
   */
  private void delete(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = RocketChatParams.body(ctx);
    Room room = channel(caller, RocketChatParams.string(body, "roomId"), RocketChatParams.string(body, "roomName"));
    try {
      rooms.delete(caller, room.id());
    } catch (AtriumException.Forbidden e) {
      throw RocketChatFailure.coded("error-not-allowed", "Not allowed");
    }
    ctx.json(Map.of("success", true));
  }

  /**
   * {@code im.create {username}} or {@code {usernames:"a,b"}}: the conversation of the caller and the users named,
   * made if it is new (an IM for two, a MIM for more); each named by id or username (any case), as
   * {@code createDirectMessage} finds them; then {@code create-d} is needed.
   */
  private void createIm(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = RocketChatParams.body(ctx);
    Optional<String> username = RocketChatParams.string(body, "username");
    Optional<String> list = RocketChatParams.string(body, "usernames");
    if (username.isEmpty() && list.isEmpty()) {
      throw RocketChatParams.invalid("must have required property 'username'\n must have required property 'usernames'\n"
          + " must match exactly one schema in oneOf");
    }
    if (username.isPresent() && list.isPresent()) {
      throw RocketChatParams.invalid("must match exactly one schema in oneOf");
    }
    List<String> names = username.map(List::of).orElseGet(() -> List.of(list.orElseThrow().split(",")));
    Set<Long> ids = new LinkedHashSet<>();
    for (String name : names) {
      String trimmed = name.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      User user = byIdOrUsername(trimmed).filter(User::enabled)
          .orElseThrow(() -> RocketChatFailure.coded("error-invalid-user", "Invalid user"));
      ids.add(user.id());
    }
    ids.remove(caller.id());
    if (ids.isEmpty()) {
      throw RocketChatFailure.coded("error-invalid-user", "Invalid user");
    }
    if (!permissions.has(caller, Permissions.CREATE_D)) {
      throw RocketChatFailure.coded("error-not-allowed", "Not allowed");
    }
    Room room = rooms.conversation(caller, ids);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("room", shapes.direct(room));
    out.put("success", true);
    ctx.json(out);
  }

  /** Rocket.Chat's {@code findOneByIdOrUsernameIgnoringCase}: a user id, else a username in any case. */
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
    return users.byUsername(value);
  }

  /**
   * Rocket.Chat's {@code findChannelByIdOrName}: {@code roomId} if given, else {@code roomName}; what is not a
   * public chat room is not found.
   */
  private Room channel(User caller, Optional<String> roomId, Optional<String> roomName) {
    if (roomId.isEmpty() && roomName.isEmpty()) {
      throw RocketChatParams.invalid("must have required property 'roomId'\n must have required property 'roomName'\n"
          + " must match a schema in anyOf");
    }
    Optional<Room> found = roomId.isPresent() ? RocketChatParams.stream(rooms, caller, roomId.get())
        : rooms.byName(roomName.orElseThrow()).stream().findFirst();
    return found.filter(r -> r.kind() == RoomKind.ROOM && r.isPublic()).orElseThrow(() ->
        RocketChatFailure.coded("error-room-not-found",
            "The required \"roomId\" or \"roomName\" param provided does not match any channel"));
  }
}
