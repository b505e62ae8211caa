package dev.atrium.core.cert;

import java.util.List;

/** One group of a certificate's details ("General", "Validity", "Public Key", …), as name/value pairs. */
public record CertSection(String name, List<Field> attributes) {
  public CertSection {
    attributes = List.copyOf(attributes);
  }

  public record Field(String name, String value) {}
}
