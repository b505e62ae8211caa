package dev.atrium.api.atrium;

import dev.atrium.core.badge.Badge;
import dev.atrium.core.badge.Badges;
import dev.atrium.core.session.Principal;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.http.Params;
import io.javalin.http.Context;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Badges (Roomful shows them in {@code user:listBadgesOfType}): a user administrator grants a badge of a type to a
 * user (granting a type the user holds replaces its data), lists a user's, revokes one. Every change is audited.
 */
final class AtriumBadges {
  private final Badges badges;

  AtriumBadges(Badges badges) {
    this.badges = badges;
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

  /** {@code POST /atrium/v1/users/{uid}/badges {badgeType, data}}. */
  void grant(Context ctx, Principal caller) {
    User actor = admin(caller);
    long uid = uid(ctx);
    GrantIn in = Params.body(ctx, GrantIn.class);
    String type = Params.requiredText(in.badgeType(), "badgeType");
    ctx.json(BadgeOut.of(badges.grant(actor, uid, type, in.data() == null ? Map.of() : in.data())));
  }

  /** {@code GET /atrium/v1/users/{uid}/badges}. */
  void list(Context ctx, Principal caller) {
    admin(caller);
    ctx.json(badges.ofUser(uid(ctx)).stream().map(BadgeOut::of).toList());
  }

  /** {@code DELETE /atrium/v1/badges/{id}}: answers the badge as it was. */
  void revoke(Context ctx, Principal caller) {
    ctx.json(BadgeOut.of(badges.revoke(admin(caller), ctx.pathParam("id"))));
  }

  private static User admin(Principal caller) {
    Roles.require(caller.user(), Roles.USER_ADMINS);
    return caller.user();
  }

  private static long uid(Context ctx) {
    return Params.userId(ctx.pathParam("uid"), "uid");
  }
}
