package dev.atrium.api.symphony;

import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * {@code GET /pod/v1/admin/system/protocols/list} (pod API 1.41.5): the URI schemes the pod supports, which clients
 * turn into links. Atrium stores no list of its own: it is the server's configuration. For user administrators,
 * as the pod's other system lists.
 */
final class SymphonyProtocols {
  private final List<String> protocols;
  private final Requests requests;

  SymphonyProtocols(List<String> protocols, Requests requests) {
    this.protocols = List.copyOf(protocols);
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/pod/v1/admin/system/protocols/list", ctx -> {
      requests.admin(ctx);
      ctx.json(protocols);
    });
  }
}
