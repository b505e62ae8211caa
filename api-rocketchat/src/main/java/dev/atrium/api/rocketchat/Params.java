package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.user.User;
import dev.atrium.http.JsonMapper;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the routes of rooms, messages and subscriptions read from a request, refused as Rocket.Chat's parameter
 * validation (ajv) refuses it: {@code "<ajv's words> [invalid-params]"}.
 */
final class Params {
  private Params() {}

  static RocketChatFailure invalid(String words) {
    return RocketChatFailure.coded("invalid-params", words);
  }

  /** The JSON body, which must be an object. */
  static JsonNode body(Context ctx) {
    JsonNode body = JsonMapper.tree(ctx.body());
    if (!body.isObject()) {
      throw invalid("must be object");
    }
    return body;
  }

  /** The string under the key, if the key is there; any other JSON value is refused. */
  static Optional<String> string(JsonNode object, String key) {
    JsonNode value = object.get(key);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid("must be string");
    }
    return Optional.of(value.asText());
  }

  /** The one value of a query parameter, if given; a repeated one is refused. */
  static Optional<String> query(Context ctx, String key) {
    List<String> values = ctx.queryParamMap().get(key);
    if (values == null) {
      return Optional.empty();
    }
    if (values.size() != 1) {
      throw invalid("must be string");
    }
    return Optional.of(values.getFirst());
  }

  /** Refuses a query with a parameter not named. */
  static void onlyQuery(Context ctx, List<String> allowed) {
    for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw invalid("must NOT have additional properties");
      }
    }
  }

  /**
   * The room, IM or MIM of that id the caller may see; empty for an id that names none, is no room id at all, or
   * names a room the caller may not see (Rocket.Chat does not tell these apart either).
   */
  static Optional<Room> stream(Rooms rooms, User caller, @Nullable String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(rooms.stream(caller, id));
    } catch (AtriumException.Invalid | AtriumException.NotFound | AtriumException.Forbidden e) {
      return Optional.empty();
    }
  }
}
