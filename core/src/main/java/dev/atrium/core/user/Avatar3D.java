package dev.atrium.core.user;

import static dev.atrium.core.error.AtriumException.require;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A user's 3D avatar (Ready Player Me): the asset, the skin chosen per variant, the URL of its GLB file and
 * the Ready Player Me user id that recovers the avatar session. A user without one has none at all
 * ({@link User#avatar3D()} is absent): an avatar whose every part is empty is no avatar, see {@link #isEmpty}.
 */
public record Avatar3D(
    @Nullable String assetId,
    Map<String, String> assetSkins,
    @Nullable String avatarUrl,
    @Nullable String avatarUserId) {

  public static final int MAX_ID_LENGTH = 256;
  public static final int MAX_URL_LENGTH = 2048;
  public static final int MAX_SKINS = 100;

  public Avatar3D {
    assetId = blankToNull(assetId);
    avatarUrl = blankToNull(avatarUrl);
    avatarUserId = blankToNull(avatarUserId);
    assetSkins = java.util.Collections.unmodifiableMap(new TreeMap<>(assetSkins));
  }

  public boolean isEmpty() {
    return assetId == null && assetSkins.isEmpty() && avatarUrl == null && avatarUserId == null;
  }

  /** Checks the limits; an avatar that breaks one is {@code Invalid}. */
  public Avatar3D checked() {
    require(assetId == null || assetId.length() <= MAX_ID_LENGTH,
        "avatar3D.assetId must be at most " + MAX_ID_LENGTH + " characters long");
    require(avatarUserId == null || avatarUserId.length() <= MAX_ID_LENGTH,
        "avatar3D.avatarUserId must be at most " + MAX_ID_LENGTH + " characters long");
    require(avatarUrl == null || avatarUrl.length() <= MAX_URL_LENGTH,
        "avatar3D.avatarUrl must be at most " + MAX_URL_LENGTH + " characters long");
    require(assetSkins.size() <= MAX_SKINS, "avatar3D.assetSkins must have at most " + MAX_SKINS + " entries");
    assetSkins.forEach((variant, skin) -> {
      require(!variant.isEmpty() && variant.length() <= MAX_ID_LENGTH,
          "avatar3D.assetSkins keys must be 1 to " + MAX_ID_LENGTH + " characters long");
      require(skin.length() <= MAX_ID_LENGTH,
          "avatar3D.assetSkins values must be at most " + MAX_ID_LENGTH + " characters long");
    });
    return this;
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
