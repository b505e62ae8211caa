package dev.atrium.api.livedigital;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.session.Principal;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceInvite;
import dev.atrium.core.space.SpaceInvites;
import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.SpaceRole;
import dev.atrium.core.space.SpaceRooms;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.User;
import dev.atrium.http.JsonMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * LiveDigital's spaces and space invites, for a user token only: {@code POST/GET /v1/spaces},
 * {@code GET/PUT/DELETE /v1/spaces/{spaceId}}, {@code POST/GET /v1/spaces/{spaceId}/invites},
 * {@code DELETE /v1/spaces/{spaceId}/invites/{inviteId}} and {@code POST …/invites/{inviteId}/activate}. A space is
 * the Roomful network of the same id. A private space is 404 to whoever is no member of it; a created thing is 201
 * with its {@code {id}}, a deletion 204, a list {@code {items, total}}.
 */
final class LiveDigitalSpaces {
  static final String SPACES = "/v1/spaces";
  static final String SPACE = SPACES + "/{spaceId}";
  static final String INVITES = SPACE + "/invites";
  static final String INVITE = INVITES + "/{inviteId}";
  static final String ACTIVATE = INVITE + "/activate";

  private final Spaces spaces;
  private final SpaceRooms spaceRooms;
  private final SpaceInvites invites;
  private final Function<Context, Principal> user;
  private final Function<Context, Principal> account;

  /** {@code account} finds a caller with an account of his own (no room guest): for making spaces and joining them. */
  LiveDigitalSpaces(Spaces spaces, SpaceRooms spaceRooms, Function<Context, Principal> user,
      Function<Context, Principal> account) {
    this.account = account;
    this.spaces = spaces;
    this.spaceRooms = spaceRooms;
    this.invites = spaces.invites();
    this.user = user;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.post(SPACES, this::create);
    cfg.routes.get(SPACES, this::list);
    cfg.routes.get(SPACE, this::get);
    cfg.routes.put(SPACE, this::update);
    cfg.routes.delete(SPACE, this::delete);
    cfg.routes.post(INVITES, this::createInvite);
    cfg.routes.get(INVITES, this::listInvites);
    cfg.routes.delete(INVITE, this::revokeInvite);
    cfg.routes.post(ACTIVATE, this::activate);
  }

  /** The body of a space's creation and change; {@code name} and (to change) {@code isPublic} are required. */
  record SpaceIn(@Nullable String name, @Nullable Boolean isPublic, @Nullable String description,
      @Nullable String logo) {}

  record InviteIn(@Nullable String role) {}

  record IdOut(String id) {}

  record SpaceOut(String id, String name, @Nullable String description, @Nullable String logo, boolean isPublic,
      @Nullable String ownerId) {
    static SpaceOut of(Space s) {
      return new SpaceOut(s.id(), s.name(), s.description(), s.logo(), s.isPublic(),
          s.ownerId() == null ? null : Long.toString(s.ownerId()));
    }
  }

  record InviteOut(String id, String spaceId, String role, @Nullable String createdBy, String createdAt,
      @Nullable String activatedBy, @Nullable String activatedAt) {
    static InviteOut of(SpaceInvite i) {
      Instant activated = i.activatedAt();
      return new InviteOut(i.id(), i.spaceId(), roleName(i.role()), userId(i.createdBy()), i.createdAt().toString(),
          userId(i.activatedBy()), activated == null ? null : activated.toString());
    }
  }

  record MemberOut(String spaceId, String userId, String role) {}

  record ListOut<T>(List<T> items, int total) {
    static <T> ListOut<T> of(List<T> items) {
      return new ListOut<>(items, items.size());
    }
  }

  private void create(Context ctx) {
    User caller = account.apply(ctx).user();
    SpaceIn in = JsonMapper.read(ctx.body(), SpaceIn.class);
    Space created = spaces.create(caller, required(in.name(), "name"), Boolean.TRUE.equals(in.isPublic()),
        in.description(), in.logo());
    ctx.status(201).json(new IdOut(created.id()));
  }

  private void list(Context ctx) {
    Principal caller = user.apply(ctx);
    ctx.json(ListOut.of(spaces.of(caller.userId()).stream().map(SpaceOut::of).toList()));
  }

  private void get(Context ctx) {
    User caller = user.apply(ctx).user();
    ctx.json(SpaceOut.of(spaces.requireVisible(caller, ctx.pathParam("spaceId"))));
  }

  private void update(Context ctx) {
    User caller = user.apply(ctx).user();
    SpaceIn in = JsonMapper.read(ctx.body(), SpaceIn.class);
    String name = required(in.name(), "name");
    Boolean isPublic = in.isPublic();
    if (isPublic == null) {
      throw AtriumException.invalid("isPublic is required");
    }
    ctx.json(SpaceOut.of(spaces.update(caller, ctx.pathParam("spaceId"), name, isPublic, in.description(),
        in.logo())));
  }

  private void delete(Context ctx) {
    User caller = user.apply(ctx).user();
    spaceRooms.deleteSpace(caller, ctx.pathParam("spaceId"));
    ctx.status(204);
  }

  private void createInvite(Context ctx) {
    User caller = user.apply(ctx).user();
    InviteIn in = JsonMapper.read(ctx.body(), InviteIn.class);
    SpaceInvite invite = invites.create(caller, ctx.pathParam("spaceId"), inviteRole(in.role()));
    ctx.status(201).json(new IdOut(invite.id()));
  }

  private void listInvites(Context ctx) {
    User caller = user.apply(ctx).user();
    ctx.json(ListOut.of(invites.list(caller, ctx.pathParam("spaceId")).stream().map(InviteOut::of).toList()));
  }

  private void revokeInvite(Context ctx) {
    User caller = user.apply(ctx).user();
    invites.revoke(caller, ctx.pathParam("spaceId"), ctx.pathParam("inviteId"));
    ctx.status(204);
  }

  /** The body, if any, is not read: activation needs nothing but the invite and the invitee's token. */
  private void activate(Context ctx) {
    User caller = account.apply(ctx).user();
    SpaceMember member = invites.activate(caller, ctx.pathParam("spaceId"), ctx.pathParam("inviteId"));
    ctx.json(new MemberOut(member.spaceId(), Long.toString(member.userId()), roleName(member.role())));
  }

  private static String required(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw AtriumException.invalid(name + " is required");
    }
    return value;
  }

  /** LiveDigital's name of an invite's role: {@code role_space_moderator} or {@code role_space_user}. */
  private static SpaceRole inviteRole(@Nullable String role) {
    return switch (required(role, "role")) {
      case "role_space_moderator" -> SpaceRole.MODERATOR;
      case "role_space_user" -> SpaceRole.USER;
      default -> throw AtriumException.invalid("role must be role_space_moderator or role_space_user");
    };
  }

  static String roleName(SpaceRole role) {
    return switch (role) {
      case OWNER -> "role_space_owner";
      case MODERATOR -> "role_space_moderator";
      case USER -> "role_space_user";
    };
  }

  private static @Nullable String userId(@Nullable Long userId) {
    return userId == null ? null : Long.toString(userId);
  }
}
