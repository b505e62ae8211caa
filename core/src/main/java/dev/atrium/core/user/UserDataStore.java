package dev.atrium.core.user;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Storage of what a user keeps beside their row: custom params and registered z-addresses. Every call joins
 * the caller's transaction.
 */
public interface UserDataStore {
  /** The user's params, as {@link dev.atrium.core.JsonData#copyOf} makes them; empty if none. */
  Map<String, @Nullable Object> params(long userId);

  /** Replaces the user's params; an empty map removes them. */
  void setParams(long userId, Map<String, @Nullable Object> params);

  /** The user's z-addresses, the newest first. */
  List<ZAddress> zAddresses(long userId);

  Optional<ZAddress> zAddress(String zAddress);

  /** Stores the z-address, replacing the one with the same address (its owner, title and creation time). */
  void putZAddress(ZAddress zAddress);

  /** Gives every z-address of {@code fromUserId} to {@code intoUserId}; returns how many moved. */
  int moveZAddresses(long fromUserId, long intoUserId);
}
