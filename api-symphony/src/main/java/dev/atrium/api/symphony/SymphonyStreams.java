package dev.atrium.api.symphony;

import static dev.atrium.http.Params.intQuery;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomKind;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.user.User;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** IMs and MIMs, and streams of every kind: the caller's list and one stream's attributes. */
final class SymphonyStreams {
  static final int MAX_LIST_LIMIT = 1000;
  private static final List<String> TYPES = List.of("IM", "MIM", "ROOM", "POST");

  private final Rooms rooms;
  private final Requests requests;

  SymphonyStreams(Rooms rooms, Requests requests) {
    this.rooms = rooms;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    var r = cfg.routes;
    r.post("/pod/v1/im/create", ctx -> {
      User actor = caller(ctx);
      ctx.json(new Wire.Stream(rooms.conversation(actor, userIds(ctx)).id()));
    });
    r.post("/pod/v1/admin/im/create", ctx -> {
      User actor = requests.admin(ctx);
      ctx.json(new Wire.Stream(rooms.adminConversation(actor, userIds(ctx)).id()));
    });
    r.post("/pod/v1/streams/list", this::list);
    r.get("/pod/v1/streams/{sid}/info", ctx -> {
      Room room = rooms.stream(caller(ctx), ctx.pathParam("sid"));
      ctx.json(RoomMapping.stream(room, members(room)));
    });
    r.get("/pod/v2/streams/{sid}/info", ctx -> {
      Room room = rooms.stream(caller(ctx), ctx.pathParam("sid"));
      ctx.json(RoomMapping.streamV2(room, members(room)));
    });
  }

  private User caller(Context ctx) {
    return requests.caller(ctx).user();
  }

  /** The body of an IM creation: a JSON array of user ids. */
  private static List<Long> userIds(Context ctx) {
    Long[] ids = Params.body(ctx, Long[].class);
    List<Long> list = new ArrayList<>();
    for (int i = 0; i < ids.length; i++) {
      list.add(Params.userId(ids[i], "[" + i + "]"));
    }
    return list;
  }

  private List<Long> members(Room room) {
    return rooms.participants(List.of(room)).getOrDefault(room.id(), List.of());
  }

  /**
   * The caller's streams, oldest first: the StreamFilter body is optional (every type, active streams only);
   * skip (0) and limit (50, at most 1000) come from the query string. No stream at all is 204 with no body,
   * as the spec says: the BDK's StreamService.listStreams then returns null and listAllStreams an empty
   * stream, neither of which fails inside the BDK (the user search, whose BDK method does fail on a 204,
   * answers an empty result instead).
   */
  private void list(Context ctx) {
    User actor = caller(ctx);
    int skip = intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = intQuery(ctx, "limit", 50, 1, MAX_LIST_LIMIT);
    String body = ctx.body();
    Wire.StreamFilterIn filter = body.isBlank() || body.strip().equals("null")
        ? new Wire.StreamFilterIn(null, null) : JsonMapper.read(body, Wire.StreamFilterIn.class);
    Set<RoomKind> kinds = EnumSet.allOf(RoomKind.class);
    if (filter.streamTypes() != null && !filter.streamTypes().isEmpty()) {
      kinds = EnumSet.noneOf(RoomKind.class);
      for (int i = 0; i < filter.streamTypes().size(); i++) {
        Wire.StreamTypeIn type = Params.required(filter.streamTypes().get(i), "streamTypes[" + i + "]");
        String name = Params.required(type.type(), "streamTypes[" + i + "].type");
        if (!TYPES.contains(name)) {
          throw AtriumException.invalid("streamTypes[" + i + "].type must be one of " + TYPES + ", got '" + name
              + "'");
        }
        // POST streams (user walls) do not exist here: asking for them adds nothing.
        if (!name.equals("POST")) {
          kinds.add(RoomKind.valueOf(name));
        }
      }
    }
    List<Room> found = rooms.roomsOf(actor, kinds, Boolean.TRUE.equals(filter.includeInactiveStreams()), skip,
        limit);
    if (found.isEmpty()) {
      ctx.status(204);
      return;
    }
    Map<String, List<Long>> members = rooms.participants(found);
    ctx.json(found.stream().map(room -> RoomMapping.stream(room, members.getOrDefault(room.id(), List.of())))
        .toList());
  }
}
