package dev.atrium.api.symphony;

import static dev.atrium.http.Params.boolQuery;
import static dev.atrium.http.Params.intQuery;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserPage;
import dev.atrium.core.user.UserSearch;
import dev.atrium.core.user.Users;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Session info and the directory: lookups by id, email or username, and search. */
final class SymphonyUsers {
  static final int MAX_SEARCH_LIMIT = 100;
  private final Users users;
  private final UserMapping mapping;
  private final Requests requests;

  SymphonyUsers(Users users, UserMapping mapping, Requests requests) {
    this.users = users;
    this.mapping = mapping;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    cfg.routes.get("/pod/v1/sessioninfo", ctx -> ctx.json(new Wire.SessionInfo(requests.caller(ctx).userId())));
    cfg.routes.get("/pod/v2/sessioninfo", ctx -> ctx.json(mapping.v2(requests.caller(ctx).user())));
    cfg.routes.get("/pod/v1/user", this::byEmailV1);
    cfg.routes.get("/pod/v2/user", this::lookupV2);
    cfg.routes.get("/pod/v1/user/name/{userName}/get", this::byName);
    cfg.routes.post("/pod/v1/user/search", this::search);
    cfg.routes.get("/pod/v3/users", this::lookupV3);
  }

  /**
   * Many users at once, by one of the comma-separated lists uid, email or username (at most 100 entries);
   * {@code active} keeps only enabled (true) or disabled (false) users. Entries that are not well formed are
   * reported in {@code errors}; entries that match nobody are left out. Nothing at all: 204.
   */
  private void lookupV3(Context ctx) {
    requests.caller(ctx);
    String uid = ctx.queryParam("uid");
    String email = ctx.queryParam("email");
    String username = ctx.queryParam("username");
    boolean local = boolQuery(ctx, "local", false);
    String active = ctx.queryParam("active");
    Boolean wantActive = active == null || active.isEmpty() ? null : boolQuery(ctx, "active", true);
    long given = Arrays.asList(uid, email, username).stream().filter(v -> v != null && !v.isEmpty()).count();
    if (given != 1) {
      throw AtriumException.invalid("Exactly one of uid, email and username is required");
    }
    boolean byUid = uid != null && !uid.isEmpty();
    boolean byEmail = !byUid && email != null && !email.isEmpty();
    String list = Objects.requireNonNull(byUid ? uid : byEmail ? email : username);
    List<String> entries = Arrays.stream(list.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList();
    if (entries.size() > 100) {
      throw AtriumException.invalid("At most 100 entries may be looked up at once");
    }
    if (!byUid && !byEmail && !local) {
      throw AtriumException.invalid("A lookup by username needs local=true");
    }
    List<Wire.UserV2> found = new java.util.ArrayList<>();
    List<Wire.UserError> errors = new java.util.ArrayList<>();
    for (String entry : entries) {
      Optional<User> user;
      if (byUid) {
        long id;
        try {
          id = Long.parseLong(entry);
        } catch (NumberFormatException e) {
          errors.add(new Wire.UserError("invalid.format", null, entry));
          continue;
        }
        user = users.byId(id);
      } else if (byEmail) {
        if (!entry.contains("@")) {
          errors.add(new Wire.UserError("invalid.format", entry, null));
          continue;
        }
        user = users.byEmail(entry);
      } else {
        user = users.byUsername(entry);
      }
      user.filter(u -> wantActive == null || u.enabled() == wantActive).map(mapping::v2).ifPresent(found::add);
    }
    if (found.isEmpty() && errors.isEmpty()) {
      ctx.status(204);
      return;
    }
    ctx.json(new Wire.V2UserList(found, errors));
  }

  private void byEmailV1(Context ctx) {
    requests.caller(ctx);
    String email = ctx.queryParam("email");
    if (email == null || email.isBlank()) {
      throw AtriumException.invalid("email is required");
    }
    boolQuery(ctx, "local", false);
    answer(ctx, users.byEmail(email).map(UserMapping::v1));
  }

  /** Exactly one of uid, email and username; username needs local=true. Not found is 204, as on a pod. */
  private void lookupV2(Context ctx) {
    requests.caller(ctx);
    String uid = ctx.queryParam("uid");
    String email = ctx.queryParam("email");
    String username = ctx.queryParam("username");
    boolean local = boolQuery(ctx, "local", false);
    long given = Arrays.asList(uid, email, username).stream().filter(v -> v != null && !v.isEmpty()).count();
    if (given != 1) {
      throw AtriumException.invalid("Exactly one of uid, email and username is required");
    }
    Optional<User> found;
    if (uid != null && !uid.isEmpty()) {
      found = users.byId(Params.userId(uid, "uid"));
    } else if (email != null && !email.isEmpty()) {
      found = users.byEmail(email);
    } else {
      if (!local) {
        throw AtriumException.invalid("A lookup by username needs local=true");
      }
      found = users.byUsername(Objects.requireNonNull(username));
    }
    answer(ctx, found.map(mapping::v2));
  }

  private void byName(Context ctx) {
    requests.caller(ctx);
    answer(ctx, users.byUsername(ctx.pathParam("userName")).map(UserMapping::v1));
  }

  private void search(Context ctx) {
    requests.caller(ctx);
    int skip = intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = intQuery(ctx, "limit", 50, 1, MAX_SEARCH_LIMIT);
    boolQuery(ctx, "local", false);
    Wire.UserSearchQueryIn query = Params.body(ctx, Wire.UserSearchQueryIn.class);
    String text = query.query() == null ? "" : query.query().strip();
    if (text.isEmpty()) {
      throw AtriumException.invalid("query is required");
    }
    if (text.length() > 256) {
      throw AtriumException.invalid("query must be at most 256 characters long");
    }
    List<String> words = Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\s+")).filter(w -> !w.isEmpty())
        .limit(8).toList();
    var filters = query.filters();
    UserSearch.Builder search = UserSearch.builder().words(words).skip(skip).limit(limit);
    if (filters != null) {
      search.title(filters.title()).company(filters.company()).location(filters.location());
    }
    UserPage page = users.search(search.build());
    // No match is an empty result, not the 204 the spec also lists: the BDK's UserService.searchUsers
    // dereferences the body without a null check, so a 204 would crash every bot that searches in vain.
    ctx.json(new Wire.UserSearchResults(page.total(), skip, limit, query,
        page.users().stream().map(mapping::v2).toList()));
  }

  private static void answer(Context ctx, Optional<?> found) {
    if (found.isPresent()) {
      ctx.json(found.get());
    } else {
      ctx.status(204);
    }
  }
}
