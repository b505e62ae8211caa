package dev.atrium.server.hostile.livedigital;

/**
 * The bodies of LiveDigital's space routes ({@code LiveDigitalSpaces}), for {@code Shapes}: a space's creation and
 * change, and an invite's creation (its role an enum so that the sample is a role the route takes). Activation
 * reads no body.
 */
final class LiveDigitalSpaceBodies {
  private LiveDigitalSpaceBodies() {}

  record Space(String name, Boolean isPublic, String description, String logo) {}

  /** LiveDigital's names of an invite's roles, the first the sample. */
  @SuppressWarnings("JavaCase")
  enum InviteRole {
    role_space_user,
    role_space_moderator
  }

  record Invite(InviteRole role) {}
}
