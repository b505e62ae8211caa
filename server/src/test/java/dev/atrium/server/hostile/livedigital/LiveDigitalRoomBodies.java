package dev.atrium.server.hostile.livedigital;

/**
 * The bodies of LiveDigital's room routes ({@code LiveDigitalRooms}), as records for {@code Shapes} to learn their
 * fields from: create and update a room, give a room role, generate a guest link.
 */
final class LiveDigitalRoomBodies {
  private LiveDigitalRoomBodies() {}

  record Room(String name, Boolean isPublic, Boolean isScreensharingAllowed, Boolean isChatAllowed, String type) {}

  record Role(String targetUserId, String role) {}

  record GenerateAccess(String username, String role, String externalUserId, Long ttl, Boolean isPermanent,
      String email, String phone) {}
}
