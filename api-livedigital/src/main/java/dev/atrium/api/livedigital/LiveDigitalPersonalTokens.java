package dev.atrium.api.livedigital;

import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.space.Space;
import dev.atrium.http.Authenticator;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * LiveDigital's personal tokens (its web app's "Integration" tab), in Atrium's own API since LiveDigital's is
 * closed: {@code POST /atrium/v1/livedigital/personal-tokens {name}} makes a user token that never expires, shown
 * once; {@code GET} lists the caller's personal tokens (every dialect's: one session kind serves them all) by name
 * and time; {@code DELETE …/{name}} revokes one, refused at once everywhere. The caller shows a session token of
 * any login, as Atrium's API takes it ({@code Authorization: Bearer} or {@code sessionToken}); errors are Atrium's.
 */
final class LiveDigitalPersonalTokens {
  static final String PATH = "/atrium/v1/livedigital/personal-tokens";

  record NewTokenIn(@Nullable String name) {}

  private final Sessions sessions;
  private final LiveDigitalTokens tokens;
  private final Authenticator callers;

  LiveDigitalPersonalTokens(Sessions sessions, LiveDigitalTokens tokens, Authenticator callers) {
    this.sessions = sessions;
    this.tokens = tokens;
    this.callers = callers;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post(PATH, this::create);
    cfg.routes.get(PATH, this::list);
    cfg.routes.delete(PATH + "/{name}", this::revoke);
  }

  private Principal caller(Context ctx) {
    return callers.require(ctx, "A session token is required: Authorization: Bearer <token>");
  }

  private void create(Context ctx) {
    Principal caller = caller(ctx);
    String name = Params.requiredText(Params.body(ctx, NewTokenIn.class).name(), "name");
    Sessions.Minted minted = sessions.createPersonal(caller.userId(), name, false, Space.DEFAULT_ID);
    Map<String, Object> out = shape(name.strip(), minted.session().createdAt());
    out.put("token", tokens.personalToken(minted.session()));
    ctx.header("Cache-Control", "no-store");
    ctx.status(201).json(out);
  }

  private void list(Context ctx) {
    Principal caller = caller(ctx);
    List<Map<String, Object>> out = sessions.personalTokens(caller.userId()).stream()
        .map(t -> shape(t.name(), t.createdAt())).toList();
    ctx.json(out);
  }

  private void revoke(Context ctx) {
    Principal caller = caller(ctx);
    sessions.removePersonal(caller.userId(), ctx.pathParam("name"));
    ctx.status(204);
  }

  /** A token as listed: its name (as stored: stripped) and when it was made, never the token. */
  private static Map<String, Object> shape(String name, Instant createdAt) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name);
    out.put("createdAt", createdAt.toString());
    return out;
  }
}
