package dev.atrium.socketio;

/**
 * The time heartbeats and timeouts are measured on: nanoseconds from an arbitrary origin that never go back,
 * as {@link System#nanoTime()} reads them. A test passes a ticker it moves itself, so that a ping is sent and a
 * silent socket closed exactly when the test says, whatever the speed of the machine.
 */
@FunctionalInterface
public interface Ticker {
  /** Now, in nanoseconds from the ticker's origin. */
  long read();

  /** {@link System#nanoTime()}: monotonic, so a wall clock set back or forward neither spares nor kills a socket. */
  static Ticker system() {
    return System::nanoTime;
  }
}
