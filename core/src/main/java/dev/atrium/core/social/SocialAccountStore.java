package dev.atrium.core.social;

import java.util.List;
import java.util.Optional;

/** Storage of linked social accounts. Every call joins the caller's transaction. */
public interface SocialAccountStore {
  /** The user's accounts in the order of {@link SocialKind}. */
  List<SocialAccount> of(long userId);

  Optional<SocialAccount> byAccount(SocialKind kind, String socialId);

  /** Stores a link; a (kind, socialId) or (user, kind) already linked raises {@code Conflict}. */
  void insert(SocialAccount account);

  /** Replaces the identity name of a stored link. */
  void update(SocialAccount account);

  /** Removes the user's account of the kind; false if there was none. */
  boolean delete(long userId, SocialKind kind);
}
