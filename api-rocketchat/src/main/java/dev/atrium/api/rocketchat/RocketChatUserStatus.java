package dev.atrium.api.rocketchat;

import static dev.atrium.api.rocketchat.RocketChatParams.Type.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.api.rocketchat.RocketChatParams.Schema;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.permission.Permissions;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.presence.UserPresence;
import dev.atrium.core.user.User;
import dev.atrium.core.user.Users;
import dev.atrium.http.Authenticator;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.RemoteImages;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A user's status, presence and avatar as Rocket.Chat's {@code users.*} routes show and set them. Rocket.Chat's
 * four statuses are Atrium's presence categories: {@code online} is {@code AVAILABLE}, {@code busy} {@code BUSY},
 * {@code away} {@code AWAY}, and {@code offline} the user going offline. An avatar is uploaded as a multipart
 * {@code image}, or fetched from an {@code avatarUrl} through {@link RemoteImages}, which by default refuses a URL
 * that leads to the server's own machine or network.
 */
final class RocketChatUserStatus {
  static final String SET_AVATAR = "POST /api/v1/users.setAvatar";
  private static final Schema SET_STATUS = Schema.of(List.of(),
      "status", STRING, "message", STRING, "userId", STRING, "username", STRING, "user", STRING, "expiresAt", STRING);
  /** The most users {@code users.presence} lists. */
  private static final int MAX_PRESENCE = 1000;
  /** The most users whose presence {@code users.presence} reads to find those not offline. */
  private static final int MAX_SCANNED = 4 * Presence.MAX_LIST_LIMIT;

  private final Users users;
  private final Presence presence;
  private final Avatars avatars;
  private final RemoteImages images;
  private final Permissions permissions;
  private final Authenticator callers;
  private final UserShapes shapes;

  RocketChatUserStatus(Users users, Presence presence, Avatars avatars, RemoteImages images, Permissions permissions,
      Authenticator callers, UserShapes shapes) {
    this.users = users;
    this.presence = presence;
    this.avatars = avatars;
    this.images = images;
    this.permissions = permissions;
    this.callers = callers;
    this.shapes = shapes;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/api/v1/users.setStatus", this::setStatus);
    cfg.routes.get("/api/v1/users.getStatus", this::getStatus);
    cfg.routes.get("/api/v1/users.getPresence", this::getPresence);
    cfg.routes.get("/api/v1/users.presence", this::presence);
    cfg.routes.post("/api/v1/users.setAvatar", this::setAvatar);
    cfg.routes.get("/api/v1/users.getAvatar", this::getAvatar);
  }

  private User caller(Context ctx) {
    return callers.require(ctx, RocketChatErrors.NOT_LOGGED_IN).user();
  }

  private void setStatus(Context ctx) {
    User caller = caller(ctx);
    JsonNode body = SET_STATUS.check(ctx.body());
    String status = RocketChatParams.text(body, "status");
    if (status == null && RocketChatParams.text(body, "message") == null) {
      throw RocketChatParams.invalid("must have required property 'status'");
    }
    User target = caller;
    if (body.has("userId") || body.has("username") || body.has("user")) {
      target = RocketChatParams.userFromBody(users, body);
    }
    if (target.id() != caller.id() && !permissions.has(caller, "edit-other-user-info")) {
      throw RocketChatParams.unauthorized();
    }
    if (status != null) {
      switch (status) {
        case "online" -> presence.set(caller, target.id(), PresenceCategory.AVAILABLE, false);
        case "away" -> presence.set(caller, target.id(), PresenceCategory.AWAY, false);
        case "busy" -> presence.set(caller, target.id(), PresenceCategory.BUSY, false);
        case "offline" -> presence.offline(target.id());
        default -> throw RocketChatParams.invalid("must be equal to one of the allowed values");
      }
    }
    // a status message has no place in Atrium's model: accepted, not kept
    ctx.json(RocketChatParams.success());
  }

  private void getStatus(Context ctx) {
    User caller = caller(ctx);
    User user = RocketChatParams.userFromQuery(users, ctx, caller);
    String status = shapes.statusOf(user);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("_id", UserShapes.id(user));
    if (user.id() == caller.id()) {
      out.put("connectionStatus", UserShapes.connectionOf(status));
    }
    out.put("status", status);
    out.put("success", true);
    ctx.json(out);
  }

  private void getPresence(Context ctx) {
    User caller = caller(ctx);
    User user = RocketChatParams.userFromQuery(users, ctx, caller);
    String status = shapes.statusOf(user);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("presence", status);
    if (user.id() == caller.id()) {
      out.put("connectionStatus", UserShapes.connectionOf(status));
      if (user.lastLoginAt() != null) {
        out.put("lastLogin", UserShapes.date(user.lastLoginAt()));
      }
    }
    out.put("success", true);
    ctx.json(out);
  }

  /**
   * The users who are not offline: those of {@code ids} (comma-separated), else everyone ({@code full: true}, up to
   * {@value #MAX_PRESENCE}, among the first {@value #MAX_SCANNED} users by id). Atrium keeps no history of presence changes, so {@code from} gets the full list, as
   * Rocket.Chat answers a {@code from} older than ten minutes.
   */
  private void presence(Context ctx) {
    caller(ctx);
    String ids = ctx.queryParam("ids");
    List<Map<String, Object>> shown = new ArrayList<>();
    boolean full;
    if (ids != null && !ids.isBlank()) {
      full = false;
      for (String id : ids.split(",", MAX_PRESENCE + 1)) {
        if (shown.size() >= MAX_PRESENCE) {
          break;
        }
        RocketChatParams.byId(users, id.strip()).ifPresent(user -> {
          UserPresence seen = presence.of(user.id());
          if (seen.category() != PresenceCategory.OFFLINE && seen.category() != PresenceCategory.UNDEFINED) {
            shown.add(presenceEntry(user));
          }
        });
      }
    } else {
      full = true;
      long after = 0;
      // bounded: a request reads at most MAX_SCANNED users' presence, however few of them are online
      for (int scanned = 0; shown.size() < MAX_PRESENCE && scanned < MAX_SCANNED; scanned += Presence.MAX_LIST_LIMIT) {
        List<UserPresence> batch = presence.list(after, Presence.MAX_LIST_LIMIT);
        for (UserPresence seen : batch) {
          if (shown.size() < MAX_PRESENCE && seen.category() != PresenceCategory.OFFLINE
              && seen.category() != PresenceCategory.UNDEFINED) {
            users.byId(seen.userId()).ifPresent(user -> shown.add(presenceEntry(user)));
          }
        }
        if (batch.size() < Presence.MAX_LIST_LIMIT) {
          break;
        }
        after = batch.getLast().userId();
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("users", shown);
    out.put("full", full);
    out.put("success", true);
    ctx.json(out);
  }

  private Map<String, Object> presenceEntry(User user) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("_id", UserShapes.id(user));
    entry.put("username", user.username());
    entry.put("name", UserShapes.name(user));
    entry.put("status", shapes.statusOf(user));
    if (user.avatarVersion() > 0) {
      entry.put("avatarETag", Integer.toString(user.avatarVersion()));
    }
    return entry;
  }

  /**
   * A multipart {@code image}, or an {@code avatarUrl} in a form or in JSON (with {@code userId} or {@code username}
   * for another user, which needs {@code edit-other-user-avatar}); what is fetched is checked as an upload is.
   */
  private void setAvatar(Context ctx) {
    User caller = caller(ctx);
    String type = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
    boolean form = type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
    JsonNode json = form ? null : JsonMapper.tree(ctx.body().isEmpty() ? "{}" : ctx.body());
    if (json != null && !json.isObject()) {
      throw RocketChatParams.invalid("must be object");
    }
    String userId = json == null ? ctx.formParam("userId") : RocketChatParams.text(json, "userId");
    String username = json == null ? ctx.formParam("username") : RocketChatParams.text(json, "username");
    User target = userId == null && username == null ? caller
        : RocketChatParams.userFromParams(users, userId, username);
    if (target.id() != caller.id() && !permissions.has(caller, "edit-other-user-avatar")) {
      throw RocketChatParams.unauthorized();
    }
    String url = json == null ? ctx.formParam("avatarUrl") : RocketChatParams.text(json, "avatarUrl");
    byte[] bytes;
    if (url != null && !url.isBlank()) {
      bytes = fetched(url.strip(), target);
    } else {
      UploadedFile image = json == null ? ctx.uploadedFile("image") : null;
      if (image == null) {
        throw RocketChatFailure.failure("The 'image' param is required");
      }
      try (InputStream in = image.content()) {
        bytes = in.readNBytes(Avatars.MAX_UPLOAD_BYTES + 1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (target.id() == caller.id()) {
      avatars.updateOwn(caller, bytes);
    } else {
      avatars.update(caller, target.id(), bytes);
    }
    ctx.json(RocketChatParams.success());
  }

  /**
   * The picture at a URL, as Rocket.Chat's {@code setUserAvatar(user, url, '', 'url')} fetches it, through
   * {@link RemoteImages}: a URL it does not fetch is {@code error-avatar-invalid-url}, a fetch that gives no
   * picture {@code error-avatar-url-handling}. Neither error repeats the URL, which may carry a secret.
   */
  private byte[] fetched(String url, User target) {
    try {
      return images.fetch(url);
    } catch (RemoteImages.Failure e) {
      throw switch (e.problem()) {
        case REFUSED_URL -> RocketChatFailure.coded("error-avatar-invalid-url", "Invalid avatar URL: "
            + e.getMessage());
        case FETCH_FAILED -> RocketChatFailure.coded("error-avatar-url-handling",
            "Error while handling avatar setting from a URL for " + target.username() + ": " + e.getMessage());
      };
    }
  }

  /** A 307 to the user's picture; a user without one has none to show. */
  private void getAvatar(Context ctx) {
    User caller = caller(ctx);
    User user = RocketChatParams.userFromQuery(users, ctx, caller);
    Optional<String> shown = Optional.of(avatars.shown(user)).filter(url -> url.matches("https?://\\S+"));
    if (shown.isEmpty()) {
      ctx.status(404).json(RocketChatErrors.notFoundBody());
      return;
    }
    ctx.status(307).header("Location", shown.get());
  }
}
