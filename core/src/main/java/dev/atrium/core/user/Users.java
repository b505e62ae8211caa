package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.error.AtriumException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finding users, and reading what hangs off a user (keys, features, delegates). Changes nothing: accounts are
 * created and changed through {@link Accounts}, administered through {@link UserAdmin}, and edited by their
 * owners through {@link Profiles}.
 */
public final class Users {
  private final UserStore store;

  public Users(UserStore store) {
    this.store = store;
  }

  public Optional<User> byId(long id) {
    return store.byId(id);
  }

  public User get(long id) {
    return store.byId(id).orElseThrow(() -> AtriumException.notFound("User " + id + " not found"));
  }

  public Optional<User> byUsername(String username) {
    return store.byUsername(username);
  }

  public Optional<User> byEmail(String email) {
    return store.byEmail(email);
  }

  /** Whether the user can sign in with a password (an account made by a provider or a link may have none). */
  public boolean hasPassword(long id) {
    return store.passwordHash(id).isPresent();
  }

  public List<Long> ids(User actor) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.ids();
  }

  public List<User> page(User actor, int skip, int limit) {
    Roles.require(actor, Roles.USER_ADMINS);
    require(skip >= 0, "skip must not be negative");
    require(limit > 0, "limit must be positive");
    return store.page(skip, limit);
  }

  /**
   * One page of every user, disabled ones included, in the order given: a directory any signed-in user may read
   * where a dialect allows it (Rocket.Chat's {@code users.list}); the dialect checks who may.
   */
  public UserPage list(UserOrder order, boolean descending, int skip, int limit) {
    require(skip >= 0, "skip must not be negative");
    require(limit > 0, "limit must be positive");
    return store.list(order, descending, skip, limit);
  }

  public List<User> find(User actor, UserFilter filter) {
    Roles.require(actor, Roles.USER_ADMINS);
    return store.find(filter);
  }

  public UserPage search(UserSearch search) {
    require(search.skip() >= 0, "skip must not be negative");
    require(search.limit() > 0, "limit must be positive");
    return store.search(search);
  }

  public List<UserKey> keys(long userId) {
    return store.keys(userId);
  }

  /** Every feature with its effective value, in the system's order. */
  public Map<String, Boolean> features(long userId) {
    get(userId);
    Map<String, Boolean> set = store.features(userId);
    Map<String, Boolean> all = new LinkedHashMap<>();
    Features.DEFAULTS.forEach((name, dflt) -> all.put(name, set.getOrDefault(name, dflt)));
    return all;
  }

  public List<Long> delegates(long userId) {
    get(userId);
    return store.delegates(userId);
  }
}
