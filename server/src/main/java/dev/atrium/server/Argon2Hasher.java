package dev.atrium.server;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.atrium.core.session.PasswordHasher;

/** Argon2id through password4j; the hash string carries its own parameters. */
public final class Argon2Hasher implements PasswordHasher {
  private static final int HASH_LENGTH = 32;

  /** Memory in KiB, iterations, parallelism. */
  public record Cost(int memoryKib, int iterations, int parallelism) {
    /** Parses {@code m=19456,t=2,p=1}. */
    public static Cost parse(String text) {
      int m = -1;
      int t = -1;
      int p = -1;
      for (String part : text.split(",")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("must look like m=19456,t=2,p=1 (memory KiB, iterations, parallelism)");
        }
        int value;
        try {
          value = Integer.parseInt(kv[1].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("must look like m=19456,t=2,p=1 (memory KiB, iterations, parallelism)");
        }
        switch (kv[0].strip()) {
          case "m" -> m = value;
          case "t" -> t = value;
          case "p" -> p = value;
          default -> throw new IllegalArgumentException("knows only m, t and p");
        }
      }
      if (m < 8 || t < 1 || p < 1 || p > 16 || m > 4 * 1024 * 1024 || t > 100) {
        throw new IllegalArgumentException("needs m from 8 to 4194304, t from 1 to 100 and p from 1 to 16");
      }
      return new Cost(m, t, p);
    }
  }

  private final Argon2Function function;

  public Argon2Hasher(Cost cost) {
    this.function = Argon2Function.getInstance(cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_LENGTH,
        Argon2.ID);
  }

  @Override
  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(function).getResult();
  }

  @Override
  public boolean verify(String password, String hash) {
    if (!hash.startsWith("$argon2")) {
      return false;
    }
    try {
      return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean needsRehash(String hash) {
    try {
      Argon2Function stored = Argon2Function.getInstanceFromHash(hash);
      return stored.getMemory() != function.getMemory() || stored.getIterations() != function.getIterations()
          || stored.getParallelism() != function.getParallelism() || stored.getVariant() != Argon2.ID;
    } catch (RuntimeException e) {
      return true;
    }
  }
}
