package dev.atrium.api.atrium;

import dev.atrium.core.badge.Badges;
import dev.atrium.core.client.ApiClients;
import dev.atrium.core.mail.Outbox;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.user.Personas;
import dev.atrium.http.AtriumErrors;
import dev.atrium.http.Authenticator;
import dev.atrium.http.CredentialKind;
import dev.atrium.http.Dialect;
import dev.atrium.http.ErrorRouter;
import dev.atrium.http.RateLimits;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Atrium's own API under {@code /atrium/v1}: what no dialect has (badges, personas, the mail outbox, API clients).
 * The caller shows a session token from any login as {@code Authorization: Bearer <token>} or in the
 * {@code sessionToken} header; errors are {@code {code, message}}. Every answer carries the {@code X-RateLimit-*}
 * headers of its route's rate limit.
 */
public final class AtriumApi implements Dialect {
  public static final String NAME = "atrium";
  static final String PREFIX = "/atrium/v1";

  private final Authenticator authenticator;
  private final AtriumOutbox outbox;
  private final AtriumBadges badges;
  private final AtriumPersonas personas;
  private final AtriumClients clients;
  private final RateLimits limits;

  public AtriumApi(Sessions sessions, Outbox outbox, Badges badges, Personas personas, ApiClients clients,
      RateLimits limits) {
    this.authenticator = new Authenticator(sessions, CredentialKind.bearer(), CredentialKind.header("sessionToken"));
    this.outbox = new AtriumOutbox(outbox);
    this.badges = new AtriumBadges(badges);
    this.personas = new AtriumPersonas(personas);
    this.clients = new AtriumClients(clients);
    this.limits = limits;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void install(JavalinConfig cfg, ErrorRouter errors) {
    errors.route("/atrium/", new AtriumErrors());
    limits.paths(authenticator, "/atrium/").withHeaders();
    cfg.routes.get(PREFIX + "/outbox", ctx -> outbox.list(ctx, caller(ctx)));
    cfg.routes.post(PREFIX + "/users/{uid}/badges", ctx -> badges.grant(ctx, caller(ctx)));
    cfg.routes.get(PREFIX + "/users/{uid}/badges", ctx -> badges.list(ctx, caller(ctx)));
    cfg.routes.delete(PREFIX + "/badges/{id}", ctx -> badges.revoke(ctx, caller(ctx)));
    cfg.routes.post(PREFIX + "/personas", ctx -> personas.create(ctx, caller(ctx)));
    cfg.routes.post(PREFIX + "/clients", ctx -> clients.create(ctx, caller(ctx)));
    cfg.routes.get(PREFIX + "/clients", ctx -> clients.list(ctx, caller(ctx)));
    cfg.routes.delete(PREFIX + "/clients/{clientId}", ctx -> clients.revoke(ctx, caller(ctx)));
  }

  private Principal caller(Context ctx) {
    return authenticator.require(ctx, "A session token is required: Authorization: Bearer <token>");
  }
}
