package dev.atrium.core.account;

import java.time.Instant;
import java.util.Optional;

/** Storage of email verification tokens, one per address; every call joins the caller's transaction. */
public interface EmailTokenStore {
  /** The address's token (the address in lower case), locked until the transaction ends. */
  Optional<EmailToken> lock(String email);

  /** The token with this hash, locked until the transaction ends. */
  Optional<EmailToken> lockByHash(String tokenHash);

  /** Stores the token, replacing the address's previous one. */
  void save(EmailToken token);

  /** Deletes the tokens that expired before the instant; returns how many. */
  int deleteExpiredBefore(Instant instant);
}
