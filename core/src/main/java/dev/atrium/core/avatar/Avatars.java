package dev.atrium.core.avatar;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.user.Roles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserAdmin;
import dev.atrium.core.user.Users;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * User pictures. An upload is decoded, scaled to each size and stored as PNG under a new version; the
 * user then points at that version. A version never changes, so its URL and ETag can be cached forever.
 */
public final class Avatars {
  public static final int MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

  /** The sizes stored for each picture: name and longest side in pixels. */
  public enum Size {
    ORIGINAL("original", 600),
    SMALL("small", 128);

    public final String label;
    final int maxSide;

    Size(String label, int maxSide) {
      this.label = label;
      this.maxSide = maxSide;
    }

    public static Optional<Size> of(String label) {
      for (Size size : values()) {
        if (size.label.equals(label)) {
          return Optional.of(size);
        }
      }
      return Optional.empty();
    }
  }

  /** One stored picture: its size name and where it is served. */
  public record Link(String size, String url) {}

  private final BlobStore blobs;
  private final Users users;
  private final UserAdmin userAdmin;
  private final Supplier<String> publicUrl;

  /** {@code publicUrl} gives the base of the links; it is asked each time (the port may be known late). */
  public Avatars(BlobStore blobs, Users users, UserAdmin userAdmin, Supplier<String> publicUrl) {
    this.blobs = blobs;
    this.users = users;
    this.userAdmin = userAdmin;
    this.publicUrl = publicUrl;
  }

  /** The links of a user's current picture; empty if they never uploaded one. */
  public List<Link> links(User user) {
    if (user.avatarVersion() == 0) {
      return List.of();
    }
    return List.of(Size.values()).stream()
        .map(size -> new Link(size.label, url(user.id(), user.avatarVersion(), size)))
        .toList();
  }

  /**
   * The avatar Roomful shows: the avatar string the user set ({@code user:changeAvatar}), else the URL of the
   * uploaded picture, else the empty string.
   */
  public String shown(User user) {
    if (user.avatar() != null) {
      return user.avatar();
    }
    return user.avatarVersion() == 0 ? "" : url(user.id(), user.avatarVersion(), Size.ORIGINAL);
  }

  public String url(long userId, int version, Size size) {
    String base = publicUrl.get();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/avatars/" + userId + "/" + version + "/" + size.label + ".png";
  }

  /** Replaces a user's picture with the image given (PNG, JPEG, GIF or BMP, under 2 MB). */
  public User update(User actor, long userId, byte[] image) {
    Roles.require(actor, Roles.USER_ADMINS);
    return stored(actor, userId, image);
  }

  /** A user replaces their own picture, as {@link #update} does. */
  public User updateOwn(User user, byte[] image) {
    return stored(user, user.id(), image);
  }

  private User stored(User actor, long userId, byte[] image) {
    require(image.length > 0, "image is required");
    require(image.length < MAX_UPLOAD_BYTES, "image must be smaller than 2 MB");
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException | RuntimeException e) {
      decoded = null;
    }
    if (decoded == null || decoded.getWidth() == 0 || decoded.getHeight() == 0) {
      throw AtriumException.invalid("image is not a PNG, JPEG, GIF or BMP image");
    }
    User user = users.get(userId);
    int version = user.avatarVersion() + 1;
    for (Size size : Size.values()) {
      blobs.put(key(userId, version, size), png(scaled(decoded, size.maxSide)));
    }
    return actor.id() == userId && !actor.hasAnyRole(Roles.USER_ADMINS)
        ? userAdmin.setOwnAvatarVersion(actor, version) : userAdmin.setAvatarVersion(actor, userId, version);
  }

  /** The PNG bytes of one stored picture. */
  public Optional<byte[]> image(long userId, int version, Size size) {
    return blobs.get(key(userId, version, size));
  }

  private static String key(long userId, int version, Size size) {
    return "avatars/" + userId + "/" + version + "-" + size.label + ".png";
  }

  private static BufferedImage scaled(BufferedImage source, int maxSide) {
    int w = source.getWidth();
    int h = source.getHeight();
    double factor = Math.min(1.0, (double) maxSide / Math.max(w, h));
    int tw = Math.max(1, (int) Math.round(w * factor));
    int th = Math.max(1, (int) Math.round(h * factor));
    BufferedImage target = new BufferedImage(tw, th, BufferedImage.TYPE_INT_ARGB);
    var g = target.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, tw, th, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  private static byte[] png(BufferedImage image) {
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
