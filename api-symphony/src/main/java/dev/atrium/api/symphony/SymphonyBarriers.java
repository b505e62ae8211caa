package dev.atrium.api.symphony;

import static dev.atrium.http.Params.body;
import static dev.atrium.http.Params.required;

import dev.atrium.core.barrier.BulkResult;
import dev.atrium.core.barrier.Group;
import dev.atrium.core.barrier.InformationBarriers;
import dev.atrium.core.barrier.Policy;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.User;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * Information barriers: the pod API's group and policy lists and group memberships, plus Atrium's own calls
 * to create groups and policies and switch them on and off (the pod API has none; Symphony does that in its
 * admin portal).
 */
final class SymphonyBarriers {
  private final InformationBarriers barriers;
  private final Requests requests;

  SymphonyBarriers(InformationBarriers barriers, Requests requests) {
    this.barriers = barriers;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    var r = cfg.routes;
    r.get("/pod/v1/admin/group/list", ctx ->
        ctx.json(barriers.groups(requests.admin(ctx)).stream().map(SymphonyBarriers::group).toList()));
    r.get("/pod/v1/admin/group/{gid}/membership/list", this::members);
    r.post("/pod/v1/admin/group/{gid}/membership/add", ctx -> changeMembers(ctx, true));
    r.post("/pod/v1/admin/group/{gid}/membership/remove", ctx -> changeMembers(ctx, false));
    r.get("/pod/v1/admin/policy/list", ctx ->
        ctx.json(barriers.policies(requests.admin(ctx)).stream().map(SymphonyBarriers::policy).toList()));
    // Atrium's own
    r.post("/pod/v1/admin/group/create", this::createGroup);
    r.post("/pod/v1/admin/group/{gid}/setActive", ctx -> ctx.json(group(
        barriers.setGroupActive(requests.admin(ctx), ctx.pathParam("gid"), activeQuery(ctx)))));
    r.post("/pod/v1/admin/policy/create", this::createPolicy);
    r.post("/pod/v1/admin/policy/{pid}/setActive", ctx -> ctx.json(policy(
        barriers.setPolicyActive(requests.admin(ctx), ctx.pathParam("pid"), activeQuery(ctx)))));
  }

  /** Member ids, ascending: skip (0), limit (10000, at most 10000), as the later pod API pages them. */
  private void members(Context ctx) {
    User actor = requests.admin(ctx);
    int skip = Params.intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = Params.intQuery(ctx, "limit", InformationBarriers.MAX_BULK, 1, InformationBarriers.MAX_BULK);
    ctx.json(barriers.members(actor, ctx.pathParam("gid"), skip, limit));
  }

  private void changeMembers(Context ctx, boolean add) {
    User actor = requests.admin(ctx);
    String gid = ctx.pathParam("gid");
    Long[] in = body(ctx, Long[].class);
    List<Long> ids = new ArrayList<>(in.length);
    for (int i = 0; i < in.length; i++) {
      ids.add(required(in[i], "[" + i + "]"));
    }
    BulkResult result = add ? barriers.addMembers(actor, gid, ids) : barriers.removeMembers(actor, gid, ids);
    ctx.json(new Wire.BulkActionResult(result.succeeded() ? "SUCCESS" : "FAIL", result.results()));
  }

  private void createGroup(Context ctx) {
    User actor = requests.admin(ctx);
    Wire.GroupCreateIn in = body(ctx, Wire.GroupCreateIn.class);
    ctx.json(group(barriers.createGroup(actor, required(in.name(), "name"), in.active() == null || in.active())));
  }

  private void createPolicy(Context ctx) {
    User actor = requests.admin(ctx);
    Wire.PolicyCreateIn in = body(ctx, Wire.PolicyCreateIn.class);
    Policy.Type type = Params.enumValue(Policy.Type.class, required(in.policyType(), "policyType"), "policyType");
    List<String> groups = required(in.groups(), "groups");
    for (int i = 0; i < groups.size(); i++) {
      required(groups.get(i), "groups[" + i + "]");
    }
    ctx.json(policy(barriers.createPolicy(actor, type, groups, in.active() == null || in.active())));
  }

  private static boolean activeQuery(Context ctx) {
    if (ctx.queryParam("active") == null) {
      throw AtriumException.invalid("active is required: true or false");
    }
    return Params.boolQuery(ctx, "active", true);
  }

  private static Wire.Group group(Group g) {
    return new Wire.Group(g.id(), g.name(), g.active(), g.memberCount(), g.policies(), g.createdAt().toEpochMilli(),
        g.modifiedAt().toEpochMilli());
  }

  private static Wire.Policy policy(Policy p) {
    return new Wire.Policy(p.id(), p.type().name(), p.active(), p.memberCount(), p.groups(),
        p.createdAt().toEpochMilli(), p.modifiedAt().toEpochMilli());
  }
}
