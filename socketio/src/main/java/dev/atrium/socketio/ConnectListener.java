package dev.atrium.socketio;

/**
 * Decides whether a new socket may connect. It runs on the socket's own virtual thread, so it may block (look
 * up a session in the database); it reads {@link Socket#handshake()} and may {@link Socket#attach} state. Events
 * the listener emits reach the client right after its connect packet.
 */
@FunctionalInterface
public interface ConnectListener {
  Admission onConnect(Socket socket);
}
