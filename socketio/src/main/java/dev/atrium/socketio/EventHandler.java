package dev.atrium.socketio;

/**
 * Handles a client's event. Handlers of one socket run one at a time in the order the events arrived, on a
 * virtual thread (never on Jetty's selector), so they may block; handlers of different sockets run in parallel.
 */
@FunctionalInterface
public interface EventHandler {
  void handle(Event event);
}
