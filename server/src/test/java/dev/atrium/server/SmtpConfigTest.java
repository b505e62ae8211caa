package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpConfigTest {
  @Test
  void withoutAnSmtpHost_mailIsKeptLocally_andLinksLastADay() {
    Config config = Config.from(Map.of());
    assertThat(config.smtp()).isNull();
    assertThat(config.verificationTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(Config.from(Map.of("ATRIUM_VERIFICATION_TTL_HOURS", "2")).verificationTtl())
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void anSmtpHost_defaultsToRequiredStarttlsOnPort587() {
    Config.Smtp smtp = Config.from(Map.of("ATRIUM_SMTP_HOST", "mail.example.com",
        "ATRIUM_SMTP_FROM", "Atrium <atrium@example.com>")).smtp();
    assertThat(smtp).isEqualTo(new Config.Smtp("mail.example.com", 587, null, null, "Atrium <atrium@example.com>",
        Config.Smtp.Security.STARTTLS));
  }

  @Test
  void tls_isPort465_noneIsPort25_andAPortGivenWins() {
    assertThat(Config.from(Map.of("ATRIUM_SMTP_HOST", "mail.example.com", "ATRIUM_SMTP_FROM", "a@example.com",
        "ATRIUM_SMTP_TLS", "true")).smtp())
        .isEqualTo(new Config.Smtp("mail.example.com", 465, null, null, "a@example.com", Config.Smtp.Security.TLS));
    assertThat(Config.from(Map.of("ATRIUM_SMTP_HOST", "10.0.0.5", "ATRIUM_SMTP_FROM", "a@example.com",
        "ATRIUM_SMTP_STARTTLS", "FALSE", "ATRIUM_SMTP_USER", "relay", "ATRIUM_SMTP_PASSWORD", "s3cret",
        "ATRIUM_SMTP_PORT", "2525")).smtp())
        .isEqualTo(new Config.Smtp("10.0.0.5", 2525, "relay", "s3cret", "a@example.com", Config.Smtp.Security.NONE));
  }

  @Test
  void thePassword_isNotShownWhenTheSettingsArePrinted() {
    Config.Smtp smtp = Config.from(Map.of("ATRIUM_SMTP_HOST", "mail.example.com", "ATRIUM_SMTP_FROM",
        "a@example.com", "ATRIUM_SMTP_USER", "relay", "ATRIUM_SMTP_PASSWORD", "s3cret")).smtp();
    assertThat(String.valueOf(smtp)).isEqualTo(
        "Smtp[mail.example.com:587, STARTTLS, from a@example.com, user relay, password ***]");
  }

  @Test
  void everyBadSmtpSetting_isNamed() {
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_SMTP_HOST", "mail example", "ATRIUM_SMTP_TLS", "yes",
        "ATRIUM_SMTP_PORT", "0", "ATRIUM_SMTP_USER", "relay", "ATRIUM_SMTP_FROM", "not an address",
        "ATRIUM_VERIFICATION_TTL_HOURS", "0")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            "ATRIUM_SMTP_HOST must be a host name or address, got 'mail example'",
            "ATRIUM_SMTP_TLS must be true or false, got 'yes'",
            "ATRIUM_SMTP_PORT must be an integer from 1 to 65535, got '0'",
            "ATRIUM_SMTP_USER and ATRIUM_SMTP_PASSWORD must be set together",
            "ATRIUM_SMTP_FROM must be an email address, optionally with a name (Atrium <atrium@example.com>), got"
                + " 'not an address'",
            "ATRIUM_VERIFICATION_TTL_HOURS must be an integer from 1 to 720, got '0'"));
  }

  @Test
  void tlsAndStarttlsTogether_orNoSender_areRefused() {
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_SMTP_HOST", "mail.example.com", "ATRIUM_SMTP_TLS", "true",
        "ATRIUM_SMTP_STARTTLS", "true")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage(String.join("\n",
            "ATRIUM_SMTP_TLS and ATRIUM_SMTP_STARTTLS cannot both be true: TLS from the start, or an upgrade with"
                + " STARTTLS",
            "ATRIUM_SMTP_FROM is required when ATRIUM_SMTP_HOST is set: the sender of every mail"));
  }

  @Test
  void smtpSettingsWithoutAHost_areRefused_ratherThanIgnored() {
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_SMTP_PORT", "25", "ATRIUM_SMTP_FROM", "a@example.com")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_SMTP_PORT, ATRIUM_SMTP_FROM are set but ATRIUM_SMTP_HOST is not");
    assertThatThrownBy(() -> Config.from(Map.of("ATRIUM_SMTP_PASSWORD", "x")))
        .isInstanceOf(Config.Invalid.class)
        .hasMessage("ATRIUM_SMTP_PASSWORD is set but ATRIUM_SMTP_HOST is not");
  }
}
