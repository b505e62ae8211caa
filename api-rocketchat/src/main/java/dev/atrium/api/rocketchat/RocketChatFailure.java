package dev.atrium.api.rocketchat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer of Rocket.Chat's own that no domain error says: a coded error ({@code "<reason> [<code>]"} with its
 * {@code errorType}), a refused login with its compatibility fields. Thrown inside a route, written as it is by the
 * dialect's handler.
 */
final class RocketChatFailure extends RuntimeException {
  private final int status;
  private final Map<String, Object> body;

  private RocketChatFailure(int status, Map<String, Object> body) {
    super(String.valueOf(body.get("error")), null, false, false);
    this.status = status;
    this.body = Map.copyOf(body);
  }

  /** 400 {@code {success:false, error}}: Rocket.Chat's {@code failure(message)}. */
  static RocketChatFailure failure(String error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", error);
    return new RocketChatFailure(400, body);
  }

  /** 400 {@code {success:false, error, errorType}}: Rocket.Chat's {@code failure(message, errorType)}. */
  static RocketChatFailure failure(String error, String errorType) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", error);
    body.put("errorType", errorType);
    return new RocketChatFailure(400, body);
  }

  /** 400 {@code {success:false, error:"<reason> [<code>]", errorType:"<code>"}}: a thrown {@code Meteor.Error}. */
  static RocketChatFailure coded(String code, String reason) {
    return coded(400, code, reason);
  }

  static RocketChatFailure coded(int status, String code, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", reason + " [" + code + "]");
    body.put("errorType", code);
    return new RocketChatFailure(status, body);
  }

  /**
   * 400 for a {@code Meteor.Error} thrown with a code and no reason: Meteor writes its message as {@code "[<code>]"}.
   */
  static RocketChatFailure codeOnly(String code) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", "[" + code + "]");
    body.put("errorType", code);
    return new RocketChatFailure(400, body);
  }

  /** 403 {@code {success:false, error:"unauthorized"}}: Rocket.Chat's {@code forbidden()} before 8.0. */
  static RocketChatFailure forbidden() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("error", "unauthorized");
    return new RocketChatFailure(403, body);
  }

  /**
   * 401 as the login route answers a refused login: {@code error} is the Meteor error's code (a word, or a number
   * for Meteor's own errors) and {@code message} its reason.
   */
  static RocketChatFailure loginRefused(Object error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("status", "error");
    body.put("error", error);
    body.put("message", message);
    return new RocketChatFailure(401, body);
  }

  int status() {
    return status;
  }

  /** The body in the order Rocket.Chat writes it. */
  Map<String, Object> body() {
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (String key : new String[] {"success", "status", "error", "errorType", "message"}) {
      Object value = body.get(key);
      if (value != null) {
        ordered.put(key, value);
      }
    }
    return ordered;
  }
}
