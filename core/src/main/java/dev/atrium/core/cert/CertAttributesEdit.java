package dev.atrium.core.cert;

import org.jspecify.annotations.Nullable;

/** A change of attributes: each field given replaces the current one, an absent one keeps it. */
public record CertAttributesEdit(@Nullable String name, @Nullable CertType type, @Nullable CertStatus status) {
  CertAttributes applyTo(CertAttributes current) {
    return new CertAttributes(name != null ? name : current.name(), type != null ? type : current.type(),
        status != null ? status : current.status());
  }
}
