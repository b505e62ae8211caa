package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.RoomRemoval;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.room.Subscription;
import dev.atrium.core.user.User;
import dev.atrium.http.Authenticator;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rocket.Chat's subscriptions on Atrium's memberships ({@code subscriptions.ts}): the caller's current rooms with
 * their unread counts, one of them, and marking one read. Atrium keeps no change time per membership that an unread
 * count moves, so {@code subscriptions.get} with {@code updatedSince} answers every current subscription in
 * {@code update} (a client merges them); {@code remove} has the rooms the caller left, or that were deleted while he
 * was in them, after that time, as {@code {_id, _deletedAt}}.
 */
final class RocketChatSubscriptions {
  private final Rooms rooms;
  private final Authenticator callers;

  RocketChatSubscriptions(Rooms rooms, Authenticator callers) {
    this.rooms = rooms;
    this.callers = callers;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/subscriptions.get", this::get);
    cfg.routes.get("/api/v1/subscriptions.getOne", this::getOne);
    cfg.routes.post("/api/v1/subscriptions.read", this::read);
  }

  private User caller(Context ctx) {
    return callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
  }

  /** {@code subscriptions.get?updatedSince=}: {@code {update, remove}}; an unreadable date is refused as upstream. */
  private void get(Context ctx) {
    User caller = caller(ctx);
    RocketChatParams.onlyQuery(ctx, List.of("updatedSince"));
    Optional<String> since = RocketChatParams.query(ctx, "updatedSince").filter(v -> !v.isEmpty());
    Instant after = null;
    if (since.isPresent()) {
      try {
        after = Instant.parse(since.get());
      } catch (DateTimeParseException e) {
        throw RocketChatFailure.coded("error-roomId-param-invalid",
            "The \"lastUpdate\" query parameter must be a valid date.");
      }
    }
    List<Map<String, Object>> removed = new ArrayList<>();
    if (after != null) {
      for (RoomRemoval removal : rooms.removedSince(caller.id(), after)) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("_id", removal.roomId() + caller.id());
        entry.put("_deletedAt", UserShapes.date(removal.at()));
        removed.add(entry);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("update", RoomShapes.subscriptions(caller, rooms.subscriptionsOf(caller.id())));
    out.put("remove", removed);
    out.put("success", true);
    ctx.json(out);
  }

  /** {@code subscriptions.getOne?roomId=}: the caller's subscription of that room, or {@code null}. */
  private void getOne(Context ctx) {
    User caller = caller(ctx);
    RocketChatParams.onlyQuery(ctx, List.of("roomId"));
    String roomId = RocketChatParams.query(ctx, "roomId")
        .orElseThrow(() -> RocketChatParams.invalid("must have required property 'roomId'"));
    Optional<Subscription> sub = rooms.subscriptionsOf(caller.id()).stream()
        .filter(s -> s.room().id().equals(roomId)).findFirst();
    if (sub.isEmpty()) {
      // Rocket.Chat writes the null ({@code JSON.stringify}); the mapper leaves nulls out, so it is written here.
      ctx.contentType("application/json").result("{\"subscription\":null,\"success\":true}");
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("subscription", RoomShapes.subscription(caller, sub.get()));
    out.put("success", true);
    ctx.json(out);
  }

  /**
   * {@code subscriptions.read {rid}} (or {@code {roomId}} as newer typings name it): the caller has read the room,
   * its unread count is 0. A room that does not exist and one the caller is not in are refused as
   * {@code readMessages} refuses them.
   */
  private void read(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = RocketChatParams.body(ctx);
    Optional<String> rid = RocketChatParams.string(body, "rid").or(() -> RocketChatParams.string(body, "roomId"));
    if (rid.isEmpty()) {
      throw RocketChatParams.invalid("must have required property 'rid'\n must have required property 'roomId'\n"
          + " must match a schema in anyOf");
    }
    try {
      rooms.markRead(caller, rid.get());
    } catch (AtriumException.Invalid | AtriumException.NotFound e) {
      throw RocketChatFailure.coded("error-room-does-not-exist", "This room does not exist");
    } catch (AtriumException.Forbidden e) {
      throw RocketChatFailure.coded("error-invalid-subscription", "Invalid subscription");
    }
    ctx.json(Map.of("success", true));
  }
}
