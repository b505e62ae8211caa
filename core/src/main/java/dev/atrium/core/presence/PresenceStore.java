package dev.atrium.core.presence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Storage of presences and presence feeds. Every call joins the caller's transaction. */
public interface PresenceStore {
  Optional<PresenceRecord> get(long userId);

  /** Stores the user's presence, replacing any. */
  void put(PresenceRecord presence);

  /** Replaces {@code expected} with {@code next} only if the stored one still equals {@code expected}. */
  boolean replace(PresenceRecord expected, PresenceRecord next);

  /** An enabled user with their stored presence, if they have one. */
  record Listed(long userId, Instant userCreatedAt, @Nullable PresenceRecord presence) {}

  /** Enabled users with an id above {@code afterUserId}, ascending by id, at most {@code limit}. */
  List<Listed> enabled(long afterUserId, int limit);

  /** Presences other than OFFLINE last refreshed at or before {@code seenBefore}, at most {@code limit}. */
  List<PresenceRecord> stale(Instant seenBefore, int limit);

  /**
   * The presences whose visible category changed after the position ({@code after}, {@code afterUserId}) and
   * at or before {@code upTo}, ordered by that change and then user id, at most {@code limit}. A presence
   * changes when it is set ({@code setAt}), and when a category other than OFFLINE runs out: at
   * {@code seenAt + ttl}.
   */
  List<PresenceRecord> changed(Instant after, long afterUserId, Instant upTo, Duration ttl, int limit);

  void insertFeed(PresenceFeed feed);

  Optional<PresenceFeed> feed(String id);

  void updateFeed(PresenceFeed feed);

  void deleteFeed(String id);

  /** Removes the feeds last read (or, never read, created) before {@code cutoff}; returns how many. */
  int deleteFeedsReadBefore(Instant cutoff);
}
