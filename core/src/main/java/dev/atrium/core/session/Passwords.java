package dev.atrium.core.session;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.NewUser;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with the configured hasher, plus the PBKDF2 material a Symphony admin client computes on
 * its side ({@code hSalt}/{@code hPassword}, PBKDF2-HMAC-SHA256, 10,000 rounds, 256 bits). Such a hash is
 * checked as given and replaced by the configured hash at the first successful login.
 */
public final class Passwords implements PasswordHasher {
  private static final String PBKDF2_PREFIX = "symphony-pbkdf2$";
  private static final int PBKDF2_ROUNDS = 10_000;
  public static final int MAX_LENGTH = 256;
  public static final int MIN_LENGTH = 8;

  private final PasswordHasher hasher;

  public Passwords(PasswordHasher hasher) {
    this.hasher = hasher;
  }

  /** The stored form of a new user's password, or null if none was given. */
  public @org.jspecify.annotations.Nullable String stored(NewUser.Password password) {
    return switch (password) {
      case NewUser.Password.None none -> null;
      case NewUser.Password.Plain plain -> hash(checked(plain.password()));
      case NewUser.Password.SymphonyPbkdf2 block -> {
        AtriumException.require(decodes(block.salt()) && decodes(block.hash()),
            "The salt and the hash of a pre-hashed password must be base64");
        yield PBKDF2_PREFIX + block.salt() + "$" + block.hash();
      }
    };
  }

  /** Checks the rules every new password follows. */
  public static String checked(String password) {
    AtriumException.require(password.length() >= MIN_LENGTH,
        "Password must be at least " + MIN_LENGTH + " characters long");
    AtriumException.require(password.length() <= MAX_LENGTH,
        "Password must be at most " + MAX_LENGTH + " characters long");
    return password;
  }

  @Override
  public String hash(String password) {
    return hasher.hash(password);
  }

  @Override
  public boolean verify(String password, String hash) {
    if (!hash.startsWith(PBKDF2_PREFIX)) {
      return hasher.verify(password, hash);
    }
    String[] parts = hash.substring(PBKDF2_PREFIX.length()).split("\\$", 2);
    if (parts.length != 2) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[0]);
    byte[] expected = Base64.getDecoder().decode(parts[1]);
    return MessageDigest.isEqual(pbkdf2(password, salt, expected.length * 8), expected);
  }

  @Override
  public boolean needsRehash(String hash) {
    return hash.startsWith(PBKDF2_PREFIX) || hasher.needsRehash(hash);
  }

  /** PBKDF2-HMAC-SHA256 as a Symphony client computes it. */
  public static byte[] pbkdf2(String password, byte[] salt, int bits) {
    try {
      var spec = new PBEKeySpec(password.toCharArray(), salt, PBKDF2_ROUNDS, Math.max(bits, 8));
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
    }
  }

  private static boolean decodes(String base64) {
    try {
      return Base64.getDecoder().decode(base64).length > 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
