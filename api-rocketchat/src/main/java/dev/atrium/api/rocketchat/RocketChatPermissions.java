package dev.atrium.api.rocketchat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.user.User;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rocket.Chat's permissions and roles ({@code permissions.ts}, {@code roles.ts}): {@code permissions.listAll} (all
 * grants, or those changed since a date), {@code permissions.update} for holders of {@code access-permissions}, which
 * holds from the next request on, and {@code roles.list}.
 */
final class RocketChatPermissions {
  private final Permissions permissions;
  private final Authenticator callers;

  RocketChatPermissions(Permissions permissions, Authenticator callers) {
    this.permissions = permissions;
    this.callers = callers;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/api/v1/permissions.listAll", this::listAll);
    cfg.routes.post("/api/v1/permissions.update", this::update);
    cfg.routes.get("/api/v1/roles.list", this::roles);
  }

  private void listAll(Context ctx) {
    callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN);
    Map<String, List<String>> query = ctx.queryParamMap();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (!e.getKey().equals("updatedSince")) {
        throw RocketChatFailure.coded("invalid-params", "must NOT have additional properties");
      }
      if (e.getValue().size() != 1) {
        throw RocketChatFailure.coded("invalid-params", "must be string");
      }
    }
    Optional<Instant> since = Optional.ofNullable(ctx.queryParam("updatedSince")).filter(s -> !s.isEmpty())
        .map(RocketChatPermissions::date);
    List<Map<String, Object>> update = new ArrayList<>();
    for (Permissions.Grant grant : permissions.grants()) {
      if (since.isEmpty() || grant.updatedAt().isAfter(since.get())) {
        update.add(shape(grant));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("update", update);
    out.put("remove", List.of());
    out.put("success", true);
    ctx.json(out);
  }

  /** A date as JavaScript's {@code Date.parse} takes the ISO forms: with an offset or {@code Z}, or a plain day. */
  private static Instant date(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException again) {
        throw RocketChatFailure.coded("error-roomId-param-invalid",
            "The \"updatedSince\" query parameter must be a valid date.");
      }
    }
  }

  private void update(Context ctx) {
    User caller = callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
    if (!permissions.has(caller, Permissions.ACCESS_PERMISSIONS)) {
      throw RocketChatParams.unauthorized();
    }
    Map<String, Set<String>> changes = new LinkedHashMap<>();
    boolean repeated = false;
    for (JsonNode item : validated(JsonMapper.tree(ctx.body()))) {
      Set<String> roles = new HashSet<>();
      item.get("roles").forEach(role -> roles.add(text(role)));
      repeated |= changes.put(text(item.get("_id")), roles) != null;
    }
    // Rocket.Chat finds the permissions named and compares the counts: a name twice is as wrong as an unknown one.
    if (repeated || !changes.keySet().stream().allMatch(p -> permissions.grant(p).isPresent())) {
      throw RocketChatFailure.failure("Invalid permission", "error-invalid-permission");
    }
    if (!changes.values().stream().flatMap(Set::stream).allMatch(Permissions::isRole)) {
      throw RocketChatFailure.failure("Invalid role", "error-invalid-role");
    }
    permissions.update(caller, changes);
    List<Map<String, Object>> all = new ArrayList<>();
    permissions.grants().forEach(g -> all.add(shape(g)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("permissions", all);
    out.put("success", true);
    ctx.json(out);
  }

  /**
   * The body as the route's schema checks it, with ajv's words for the first thing wrong: {@code {permissions:
   * [{_id: string, roles: [unique strings]}]}}, nothing more; numbers and booleans pass as strings, as ajv's type
   * coercion lets them.
   */
  private static JsonNode validated(JsonNode body) {
    if (!body.isObject()) {
      throw RocketChatParams.invalid("must be object");
    }
    if (!body.has("permissions")) {
      throw RocketChatParams.invalid("must have required property 'permissions'");
    }
    if (body.size() != 1) {
      throw RocketChatParams.invalid("must NOT have additional properties");
    }
    JsonNode list = body.get("permissions");
    if (!list.isArray()) {
      throw RocketChatParams.invalid("must be array");
    }
    for (JsonNode item : list) {
      if (!item.isObject()) {
        throw RocketChatParams.invalid("must be object");
      }
      for (String key : List.of("_id", "roles")) {
        if (!item.has(key)) {
          throw RocketChatParams.invalid("must have required property '" + key + "'");
        }
      }
      if (item.size() != 2) {
        throw RocketChatParams.invalid("must NOT have additional properties");
      }
      if (!scalar(item.get("_id"))) {
        throw RocketChatParams.invalid("must be string");
      }
      JsonNode roles = item.get("roles");
      if (!roles.isArray()) {
        throw RocketChatParams.invalid("must be array");
      }
      List<String> seen = new ArrayList<>();
      for (JsonNode role : roles) {
        if (!scalar(role)) {
          throw RocketChatParams.invalid("must be string");
        }
        int earlier = seen.indexOf(text(role));
        if (earlier >= 0) {
          throw RocketChatParams.invalid("must NOT have duplicate items (items ## " + seen.size() + " and " + earlier
              + " are identical)");
        }
        seen.add(text(role));
      }
    }
    return list;
  }

  private static boolean scalar(JsonNode node) {
    return node.isTextual() || node.isNumber() || node.isBoolean() || node.isNull();
  }

  private static String text(JsonNode node) {
    return node.isNull() ? "" : node.asText();
  }

  private static Map<String, Object> shape(Permissions.Grant grant) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", grant.permission());
    out.put("roles", List.copyOf(grant.roles()));
    out.put("_updatedAt", UserShapes.date(grant.updatedAt()));
    return out;
  }

  private void roles(Context ctx) {
    callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN);
    List<Map<String, Object>> roles = new ArrayList<>();
    for (Permissions.Role role : Permissions.ROLES) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("_id", role.name());
      out.put("name", role.name());
      out.put("scope", role.scope());
      out.put("description", role.description());
      out.put("protected", true);
      out.put("mandatory2fa", false);
      roles.add(out);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("roles", roles);
    out.put("success", true);
    ctx.json(out);
  }
}
