package dev.atrium.core.user;

import java.util.List;
import java.util.Set;

/** The global roles a user may hold; the names are Symphony's. */
public final class Roles {
  public static final String SUPER_ADMINISTRATOR = "SUPER_ADMINISTRATOR";
  public static final String ADMINISTRATOR = "ADMINISTRATOR";
  public static final String USER_PROVISIONING = "USER_PROVISIONING";
  public static final String INDIVIDUAL = "INDIVIDUAL";

  /** Every role, in the order the system lists them. */
  public static final List<String> ALL = List.of(
      "AUDIT_TRAIL_MANAGEMENT", "CONTENT_MANAGEMENT", "COMPLIANCE_OFFICER", INDIVIDUAL, "L1_SUPPORT", "L2_SUPPORT",
      "SCOPE_MANAGEMENT", ADMINISTRATOR, "SUPER_COMPLIANCE_OFFICER", SUPER_ADMINISTRATOR, USER_PROVISIONING,
      "MALWARE_SCAN_MANAGER", "MALWARE_SCAN_STATE_USER");

  /** Who may manage users. */
  public static final Set<String> USER_ADMINS = Set.of(SUPER_ADMINISTRATOR, ADMINISTRATOR, USER_PROVISIONING);

  /** Who may change pod-wide settings (disclaimers, app entitlements, roles of others). */
  public static final Set<String> POD_ADMINS = Set.of(SUPER_ADMINISTRATOR, ADMINISTRATOR);

  private Roles() {}
}
