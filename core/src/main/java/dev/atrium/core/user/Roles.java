package dev.atrium.core.user;

import dev.atrium.core.error.AtriumException;
import java.util.List;
import java.util.Set;

/**
 * The global roles a user may hold (the names are Symphony's), and the rules on who may act on whom with them.
 */
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

  /** Refuses an actor who holds none of the roles. */
  public static void require(User actor, Set<String> roles) {
    if (!actor.hasAnyRole(roles)) {
      throw AtriumException.forbidden("The user lacks the required entitlement to perform this operation");
    }
  }

  /**
   * Refuses an actor less privileged than the account it would act on: an account holding an administrator role
   * is changed only by an actor as privileged, so that a user provisioner cannot take over an administrator by
   * resetting its key.
   */
  public static void requireManages(User actor, User user) {
    if (user.roles().contains(SUPER_ADMINISTRATOR) && !actor.roles().contains(SUPER_ADMINISTRATOR)) {
      throw AtriumException.forbidden("Only a SUPER_ADMINISTRATOR can change a SUPER_ADMINISTRATOR");
    }
    if (user.hasAnyRole(POD_ADMINS) && !actor.hasAnyRole(POD_ADMINS)) {
      throw AtriumException.forbidden("Only an administrator can change an administrator");
    }
  }

  /** Refuses a role that is not one of {@link #ALL}. */
  static void requireKnown(Set<String> roles) {
    for (String role : roles) {
      AtriumException.require(ALL.contains(role), "Unknown role: " + role);
    }
  }

  /** Only a super administrator may hand out (or take away) the super administrator role. */
  static void requireGrantable(User actor, Set<String> roles) {
    if (roles.contains(SUPER_ADMINISTRATOR) && !actor.roles().contains(SUPER_ADMINISTRATOR)) {
      throw AtriumException.forbidden("Only a SUPER_ADMINISTRATOR can grant the SUPER_ADMINISTRATOR role");
    }
  }
}
