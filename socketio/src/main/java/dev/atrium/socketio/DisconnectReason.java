package dev.atrium.socketio;

/** Why a socket went away; the labels are the reasons socket.io's own server reports, where it has one. */
public enum DisconnectReason {
  /** The client called {@code socket.disconnect()} (it sent a disconnect packet). */
  CLIENT_DISCONNECT("client namespace disconnect"),
  /** The application called {@link Socket#disconnect()}. */
  SERVER_DISCONNECT("server namespace disconnect"),
  /** The websocket closed without a disconnect packet (tab closed, network lost, process killed). */
  TRANSPORT_CLOSE("transport close"),
  /** The websocket failed (I/O error, message larger than the maximum payload). */
  TRANSPORT_ERROR("transport error"),
  /** No heartbeat in time: v3, no packet from the client within pingInterval + pingTimeout; v4, no pong within pingTimeout. */
  PING_TIMEOUT("ping timeout"),
  /** The client sent a frame that is not a valid packet, or a binary one; only that socket is closed. */
  PARSE_ERROR("parse error"),
  /** The client sent events faster than the handlers consumed them, past the configured bound. */
  TOO_MANY_PENDING_EVENTS("too many pending events"),
  /** The client did not read what was sent to it, and the outgoing queue passed the configured bound. */
  SEND_QUEUE_FULL("send queue full"),
  /** The server is stopping. */
  SERVER_SHUTTING_DOWN("server shutting down");

  private final String label;

  DisconnectReason(String label) {
    this.label = label;
  }

  /** The reason as socket.io's server words it, e.g. {@code "transport close"}. */
  public String label() {
    return label;
  }
}
