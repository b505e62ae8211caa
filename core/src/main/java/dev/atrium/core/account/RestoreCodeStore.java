package dev.atrium.core.account;

import java.time.Instant;
import java.util.Optional;

/** Storage of password-restore codes, one per user; every call joins the caller's transaction. */
public interface RestoreCodeStore {
  /** The user's code, locked until the transaction ends, so that two tries are counted one after the other. */
  Optional<RestoreCode> lock(long userId);

  /** Stores the code, replacing the user's previous one. */
  void save(RestoreCode code);

  /** Deletes the codes that expired before the instant; returns how many. */
  int deleteExpiredBefore(Instant instant);
}
