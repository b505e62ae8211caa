package dev.atrium.socketio;

/**
 * An event encoded once, to be sent as is to any number of sockets with {@link Socket#emitRaw(Frame)}.
 * Events of the default namespace are written alike by Socket.IO protocols v4 and v5 ({@code 42[...]}), so
 * one frame fits sockets of both Engine.IO versions. Made by {@link SocketIoServer#encodeEvent}.
 */
public final class Frame {
  private final String text;

  Frame(String text) {
    this.text = text;
  }

  /** The websocket text frame, e.g. {@code 42["user:update",{...}]}. */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return text.length() > 80 ? text.substring(0, 80) + "…" : text;
  }
}
