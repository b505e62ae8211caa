package dev.atrium.core.admin;

import java.time.Instant;

/** Text a user must accept, shown again every {@code frequencyInHours}. At most one is the default. */
public record Disclaimer(
    String id, String name, String content, int frequencyInHours, boolean isDefault, boolean isActive,
    Format format, Instant createdAt, Instant modifiedAt) {

  public enum Format {
    TEXT,
    XML
  }
}
