package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.Pem;
import dev.atrium.core.audit.AuditEntry;
import dev.atrium.core.audit.AuditLog;
import dev.atrium.core.error.AtriumException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's RSA public keys (the current one and the previous one, with which a Symphony user or bot signs its
 * login), changed as part of an administrator's create or update of the account: saved, revoked or extended,
 * each change audited.
 */
final class UserKeys {
  /** How long a replaced key keeps working when it had no expiry of its own. */
  static final long PREVIOUS_KEY_HOURS = 72;
  static final int MIN_RSA_BITS = 2048;

  private final UserStore store;
  private final AuditLog audit;
  private final InstantSource clock;

  UserKeys(UserStore store, AuditLog audit, InstantSource clock) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** Saves, revokes or extends one of the user's keys; joins the caller's transaction. */
  void apply(User actor, long userId, KeyChange change) {
    Optional<UserKey> existing = store.keys(userId).stream().filter(k -> k.slot() == change.slot()).findFirst();
    Instant now = clock.instant();
    switch (change.action()) {
      case SAVE -> {
        String given = change.pem();
        if (given == null) {
          throw AtriumException.invalid("A key to save needs its PEM text");
        }
        String pem = normalised(given);
        require(change.expiresAt() == null || change.expiresAt().isAfter(now),
            "The key's expiration date must be in the future");
        if (change.slot() == UserKey.Slot.CURRENT) {
          existing.ifPresent(old -> store.putKey(new UserKey(userId, UserKey.Slot.PREVIOUS, old.pem(),
              old.expiresAt() == null ? now.plusSeconds(PREVIOUS_KEY_HOURS * 3600) : old.expiresAt())));
        }
        store.putKey(new UserKey(userId, change.slot(), pem, change.expiresAt()));
      }
      case REVOKE -> store.removeKey(userId, change.slot());
      case EXTEND -> {
        UserKey key = existing.orElseThrow(() -> AtriumException.invalid("The user has no such key to extend"));
        require(change.expiresAt() != null && change.expiresAt().isAfter(now),
            "An extension needs an expiration date in the future");
        store.putKey(new UserKey(userId, key.slot(), key.pem(), change.expiresAt()));
      }
    }
    audit.append(new AuditEntry(actor.id(), "user.key." + change.action().name().toLowerCase(Locale.ROOT),
        AdminChanges.target(userId), existing.map(UserKey::pem).orElse(null), change.pem(), now));
  }

  /** The key as it is stored: an RSA public key of at least {@link #MIN_RSA_BITS} bits, in canonical PEM. */
  static String normalised(String pem) {
    RSAPublicKey key;
    try {
      key = Pem.rsaPublicKey(pem);
    } catch (IllegalArgumentException e) {
      throw AtriumException.invalid("The key is not an RSA public key in PEM format");
    }
    require(key.getModulus().bitLength() >= MIN_RSA_BITS, "The RSA key must have at least " + MIN_RSA_BITS + " bits");
    return Pem.encode(Pem.PUBLIC_KEY, key.getEncoded());
  }
}
