package dev.atrium.socketio;

/**
 * Called once for every socket that was admitted, when it goes away, after every event handler of that
 * socket has returned; on the socket's own virtual thread.
 */
@FunctionalInterface
public interface DisconnectListener {
  void onDisconnect(Socket socket, DisconnectReason reason);
}
