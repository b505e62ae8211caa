package dev.atrium.api.symphony;

import static dev.atrium.http.Params.body;
import static dev.atrium.http.Params.intQuery;
import static dev.atrium.http.Params.required;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.room.Room;
import dev.atrium.core.room.RoomChange;
import dev.atrium.core.room.RoomPage;
import dev.atrium.core.room.RoomSearch;
import dev.atrium.core.room.RoomSpec;
import dev.atrium.core.room.RoomTag;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.user.User;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chat rooms and their members: v1 and v2 of the 1.40 pod API, and the v3 room endpoints the BDK's
 * StreamService calls. Each version reads and writes its own shapes over the same rooms.
 */
final class SymphonyRooms {
  static final int MAX_SEARCH_LIMIT = 100;
  private static final Set<String> SORT_ORDERS = Set.of("BASIC", "RELEVANCE");

  private final Rooms rooms;
  private final Requests requests;

  SymphonyRooms(Rooms rooms, Requests requests) {
    this.rooms = rooms;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    var r = cfg.routes;
    r.post("/pod/v1/room/create", ctx -> ctx.json(RoomMapping.v1(createV1(ctx))));
    r.get("/pod/v1/room/{id}/info", ctx -> ctx.json(RoomMapping.v1(rooms.room(caller(ctx), id(ctx)))));
    r.post("/pod/v1/room/{id}/update", ctx -> ctx.json(RoomMapping.v1(updateV1(ctx))));
    r.post("/pod/v1/room/{id}/setActive", ctx -> ctx.json(RoomMapping.v1(
        rooms.setActive(caller(ctx), id(ctx), Params.boolQuery(ctx, "active")))));
    r.post("/pod/v2/room/create", ctx -> ctx.json(RoomMapping.v2(rooms.create(caller(ctx),
        spec(body(ctx, Wire.V2RoomAttributesIn.class))))));
    r.get("/pod/v2/room/{id}/info", ctx -> ctx.json(RoomMapping.v2(rooms.room(caller(ctx), id(ctx)))));
    r.post("/pod/v2/room/{id}/update", ctx -> ctx.json(RoomMapping.v2(rooms.update(caller(ctx), id(ctx),
        change(body(ctx, Wire.V2RoomAttributesIn.class))))));
    r.post("/pod/v2/room/search", this::searchV2);
    r.post("/pod/v3/room/create", ctx -> ctx.json(RoomMapping.v3(rooms.create(caller(ctx),
        spec(v3(body(ctx, Wire.V3RoomAttributesIn.class)))))));
    r.get("/pod/v3/room/{id}/info", ctx -> ctx.json(RoomMapping.v3(rooms.room(caller(ctx), id(ctx)))));
    r.post("/pod/v3/room/{id}/update", ctx -> ctx.json(RoomMapping.v3(rooms.update(caller(ctx), id(ctx),
        change(v3(body(ctx, Wire.V3RoomAttributesIn.class)))))));
    r.post("/pod/v3/room/search", this::searchV3);
    r.post("/pod/v1/room/{id}/membership/add", ctx -> membership(ctx, "Member added", rooms::addMember));
    r.post("/pod/v1/room/{id}/membership/remove", ctx -> membership(ctx, "Member removed", rooms::removeMember));
    r.post("/pod/v1/room/{id}/membership/promoteOwner", ctx ->
        membership(ctx, "Member promoted to owner", rooms::promoteOwner));
    r.post("/pod/v1/room/{id}/membership/demoteOwner", ctx -> membership(ctx, "Owner demoted", rooms::demoteOwner));
    r.get("/pod/v1/room/{id}/membership/list", this::members);
    r.get("/pod/v2/room/{id}/membership/list", this::members);
  }

  private User caller(Context ctx) {
    return requests.caller(ctx).user();
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  // ---- rooms

  /** No immutable attributes: a private room that only its owners can add to, as the spec says. */
  private Room createV1(Context ctx) {
    User actor = caller(ctx);
    Wire.RoomCreateIn in = body(ctx, Wire.RoomCreateIn.class);
    Wire.RoomAttributesIn attrs = in.roomAttributes();
    Wire.ImmutableRoomAttributesIn fixed = in.immutableRoomAttributes();
    return rooms.create(actor, RoomSpec.builder().name(attrs == null ? null : attrs.name())
        .description(attrs == null ? null : attrs.description()).isPublic(fixed != null && isTrue(fixed.isPublic()))
        .readOnly(fixed != null && isTrue(fixed.readOnly()))
        .copyProtected(fixed != null && isTrue(fixed.copyProtected()))
        .discoverable(attrs != null && isTrue(attrs.discoverable()))
        .membersCanInvite(attrs != null && isTrue(attrs.membersCanInvite())).build());
  }

  private Room updateV1(Context ctx) {
    User actor = caller(ctx);
    Wire.RoomAttributesIn in = body(ctx, Wire.RoomAttributesIn.class);
    return rooms.update(actor, id(ctx), RoomChange.builder().name(in.name()).description(in.description())
        .discoverable(in.discoverable()).membersCanInvite(in.membersCanInvite()).build());
  }

  private static RoomSpec spec(Wire.V2RoomAttributesIn in) {
    return RoomSpec.builder().name(in.name()).description(in.description()).keywords(tags(in.keywords()))
        .isPublic(isTrue(in.isPublic())).readOnly(isTrue(in.readOnly())).copyProtected(isTrue(in.copyProtected()))
        .discoverable(isTrue(in.discoverable())).membersCanInvite(isTrue(in.membersCanInvite())).build();
  }

  private static RoomChange change(Wire.V2RoomAttributesIn in) {
    return RoomChange.builder().name(in.name()).description(in.description())
        .keywords(in.keywords() == null ? null : tags(in.keywords())).discoverable(in.discoverable())
        .membersCanInvite(in.membersCanInvite()).isPublic(in.isPublic()).readOnly(in.readOnly())
        .copyProtected(in.copyProtected()).build();
  }

  /**
   * V3 attributes as V2 ones. Every room here is internal to this one pod: a cross-pod or multilateral room
   * cannot be made, and there are no messages to pin. viewHistory and scheduledMeeting change nothing Atrium
   * keeps, and subType is ignored as the spec says.
   */
  private static Wire.V2RoomAttributesIn v3(Wire.V3RoomAttributesIn in) {
    if (isTrue(in.crossPod())) {
      throw AtriumException.invalid("crossPod rooms are not supported: this pod is the only one");
    }
    if (isTrue(in.multiLateralRoom())) {
      throw AtriumException.invalid("multiLateralRoom rooms are not supported: this pod has one company");
    }
    if (in.pinnedMessageId() != null && !in.pinnedMessageId().isEmpty()) {
      throw AtriumException.invalid("pinnedMessageId names no message of this room");
    }
    return new Wire.V2RoomAttributesIn(in.name(), in.keywords(), in.description(), in.membersCanInvite(),
        in.discoverable(), in.isPublic(), in.readOnly(), in.copyProtected());
  }

  private static List<RoomTag> tags(@Nullable List<Wire.RoomTagIn> keywords) {
    List<RoomTag> tags = new ArrayList<>();
    if (keywords == null) {
      return tags;
    }
    for (int i = 0; i < keywords.size(); i++) {
      Wire.RoomTagIn tag = required(keywords.get(i), "keywords[" + i + "]");
      tags.add(new RoomTag(required(tag.key(), "keywords[" + i + "].key"),
          required(tag.value(), "keywords[" + i + "].value")));
    }
    return tags;
  }

  // ---- search

  private void searchV2(Context ctx) {
    Search found = search(ctx);
    ctx.json(new Wire.RoomSearchResults(found.page().total(), found.skip(), found.limit(), found.query(),
        found.page().rooms().stream().map(RoomMapping::v2).toList(), facets(found.page())));
  }

  private void searchV3(Context ctx) {
    Search found = search(ctx);
    ctx.json(new Wire.V3RoomSearchResults(found.page().total(), found.skip(), found.limit(), found.query(),
        found.page().rooms().stream().map(RoomMapping::v3).toList(), facets(found.page())));
  }

  private record Search(Wire.RoomSearchCriteriaIn query, int skip, int limit, RoomPage page) {}

  /**
   * skip (0) and limit (50, at most 100) come from the query string. Rooms have no subtype, so a search for
   * one (V2RoomSearchCriteria.subType, "EMAIL") finds nothing; sortOrder is accepted and rooms come oldest first.
   */
  private Search search(Context ctx) {
    User actor = caller(ctx);
    int skip = intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = intQuery(ctx, "limit", 50, 1, MAX_SEARCH_LIMIT);
    Wire.RoomSearchCriteriaIn in = body(ctx, Wire.RoomSearchCriteriaIn.class);
    String query = required(in.query(), "query");
    if (in.sortOrder() != null && !SORT_ORDERS.contains(in.sortOrder())) {
      throw AtriumException.invalid("sortOrder must be one of [BASIC, RELEVANCE], got '" + in.sortOrder() + "'");
    }
    List<String> labels = in.labels() == null ? List.of() : in.labels();
    for (int i = 0; i < labels.size(); i++) {
      required(labels.get(i), "labels[" + i + "]");
    }
    RoomPage page = rooms.search(actor, RoomSearch.builder().query(query).labels(labels).active(in.active())
        .isPrivate(in.isPrivate()).ownerId(userId(in.owner(), "owner")).creatorId(userId(in.creator(), "creator"))
        .memberId(userId(in.member(), "member")).skip(skip).limit(limit).build());
    if (in.subType() != null) {
      page = new RoomPage(0, List.of(), java.util.Map.of());
    }
    return new Search(in, skip, limit, page);
  }

  private static @Nullable Long userId(Wire.@Nullable UserIdIn user, String field) {
    return user == null ? null : Params.userId(user.id(), field + ".id");
  }

  private static List<Wire.FacetedMatchCount> facets(RoomPage page) {
    return page.facets().entrySet().stream().map(e -> new Wire.FacetedMatchCount(e.getKey(), e.getValue())).toList();
  }

  // ---- members

  private interface MembershipChange {
    boolean apply(User actor, String roomId, long userId);
  }

  /** Body {@code {"id": uid}}; asking for what is already so succeeds and changes nothing. */
  private void membership(Context ctx, String message, MembershipChange change) {
    User actor = caller(ctx);
    Wire.UserIdIn in = body(ctx, Wire.UserIdIn.class);
    change.apply(actor, id(ctx), Params.userId(in.id(), "id"));
    ctx.json(Wire.SuccessResponse.ok(message));
  }

  private void members(Context ctx) {
    ctx.json(rooms.members(caller(ctx), id(ctx)).stream().map(RoomMapping::member).toList());
  }

  private static boolean isTrue(@Nullable Boolean value) {
    return Boolean.TRUE.equals(value);
  }
}
