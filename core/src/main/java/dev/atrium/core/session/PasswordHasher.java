package dev.atrium.core.session;

/** One-way password hashing; the hash string names its own algorithm and cost. */
public interface PasswordHasher {
  String hash(String password);

  boolean verify(String password, String hash);

  /** True if the hash was made with another algorithm or cost than the current one. */
  boolean needsRehash(String hash);
}
