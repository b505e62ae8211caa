package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.JsonMapper;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the routes share: a JSON body checked as the route's ajv schema checks it (the first error, in ajv's words,
 * as {@code invalid-params}), single values of a body or a query, the user a request names
 * ({@code getUserFromParams}), the room a caller may see, and the refusals.
 */
final class RocketChatParams {
  /** A property's JSON type in a route's schema. */
  enum Type {
    STRING("string"),
    BOOLEAN("boolean"),
    NUMBER("number"),
    OBJECT("object"),
    ARRAY("array"),
    STRING_ARRAY("array");

    final String word;

    Type(String word) {
      this.word = word;
    }

    boolean accepts(JsonNode node) {
      return switch (this) {
        case STRING -> node.isTextual();
        case BOOLEAN -> node.isBoolean();
        case NUMBER -> node.isNumber();
        case OBJECT -> node.isObject();
        case ARRAY, STRING_ARRAY -> node.isArray();
      };
    }
  }

  /**
   * A body's schema: its properties with their types, in order, those required, and no other property
   * ({@code additionalProperties: false}).
   */
  record Schema(Map<String, Type> properties, List<String> required) {
    static Schema of(List<String> required, Object... namesAndTypes) {
      Map<String, Type> properties = new LinkedHashMap<>();
      for (int i = 0; i < namesAndTypes.length; i += 2) {
        properties.put((String) namesAndTypes[i], (Type) namesAndTypes[i + 1]);
      }
      return new Schema(properties, List.copyOf(required));
    }

    /** The body, an object this schema accepts; else Rocket.Chat's {@code invalid-params} with ajv's first error. */
    JsonNode check(String body) {
      JsonNode node = body.isBlank() ? JsonNodeFactory.instance.objectNode() : JsonMapper.tree(body);
      check(node);
      return node;
    }

    void check(JsonNode node) {
      if (!node.isObject()) {
        throw invalid("must be object");
      }
      for (String name : required) {
        if (!node.has(name)) {
          throw invalid("must have required property '" + name + "'");
        }
      }
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (!properties.containsKey(name)) {
          throw invalid("must NOT have additional properties");
        }
      }
      for (Map.Entry<String, Type> property : properties.entrySet()) {
        JsonNode value = node.get(property.getKey());
        if (value == null) {
          continue;
        }
        if (!property.getValue().accepts(value)) {
          throw invalid("must be " + property.getValue().word);
        }
        if (property.getValue() == Type.STRING_ARRAY) {
          for (JsonNode item : value) {
            if (!item.isTextual()) {
              throw invalid("must be string");
            }
          }
        }
      }
    }
  }

  static RocketChatFailure invalid(String ajvError) {
    return RocketChatFailure.coded("invalid-params", ajvError);
  }

  /** A route's {@code permissionsRequired} refused (pre-8.0 mapping): 403 {@code error-unauthorized}. */
  static RocketChatFailure unauthorized() {
    return RocketChatFailure.coded(403, "error-unauthorized",
        "User does not have the permissions required for this action");
  }

  /** A text of the body, or null if absent; the schema checked its type. */
  static @Nullable String text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** A user's id as Rocket.Chat writes it, or nobody: Atrium's ids are decimal numbers. */
  static Optional<User> byId(Users users, @Nullable String id) {
    if (id == null || !id.matches("[1-9][0-9]{0,18}")) {
      return Optional.empty();
    }
    try {
      return users.byId(Long.parseLong(id));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Rocket.Chat's {@code getUserFromParams}: {@code userId} by id, else {@code username} or {@code user} by username
   * (ignoring case); none given is {@code error-user-param-not-provided}, nobody found {@code error-invalid-user}.
   */
  static User userFromParams(Users users, @Nullable String userId, @Nullable String username) {
    Optional<User> found;
    if (userId != null && !userId.isBlank()) {
      found = byId(users, userId.strip());
    } else if (username != null && !username.isBlank()) {
      found = users.byUsername(username.strip());
    } else {
      throw RocketChatFailure.coded("error-user-param-not-provided",
          "The required \"userId\" or \"username\" param was not provided");
    }
    return found.orElseThrow(() -> RocketChatFailure.coded("error-invalid-user",
        "The required \"userId\" or \"username\" param provided does not match any users"));
  }

  /** The user named by a body's {@code userId}, {@code username} or {@code user}. */
  static User userFromBody(Users users, JsonNode body) {
    String username = text(body, "username");
    return userFromParams(users, text(body, "userId"), username != null ? username : text(body, "user"));
  }

  /**
   * The user a query names ({@code userId}, {@code username} or {@code user}), or the caller if it names nobody
   * (Rocket.Chat's {@code isUserFromParams}).
   */
  static User userFromQuery(Users users, io.javalin.http.Context ctx, User caller) {
    String userId = ctx.queryParam("userId");
    String username = ctx.queryParam("username");
    if (username == null) {
      username = ctx.queryParam("user");
    }
    if ((userId == null || userId.isBlank()) && (username == null || username.isBlank())) {
      return caller;
    }
    return userFromParams(users, userId, username);
  }

  static Map<String, Object> success(String key, Object value) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(key, value);
    out.put("success", true);
    return out;
  }

  static Map<String, Object> success() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("success", true);
    return out;
  }

  private RocketChatParams() {}

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
