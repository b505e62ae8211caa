package dev.atrium.api.atrium;

import dev.atrium.core.client.ApiClient;
import dev.atrium.core.client.ApiClients;
import dev.atrium.core.session.Principal;
import dev.atrium.core.user.Roles;
import dev.atrium.http.Params;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * API clients, LiveDigital's client credentials: a SUPER_ADMINISTRATOR creates one ({@code POST
 * /atrium/v1/clients {name}}, the only answer that shows its secret), lists them and revokes one. No answer shows a
 * secret's hash.
 */
final class AtriumClients {
  private final ApiClients clients;

  AtriumClients(ApiClients clients) {
    this.clients = clients;
  }

  record CreateIn(@Nullable String name) {}

  /** A new client with its secret; times in epoch milliseconds. */
  record CreatedOut(String clientId, String clientSecret, String name, long createdAt) {}

  /** A client; {@code revokedAt} is left out while it is live. */
  record ClientOut(String clientId, String name, long createdAt, String createdBy, @Nullable Long revokedAt) {
    static ClientOut of(ApiClient c) {
      Instant revoked = c.revokedAt();
      return new ClientOut(c.clientId(), c.name(), c.createdAt().toEpochMilli(), Long.toString(c.createdBy()),
          revoked == null ? null : revoked.toEpochMilli());
    }
  }

  record ListOut(List<ClientOut> clients) {}

  /** {@code POST /atrium/v1/clients {name}} → 201. */
  void create(Context ctx, Principal caller) {
    // Who may comes first: a refused caller learns nothing of what is wrong with the body.
    Roles.require(caller.user(), Set.of(Roles.SUPER_ADMINISTRATOR));
    Params.jsonObject(ctx.body(), "The request body");
    CreateIn in = Params.body(ctx, CreateIn.class);
    ApiClients.Created created = clients.create(caller.user(), Params.required(in.name(), "name"));
    ApiClient c = created.client();
    ctx.status(201).json(new CreatedOut(c.clientId(), created.secret(), c.name(), c.createdAt().toEpochMilli()));
  }

  /** {@code GET /atrium/v1/clients}: newest first. */
  void list(Context ctx, Principal caller) {
    ctx.json(new ListOut(clients.list(caller.user()).stream().map(ClientOut::of).toList()));
  }

  /** {@code DELETE /atrium/v1/clients/{clientId}}: the client as it now is (revoking again changes nothing). */
  void revoke(Context ctx, Principal caller) {
    ctx.json(ClientOut.of(clients.revoke(caller.user(), ctx.pathParam("clientId"))));
  }
}
