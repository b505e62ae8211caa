package dev.atrium.api.symphony;

import static dev.atrium.http.Params.boolQuery;
import static dev.atrium.http.Params.intQuery;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.presence.PresenceCategory;
import dev.atrium.core.presence.UserPresence;
import dev.atrium.core.user.User;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Presence: the 1.40 endpoints ({@code Presence {category}}, whose enum lacks the newer categories: those read
 * as UNDEFINED there, the spec's value for "cannot be represented"), the v2/v3 ones the BDK's PresenceService
 * calls ({@code V2Presence {category, userId, timestamp}}), and presence feeds.
 */
final class SymphonyPresence {
  private final Presence presence;
  private final Requests requests;

  SymphonyPresence(Presence presence, Requests requests) {
    this.presence = presence;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/pod/v1/presence", this::allV1);
    cfg.routes.get("/pod/v1/user/presence", ctx -> ctx.json(v1(presence.of(requests.caller(ctx).userId()))));
    cfg.routes.post("/pod/v1/user/presence", this::setOwnV1);
    cfg.routes.get("/pod/v1/user/{uid}/presence", this::getV1);
    cfg.routes.post("/pod/v1/user/{uid}/presence", this::setV1);
    cfg.routes.get("/pod/v2/user/{uid}/presence", this::getV1);
    cfg.routes.get("/pod/v2/user/presence", ctx -> ctx.json(v2(presence.of(requests.caller(ctx).userId()))));
    cfg.routes.post("/pod/v2/user/presence", this::setOwnV2);
    cfg.routes.get("/pod/v3/user/{uid}/presence", this::getV3);
    cfg.routes.post("/pod/v3/user/presence", this::setV3);
    cfg.routes.get("/pod/v2/users/presence", this::listV2);
    cfg.routes.post("/pod/v1/user/presence/register", this::register);
    cfg.routes.post("/pod/v1/presence/feed/create", this::createFeed);
    cfg.routes.get("/pod/v1/presence/feed/{feedId}/read", this::readFeed);
    cfg.routes.post("/pod/v1/presence/feed/{feedId}/delete", this::deleteFeed);
  }

  // ---- 1.40

  /** Every enabled user of the pod, ascending by id. */
  private void allV1(Context ctx) {
    requests.caller(ctx);
    List<Wire.UserPresence> all = new ArrayList<>();
    long after = 0;
    while (true) {
      List<UserPresence> page = presence.list(after, Presence.MAX_LIST_LIMIT);
      page.forEach(p -> all.add(new Wire.UserPresence(p.userId(), v1Category(p.category()))));
      if (page.size() < Presence.MAX_LIST_LIMIT) {
        break;
      }
      after = page.getLast().userId();
    }
    ctx.json(all);
  }

  private void getV1(Context ctx) {
    requests.caller(ctx);
    boolQuery(ctx, "local", false);
    ctx.json(v1(presence.of(Requests.uid(ctx))));
  }

  /** Sets the caller's own presence only: the path must name the caller. */
  private void setV1(Context ctx) {
    User caller = requests.caller(ctx).user();
    long uid = Requests.uid(ctx);
    if (uid != caller.id()) {
      throw AtriumException.forbidden("Only your own presence can be set here; /pod/v3/user/presence sets"
          + " another user's");
    }
    ctx.json(v1(presence.set(caller, uid, category(Params.body(ctx, Wire.PresenceIn.class).category()), false)));
  }

  private void setOwnV1(Context ctx) {
    User caller = requests.caller(ctx).user();
    ctx.json(v1(presence.set(caller, caller.id(), category(Params.body(ctx, Wire.PresenceIn.class).category()),
        false)));
  }

  // ---- v2 and v3, what the BDK calls

  private void setOwnV2(Context ctx) {
    User caller = requests.caller(ctx).user();
    boolean soft = boolQuery(ctx, "soft", false);
    PresenceCategory category = category(Params.body(ctx, Wire.PresenceIn.class).category());
    ctx.json(v2(presence.set(caller, caller.id(), category, soft)));
  }

  private void getV3(Context ctx) {
    requests.caller(ctx);
    boolQuery(ctx, "local", false);
    ctx.json(v2(presence.of(Requests.uid(ctx))));
  }

  /** Sets a user's presence: the caller's own, or (for a user administrator) anyone's; no userId is the caller. */
  private void setV3(Context ctx) {
    User caller = requests.caller(ctx).user();
    boolean soft = boolQuery(ctx, "soft", false);
    Wire.V2UserPresenceIn body = Params.body(ctx, Wire.V2UserPresenceIn.class);
    long userId = body.userId() == null ? caller.id() : Params.userId(String.valueOf(body.userId()), "userId");
    ctx.json(v2(presence.set(caller, userId, category(body.category()), soft)));
  }

  /** One page of every enabled user: ids above {@code lastUserId}, at most {@code limit} (1000, at most 5000). */
  private void listV2(Context ctx) {
    requests.caller(ctx);
    String last = ctx.queryParam("lastUserId");
    long after = last == null || last.isEmpty() ? 0 : Params.userId(last, "lastUserId");
    int limit = intQuery(ctx, "limit", 1000, 1, Presence.MAX_LIST_LIMIT);
    ctx.json(presence.list(after, limit).stream().map(SymphonyPresence::v2).toList());
  }

  /** One pod has no external users: registering interest only checks that every user exists. */
  private void register(Context ctx) {
    requests.caller(ctx);
    Long[] ids = JsonMapper.read(ctx.body(), Long[].class);
    List<Long> userIds = new ArrayList<>();
    for (Long id : ids) {
      userIds.add(Params.userId(String.valueOf(Params.required(id, "A user id")), "A user id"));
    }
    presence.registerInterest(userIds);
    ctx.json(Wire.SuccessResponse.ok("OK"));
  }

  // ---- feeds

  private void createFeed(Context ctx) {
    ctx.json(new Wire.StringId(presence.createFeed(requests.caller(ctx).user())));
  }

  private void readFeed(Context ctx) {
    User caller = requests.caller(ctx).user();
    ctx.json(presence.readFeed(caller, ctx.pathParam("feedId")).stream().map(SymphonyPresence::v2).toList());
  }

  private void deleteFeed(Context ctx) {
    User caller = requests.caller(ctx).user();
    String id = ctx.pathParam("feedId");
    presence.deleteFeed(caller, id);
    ctx.json(new Wire.StringId(id));
  }

  // ---- mapping

  private static PresenceCategory category(@Nullable String value) {
    return Params.enumValue(PresenceCategory.class, Params.required(value, "category"), "category");
  }

  private static String v1Category(PresenceCategory category) {
    return PresenceCategory.V1.contains(category) ? category.name() : PresenceCategory.UNDEFINED.name();
  }

  private static Wire.Presence v1(UserPresence p) {
    return new Wire.Presence(v1Category(p.category()));
  }

  private static Wire.V2Presence v2(UserPresence p) {
    return new Wire.V2Presence(p.category().name(), p.userId(), p.at().toEpochMilli());
  }
}
