package dev.atrium.api.symphony;

import dev.atrium.core.contact.ConnectionView;
import dev.atrium.core.contact.Connections;
import dev.atrium.core.contact.Relation;
import dev.atrium.core.error.AtriumException;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Connections under {@code /pod/v1/connection}. Every connection in Atrium is explicit (see {@link Connections}):
 * unlike a Symphony pod, two users of the pod are not connected until one asked and the other accepted. Status
 * is written UPPERCASE, as from pod API 1.46 on and as the BDK expects, and read in either case.
 */
final class SymphonyConnections {
  private final Connections connections;
  private final Requests requests;

  SymphonyConnections(Connections connections, Requests requests) {
    this.connections = connections;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/pod/v1/connection/create", this::create);
    cfg.routes.post("/pod/v1/connection/accept", this::accept);
    cfg.routes.post("/pod/v1/connection/reject", this::reject);
    cfg.routes.get("/pod/v1/connection/list", this::list);
    cfg.routes.get("/pod/v1/connection/user/{userId}/info", this::info);
    cfg.routes.post("/pod/v1/connection/user/{uid}/remove", this::remove);
  }

  private void create(Context ctx) {
    var caller = requests.caller(ctx).user();
    ctx.json(wire(connections.request(caller, otherUser(ctx))));
  }

  private void accept(Context ctx) {
    var caller = requests.caller(ctx).user();
    ctx.json(wire(connections.accept(caller, otherUser(ctx))));
  }

  private void reject(Context ctx) {
    var caller = requests.caller(ctx).user();
    ctx.json(wire(connections.reject(caller, otherUser(ctx))));
  }

  private void info(Context ctx) {
    var caller = requests.caller(ctx).user();
    ctx.json(wire(connections.info(caller, Params.userId(ctx.pathParam("userId"), "userId"))));
  }

  private void remove(Context ctx) {
    var caller = requests.caller(ctx).user();
    connections.remove(caller, Requests.uid(ctx));
    ctx.json(Wire.SuccessResponse.ok("Connection Removed."));
  }

  /** {@code status} (default: both pending) and {@code userIds}, a comma-separated list. */
  private void list(Context ctx) {
    var caller = requests.caller(ctx).user();
    Set<Relation> relations = relations(ctx.queryParam("status"));
    Set<Long> others = new LinkedHashSet<>();
    String userIds = ctx.queryParam("userIds");
    if (userIds != null && !userIds.isBlank()) {
      for (String entry : userIds.split(",")) {
        others.add(Params.userId(entry.strip(), "userIds"));
      }
    }
    ctx.json(connections.list(caller, relations, others).stream().map(SymphonyConnections::wire).toList());
  }

  private static Set<Relation> relations(@Nullable String status) {
    if (status == null || status.isBlank()) {
      return Relation.PENDING;
    }
    String wanted = status.strip().toUpperCase(Locale.ROOT);
    if (wanted.equals("ALL")) {
      return EnumSet.allOf(Relation.class);
    }
    return Arrays.stream(Relation.values()).filter(r -> r.name().equals(wanted)).findFirst().map(Set::of)
        .orElseThrow(() -> AtriumException.invalid("status must be one of pending_incoming, pending_outgoing,"
            + " accepted, rejected and all, got '" + status + "'"));
  }

  private static long otherUser(Context ctx) {
    Wire.UserConnectionRequestIn body = Params.body(ctx, Wire.UserConnectionRequestIn.class);
    return Params.userId(String.valueOf(Params.required(body.userId(), "userId")), "userId");
  }

  static Wire.UserConnection wire(ConnectionView c) {
    return new Wire.UserConnection(c.userId(), c.relation().name(), c.firstRequestedAt().toEpochMilli(),
        c.updatedAt().toEpochMilli(), c.requestCounter());
  }
}
