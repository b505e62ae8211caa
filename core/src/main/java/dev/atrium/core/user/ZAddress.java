package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A z-address a user registered for end-to-end encrypted messaging, with the title of the client that made
 * it. A z-address belongs to one user: the key is the address itself.
 */
public record ZAddress(long userId, String zAddress, String title, Instant createdAt) {
  public static final int MAX_ADDRESS_LENGTH = 128;
  public static final int MAX_TITLE_LENGTH = 256;
  /** Verus z-addresses are bech32 ("zs1…", 78 characters); any base58/bech32-like word is taken. */
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9]+");

  public static String checkAddress(String zAddress) {
    require(!zAddress.isEmpty(), "zAddress is required");
    require(zAddress.length() <= MAX_ADDRESS_LENGTH,
        "zAddress must be at most " + MAX_ADDRESS_LENGTH + " characters long");
    require(ADDRESS.matcher(zAddress).matches(), "zAddress must contain only letters and digits");
    return zAddress;
  }

  public static String checkTitle(String title) {
    require(title.length() <= MAX_TITLE_LENGTH, "title must be at most " + MAX_TITLE_LENGTH + " characters long");
    return title;
  }
}
