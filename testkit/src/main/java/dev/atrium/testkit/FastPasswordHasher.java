package dev.atrium.testkit;

import dev.atrium.core.session.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Salted SHA-256: far too cheap for real passwords, quick enough to hash in every test. Each hash names the
 * hasher's {@code version}; a hash of another version needs a rehash, which lets a test see rehash-on-login.
 */
public final class FastPasswordHasher implements PasswordHasher {
  private static final String PREFIX = "fast-";
  private final String version;

  public FastPasswordHasher() {
    this("v1");
  }

  public FastPasswordHasher(String version) {
    if (version.isEmpty() || version.contains("$")) {
      throw new IllegalArgumentException("version must be non-empty and free of '$', got '" + version + "'");
    }
    this.version = version;
  }

  @Override
  public String hash(String password) {
    byte[] salt = new byte[8];
    ThreadLocalRandom.current().nextBytes(salt);
    return PREFIX + version + "$" + base64(salt) + "$" + base64(digest(salt, password));
  }

  @Override
  public boolean verify(String password, String hash) {
    String[] parts = hash.split("\\$");
    if (parts.length != 3 || !parts[0].startsWith(PREFIX)) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(parts[1]);
    return MessageDigest.isEqual(digest(salt, password), Base64.getDecoder().decode(parts[2]));
  }

  @Override
  public boolean needsRehash(String hash) {
    return !hash.startsWith(PREFIX + version + "$");
  }

  private static byte[] digest(byte[] salt, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
