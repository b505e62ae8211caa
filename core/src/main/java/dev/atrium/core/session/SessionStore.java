package dev.atrium.core.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Storage of sessions; every call joins the caller's transaction. */
public interface SessionStore {
  void insert(Session session);

  Optional<Session> byTokenHash(String tokenHash);

  Optional<Session> byId(String sessionId);

  void touch(String sessionId, Instant lastUsedAt);

  /** Revokes one session; false if it did not exist or was revoked already. */
  boolean revoke(String sessionId);

  /** Revokes every live session of the user and returns their ids. */
  List<String> revokeAllOf(long userId);

  /** Revokes every live session of the user except one and returns their ids. */
  List<String> revokeAllOfExcept(long userId, String keepSessionId);

  /** Stores a new session of kind {@code PERSONAL} with what its user sees of it. */
  void insertPersonal(Session session, PersonalToken token);

  /** The user's personal tokens whose sessions are not revoked, oldest first. */
  List<PersonalToken> personalTokens(long userId);

  /**
   * Deletes sessions that expired before the instant, and revoked personal tokens (which never expire, and whose
   * names must not pile up); returns how many.
   */
  int deleteExpiredBefore(Instant instant);
}
