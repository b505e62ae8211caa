package dev.atrium.core.badge;

import java.util.List;
import java.util.Optional;

/** Storage of badges. Every call joins the caller's transaction. */
public interface BadgeStore {
  /** Stores a new badge; a second badge of one type for one user raises {@code Conflict}. */
  void insert(Badge badge);

  /** Replaces the data and update time of the stored badge with the same id. */
  void update(Badge badge);

  Optional<Badge> byId(String id);

  Optional<Badge> of(long userId, String badgeType);

  /** The user's badges, oldest first. */
  List<Badge> ofUser(long userId);

  boolean delete(String id);

  /** Badges of one type of all users, by creation time then id. */
  List<Badge> ofType(String badgeType, int offset, int limit);

  /** Gives {@code fromUserId}'s badges to {@code intoUserId}, except the types it has; returns how many moved. */
  int move(long fromUserId, long intoUserId);
}
