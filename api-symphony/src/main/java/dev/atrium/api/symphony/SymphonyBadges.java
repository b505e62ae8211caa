package dev.atrium.api.symphony;

import dev.atrium.core.badge.Badge;
import dev.atrium.core.badge.Badges;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.User;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Atrium's admin calls for badges beside the pod API (Roomful shows them in {@code user:listBadgesOfType}): grant
 * a badge of a type to a user (granting a type the user holds replaces its data), revoke one, list a user's.
 * For user administrators; every change is audited.
 */
final class SymphonyBadges {
  private final Badges badges;
  private final Requests requests;

  SymphonyBadges(Badges badges, Requests requests) {
    this.badges = badges;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post("/pod/v1/admin/atrium/user/{uid}/badge/grant", this::grant);
    cfg.routes.get("/pod/v1/admin/atrium/user/{uid}/badges", this::list);
    cfg.routes.post("/pod/v1/admin/atrium/badge/{id}/revoke", this::revoke);
  }

  record GrantIn(@Nullable String badgeType, @Nullable Map<String, @Nullable Object> data) {}

  /** A badge; times in epoch milliseconds. */
  record BadgeOut(String id, long userId, String badgeType, Map<String, @Nullable Object> data, long createdAt,
      long updatedAt) {
    static BadgeOut of(Badge b) {
      return new BadgeOut(b.id(), b.userId(), b.badgeType(), b.data(), b.createdAt().toEpochMilli(),
          b.updatedAt().toEpochMilli());
    }
  }

  private void grant(Context ctx) {
    User actor = requests.admin(ctx);
    long uid = Requests.uid(ctx);
    GrantIn in = Requests.body(ctx, GrantIn.class);
    if (in.badgeType() == null) {
      throw AtriumException.invalid("badgeType is required");
    }
    ctx.json(BadgeOut.of(badges.grant(actor, uid, in.badgeType(), in.data() == null ? Map.of() : in.data())));
  }

  private void list(Context ctx) {
    requests.admin(ctx);
    List<BadgeOut> out = badges.ofUser(Requests.uid(ctx)).stream().map(BadgeOut::of).toList();
    ctx.json(out);
  }

  private void revoke(Context ctx) {
    User actor = requests.admin(ctx);
    ctx.json(BadgeOut.of(badges.revoke(actor, ctx.pathParam("id"))));
  }
}
