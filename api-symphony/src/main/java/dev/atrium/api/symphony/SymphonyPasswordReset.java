package dev.atrium.api.symphony;

import dev.atrium.core.account.PasswordRestore;
import dev.atrium.core.user.User;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /pod/v1/admin/user/{uid}/action/password_reset} (pod API 1.41.5, body {@code PasswordReset}): mails the
 * user a code for Atrium's restore-by-code step ({@code POST /api/v1/auth/restorePasswordByCode}), the one way
 * Atrium sets a forgotten password. For user administrators; audited.
 */
final class SymphonyPasswordReset {
  /** The only kind of reset the spec knows. */
  private enum Type { EMAIL }

  record PasswordResetIn(@Nullable String type) {}

  private final PasswordRestore restore;
  private final Requests requests;

  SymphonyPasswordReset(PasswordRestore restore, Requests requests) {
    this.restore = restore;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/pod/v1/admin/user/{uid}/action/password_reset", this::reset);
  }

  private void reset(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = Requests.uid(ctx);
    PasswordResetIn in = Params.body(ctx, PasswordResetIn.class);
    Params.enumValue(Type.class, Params.required(in.type(), "type"), "type");
    restore.sendCodeFor(actor, uid);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }
}
