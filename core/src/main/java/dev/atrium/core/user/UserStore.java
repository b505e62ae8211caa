package dev.atrium.core.user;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Storage of users and what hangs off them. Every call joins the caller's transaction. */
public interface UserStore {
  /** The next per-pod sequence number; never returns the same number twice. */
  long nextSequence();

  /** Stores a new user; a taken username or email raises {@code Conflict}. */
  void insert(User user);

  /** Replaces the stored user with the same id; a taken username or email raises {@code Conflict}. */
  void update(User user);

  Optional<User> byId(long id);

  /**
   * Deletes the user and every row that hangs off them (keys, sessions, memberships, contacts, presence, settings,
   * personas, ...); rows that only name the user (a room's creator, the audit log) keep the id. False if there was
   * no such user.
   */
  boolean delete(long id);

  /**
   * The user, its row locked until the transaction ends: a read-modify-write of the user or of what hangs off
   * it (settings, params) starts here, so that two concurrent ones do not lose each other's change.
   */
  Optional<User> lock(long id);

  /** The usernames, lower-cased, that start with {@code prefix} (ignoring case): what a free name must avoid. */
  List<String> usernamesStartingWith(String prefix);

  Optional<User> byUsername(String username);

  Optional<User> byEmail(String email);

  /** Whether any user exists at all (the first start creates the administrator). */
  boolean isEmpty();

  /** Every user id, ascending. */
  List<Long> ids();

  /** One page of all users, ascending by id. */
  List<User> page(int skip, int limit);

  /** One page of all users (disabled ones too) in the order given, with the number of all users. */
  UserPage list(UserOrder order, boolean descending, int skip, int limit);

  /** Users matching every given criterion of the filter, ascending by id. */
  List<User> find(UserFilter filter);

  /** Users whose name, username or email has a word starting with each word of the query. */
  UserPage search(UserSearch search);

  Optional<String> passwordHash(long userId);

  void setPasswordHash(long userId, String hash);

  List<UserKey> keys(long userId);

  void putKey(UserKey key);

  void removeKey(long userId, UserKey.Slot slot);

  /** The features explicitly set for the user; the ones absent have their default. */
  Map<String, Boolean> features(long userId);

  void setFeature(long userId, String feature, boolean enabled);

  List<Long> delegates(long userId);

  void setDelegates(long userId, List<Long> delegates);

  /** The persona accounts the user owns, oldest first. */
  List<User> personasOf(long ownerId);

  /** Makes every persona of {@code fromOwnerId} a persona of {@code intoOwnerId}; returns how many moved. */
  int movePersonas(long fromOwnerId, long intoOwnerId);
}
