package dev.atrium.core.account;

import dev.atrium.core.error.AtriumException;
import org.jspecify.annotations.Nullable;

/**
 * Proof that a human filled a form: a token a captcha widget (hCaptcha, reCAPTCHA, Turnstile) gave the browser,
 * checked with the service that issued it. {@link #OFF} accepts every request without a look.
 */
public interface Captcha {
  /** No captcha: every request passes. */
  Captcha OFF = new Captcha() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public void require(@Nullable String token, @Nullable String remoteAddress) {}
  };

  boolean enabled();

  /**
   * Passes if the token is one the service accepts; {@code Invalid} if it is missing or refused, {@code Unavailable}
   * if the service cannot tell now (a captcha that cannot be checked lets nobody through).
   */
  void require(@Nullable String token, @Nullable String remoteAddress);

  /** The refusal of a missing or refused token, in the same words whichever way it failed. */
  static AtriumException.Invalid refused() {
    return AtriumException.invalid("The captcha was not solved; please try again");
  }
}
