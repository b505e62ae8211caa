package dev.atrium.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text (RFC 7468): DER bytes in base64 between {@code -----BEGIN label-----} and {@code -----END label-----}.
 * The one place that reads and writes it, for certificates and for RSA public keys. Each caller words its own
 * refusal, so the readers here throw {@link IllegalArgumentException} for text that is not what they want.
 */
public final class Pem {
  public static final String CERTIFICATE = "CERTIFICATE";
  public static final String PUBLIC_KEY = "PUBLIC KEY";

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Pem() {}

  /** One block of a PEM text: its base64 body, whitespace removed. */
  public record Block(String base64) {
    /** The block's bytes; {@link IllegalArgumentException} if its body is not base64. */
    public byte[] der() {
      return Base64.getDecoder().decode(base64);
    }
  }

  /** Every block with this label in the text, in order; text outside the blocks is ignored. */
  public static List<Block> blocks(String text, String label) {
    Matcher m = Pattern.compile("-----BEGIN " + Pattern.quote(label) + "-----(.*?)-----END " + Pattern.quote(label)
        + "-----", Pattern.DOTALL).matcher(text);
    List<Block> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(new Block(WHITESPACE.matcher(m.group(1)).replaceAll("")));
    }
    return blocks;
  }

  /** The bytes as one block of PEM text, 64 characters a line, ending with a line break. */
  public static String encode(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /**
   * The RSA public key of a PEM text holding exactly one {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo);
   * {@link IllegalArgumentException} for anything else.
   */
  public static RSAPublicKey rsaPublicKey(String text) {
    List<Block> blocks = blocks(text, PUBLIC_KEY);
    if (blocks.size() != 1) {
      throw new IllegalArgumentException("not exactly one " + PUBLIC_KEY + " block");
    }
    try {
      if (KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(blocks.getFirst().der()))
          instanceof RSAPublicKey key) {
        return key;
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      // A parser meeting hostile bytes may throw anything; all of it means the same to the caller.
      throw new IllegalArgumentException("not an RSA public key", e);
    }
    throw new IllegalArgumentException("not an RSA public key");
  }
}
