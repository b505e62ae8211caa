package dev.atrium.http;

import dev.atrium.core.avatar.Avatars;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** Routes that belong to no dialect: health, and the avatar images every dialect links to. */
public final class SharedRoutes {
  private final Avatars avatars;
  private final BooleanSupplier databaseUp;
  private final String databaseType;
  private final String version;
  private final @Nullable Cluster cluster;

  /** In cluster mode: this node's name, and whether its link to Redis is up. */
  public record Cluster(String node, BooleanSupplier redisUp) {}

  public SharedRoutes(Avatars avatars, BooleanSupplier databaseUp, String databaseType, String version,
      @Nullable Cluster cluster) {
    this.avatars = avatars;
    this.databaseUp = databaseUp;
    this.databaseType = databaseType;
    this.version = version;
    this.cluster = cluster;
  }

  public void routes(JavalinConfig config) {
    config.routes.get("/health", this::health);
    config.routes.get("/avatars/{uid}/{version}/{file}", this::avatar);
  }

  private void health(Context ctx) {
    boolean up = databaseUp.getAsBoolean();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", up ? "UP" : "DOWN");
    body.put("version", version);
    body.put("database", Map.of("status", up ? "UP" : "DOWN", "type", databaseType));
    if (cluster != null) {
      // a node without Redis still serves its own clients: it stays 200, and says so
      body.put("node", cluster.node());
      body.put("redis", Map.of("status", cluster.redisUp().getAsBoolean() ? "UP" : "DOWN"));
    }
    ctx.status(up ? 200 : 503).json(body);
  }

  /** Serves a stored picture. Versions never change, so the ETag is the version and caching is forever. */
  private void avatar(Context ctx) {
    String file = ctx.pathParam("file");
    var size = file.endsWith(".png") ? Avatars.Size.of(file.substring(0, file.length() - 4)) : java.util.Optional.<Avatars.Size>empty();
    long uid;
    int version;
    try {
      uid = Long.parseLong(ctx.pathParam("uid"));
      version = Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      ctx.status(404);
      return;
    }
    if (size.isEmpty()) {
      ctx.status(404);
      return;
    }
    String etag = "\"" + uid + "-" + version + "-" + size.get().label + "\"";
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304).header("ETag", etag);
      return;
    }
    var bytes = avatars.image(uid, version, size.get());
    if (bytes.isEmpty()) {
      ctx.status(404);
      return;
    }
    ctx.header("ETag", etag)
        .header("Cache-Control", "public, max-age=31536000, immutable")
        .contentType("image/png")
        .result(bytes.get());
  }
}
