package dev.atrium.api.livedigital;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.RoomRole;
import dev.atrium.core.session.Principal;
import dev.atrium.core.space.GuestLinks;
import dev.atrium.core.space.SpaceRoomType;
import dev.atrium.core.space.SpaceRooms;
import dev.atrium.core.user.User;
import dev.atrium.http.JsonMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * LiveDigital's rooms in spaces, their roles and guest access links, for user tokens only:
 * <ul>
 *   <li>{@code POST /v1/spaces/{spaceId}/rooms} (201 {@code {id, alias, channelId}}) and
 *       {@code GET /v1/spaces/{spaceId}/rooms} ({@code {items, total}}, the rooms the caller sees);
 *   <li>{@code GET|PUT|DELETE /v1/spaces/{spaceId}/rooms/{roomId}} (the room; the room changed; 204);
 *   <li>{@code GET /v1/spaces/room-by-alias/{alias}};
 *   <li>{@code POST /v1/spaces/{spaceId}/rooms/{roomId}/roles} ({@code role_room_moderator},
 *       {@code role_room_user});
 *   <li>{@code POST /v1/spaces/{spaceId}/rooms/{roomId}/generate-access} ({@code {url}}).
 * </ul>
 * The rules are {@link SpaceRooms}' and {@link GuestLinks}'.
 */
final class LiveDigitalRooms {
  static final String ROOMS = "/v1/spaces/{spaceId}/rooms";
  static final String ROOM = ROOMS + "/{roomId}";
  static final String BY_ALIAS = "/v1/spaces/room-by-alias/{alias}";
  static final String ROLES = ROOM + "/roles";
  static final String GENERATE_ACCESS = ROOM + "/generate-access";
  static final String ROLE_MODERATOR = "role_room_moderator";
  static final String ROLE_USER = "role_room_user";

  /** {@code POST /v1/spaces/{spaceId}/rooms}'s body; an absent flag is false, an absent type {@code lesson}. */
  record CreateRoom(@Nullable String name, @Nullable Boolean isPublic, @Nullable Boolean isScreensharingAllowed,
      @Nullable Boolean isChatAllowed, @Nullable String type) {}

  /** {@code PUT /v1/spaces/{spaceId}/rooms/{roomId}}'s body; what is absent stays. */
  record UpdateRoom(@Nullable String name, @Nullable Boolean isPublic, @Nullable Boolean isScreensharingAllowed,
      @Nullable Boolean isChatAllowed, @Nullable String type) {}

  record GrantRole(@Nullable String targetUserId, @Nullable String role) {}

  /** An absent role is {@code user}; an absent ttl one day; an absent isPermanent false (the link works once). */
  record GenerateAccess(@Nullable String username, @Nullable String role, @Nullable String externalUserId,
      @Nullable Long ttl, @Nullable Boolean isPermanent, @Nullable String email, @Nullable String phone) {}

  private final LiveDigitalApi api;
  private final SpaceRooms rooms;
  private final GuestLinks links;
  private final LiveDigitalTokens tokens;
  private final Supplier<String> publicUrl;

  LiveDigitalRooms(LiveDigitalApi api, SpaceRooms rooms, GuestLinks links, LiveDigitalTokens tokens,
      Supplier<String> publicUrl) {
    this.api = api;
    this.rooms = rooms;
    this.links = links;
    this.tokens = tokens;
    this.publicUrl = publicUrl;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post(ROOMS, this::create);
    cfg.routes.get(ROOMS, this::list);
    cfg.routes.get(ROOM, this::get);
    cfg.routes.put(ROOM, this::update);
    cfg.routes.delete(ROOM, this::delete);
    cfg.routes.get(BY_ALIAS, this::byAlias);
    cfg.routes.post(ROLES, this::grant);
    cfg.routes.post(GENERATE_ACCESS, this::generateAccess);
  }

  private void create(Context ctx) {
    User user = api.user(ctx).user();
    CreateRoom body = JsonMapper.read(ctx.body(), CreateRoom.class);
    SpaceRooms.Spec spec = new SpaceRooms.Spec(body.name(), Boolean.TRUE.equals(body.isPublic()),
        Boolean.TRUE.equals(body.isScreensharingAllowed()), Boolean.TRUE.equals(body.isChatAllowed()),
        body.type() == null ? SpaceRoomType.LESSON : SpaceRoomType.parse(body.type()));
    SpaceRooms.Placed placed = rooms.create(user, ctx.pathParam("spaceId"), spec, api.clientOf(ctx));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", placed.room().id());
    out.put("alias", placed.place().alias());
    out.put("channelId", placed.place().channelId());
    ctx.status(201).json(out);
  }

  private void list(Context ctx) {
    User user = api.user(ctx).user();
    List<Map<String, Object>> items = rooms.list(user, ctx.pathParam("spaceId")).stream()
        .map(LiveDigitalRooms::room).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("total", items.size());
    ctx.json(out);
  }

  private void get(Context ctx) {
    User user = api.user(ctx).user();
    ctx.json(room(rooms.get(user, ctx.pathParam("spaceId"), ctx.pathParam("roomId"))));
  }

  private void update(Context ctx) {
    User user = api.user(ctx).user();
    UpdateRoom body = JsonMapper.read(ctx.body(), UpdateRoom.class);
    SpaceRooms.Change change = new SpaceRooms.Change(body.name(), body.isPublic(), body.isScreensharingAllowed(),
        body.isChatAllowed(), body.type() == null ? null : SpaceRoomType.parse(body.type()));
    ctx.json(room(rooms.update(user, ctx.pathParam("spaceId"), ctx.pathParam("roomId"), change)));
  }

  private void delete(Context ctx) {
    User user = api.user(ctx).user();
    rooms.delete(user, ctx.pathParam("spaceId"), ctx.pathParam("roomId"));
    ctx.status(204);
  }

  private void byAlias(Context ctx) {
    User user = api.user(ctx).user();
    ctx.json(room(rooms.byAlias(user, ctx.pathParam("alias"))));
  }

  private void grant(Context ctx) {
    User user = api.user(ctx).user();
    GrantRole body = JsonMapper.read(ctx.body(), GrantRole.class);
    RoomRole role = switch (body.role() == null ? "" : body.role()) {
      case ROLE_MODERATOR -> RoomRole.MODERATOR;
      case ROLE_USER -> RoomRole.MEMBER;
      default -> throw AtriumException.invalid("role must be " + ROLE_MODERATOR + " or " + ROLE_USER);
    };
    rooms.grant(user, ctx.pathParam("spaceId"), ctx.pathParam("roomId"), userId(body.targetUserId()), role);
    ctx.json(Map.of());
  }

  private void generateAccess(Context ctx) {
    Principal caller = api.user(ctx);
    GenerateAccess body = JsonMapper.read(ctx.body(), GenerateAccess.class);
    RoomRole role = switch (body.role() == null ? "user" : body.role()) {
      case "user" -> RoomRole.GUEST;
      case "moderator" -> RoomRole.MODERATOR;
      default -> throw AtriumException.invalid("role must be user or moderator");
    };
    GuestLinks.Grant grant = links.generate(caller.user(), ctx.pathParam("spaceId"), ctx.pathParam("roomId"),
        new GuestLinks.Request(body.username(), role, body.externalUserId(), body.ttl(),
            Boolean.TRUE.equals(body.isPermanent()), body.email(), body.phone()));
    String clientId = api.clientOf(ctx);
    String token = tokens.linkToken(clientId == null ? "atrium" : clientId, grant.session().session(),
        grant.expiresAt(), !grant.permanent());
    String name = grant.guest().profile().displayName();
    String url = publicUrl.get() + "/room/" + grant.room().place().alias() + "?participantName="
        + URLEncoder.encode(name == null ? "" : name, StandardCharsets.UTF_8).replace("+", "%20")
        + "&accessToken=" + token;
    ctx.header("Cache-Control", "no-store");
    ctx.json(Map.of("url", url));
  }

  /** A user id given as LiveDigital gives ids, a string; one that names nobody is NotFound later. */
  private static long userId(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      throw AtriumException.invalid("targetUserId is required");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw AtriumException.notFound("User " + (text.length() > 32 ? text.substring(0, 32) + "…" : text)
          + " not found");
    }
  }

  /** A room as LiveDigital shows it ({@code appId} left out when no API client made it). */
  static Map<String, Object> room(SpaceRooms.Placed placed) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", placed.room().id());
    out.put("alias", placed.place().alias());
    out.put("channelId", placed.place().channelId());
    String appId = placed.place().appId();
    if (appId != null) {
      out.put("appId", appId);
    }
    String name = placed.room().name();
    out.put("name", name == null ? "" : name);
    out.put("isPublic", placed.room().isPublic());
    out.put("isScreensharingAllowed", placed.place().screensharingAllowed());
    out.put("isChatAllowed", placed.place().chatAllowed());
    out.put("type", placed.place().type().word());
    out.put("spaceId", placed.place().spaceId());
    return out;
  }
}
