package dev.atrium.server.hostile.rocketchat;

import java.util.List;
import java.util.Map;

/**
 * The request bodies Rocket.Chat's routes read, as records for {@code Shapes} to learn their fields from: the dialect
 * reads its bodies as JSON trees (to answer in ajv's words), so it has no records of its own to learn from. A route
 * added to the dialect adds its body's fields here.
 */
final class RocketChatBodies {
  private RocketChatBodies() {}

  record Login(String user, String username, String email, String password, String code, String resume) {}

  record Grant(String _id, List<String> roles) {}

  record PermissionsUpdate(List<Grant> permissions) {}

  record UserFields(String name, String username, String email, String password, String pass, boolean active,
      List<String> roles, boolean verified, boolean requirePasswordChange, Map<String, String> customFields) {}

  record UserChange(String userId, UserFields data, boolean activeStatus, String status, String message,
      String avatarUrl, String tokenName, boolean bypassTwoFactor) {}

  record RoomFields(String name, List<String> members, boolean readOnly, String roomId, String roomName,
      String username, String usernames, String rid, String channel, String text, String alias) {}

  record Message(String rid, String msg, String _id) {}

  record SendMessage(Message message) {}
}
