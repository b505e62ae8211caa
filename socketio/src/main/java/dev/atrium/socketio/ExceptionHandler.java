package dev.atrium.socketio;

/**
 * Told when an {@link EventHandler} throws; the socket stays connected. The default one logs the exception.
 * It may still answer {@code event.ack()} if the handler did not.
 */
@FunctionalInterface
public interface ExceptionHandler {
  void onException(Event event, RuntimeException exception);
}
