package dev.atrium.socketio;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The answer to one client event that asked for an acknowledgement. It is sent at most once: the first
 * {@link #send} sends, later calls do nothing and return false. An event that did not ask for one gets
 * {@link #requested()} false, and its {@code send} does nothing.
 */
public final class Ack {
  static final Ack NONE = new Ack(null, -1);

  private final @Nullable Socket socket;
  private final long id;
  private final AtomicBoolean sent = new AtomicBoolean();

  Ack(@Nullable Socket socket, long id) {
    this.socket = socket;
    this.id = id;
  }

  /** Whether the client asked for an answer to this event. */
  public boolean requested() {
    return socket != null;
  }

  /** Whether the answer was sent (or attempted on a socket that has since closed). */
  public boolean sent() {
    return sent.get();
  }

  /**
   * Sends the answer; its arguments become the arguments of the client's callback, serialised as JSON.
   *
   * @return true if this call sent it; false if it was already sent, was not requested, or the socket has closed
   */
  public boolean send(@Nullable Object... args) {
    Socket target = socket;
    if (target == null || !sent.compareAndSet(false, true)) {
      return false;
    }
    return target.sendAck(id, args == null ? new Object[] {null} : args);
  }

  @Override
  public String toString() {
    return socket == null ? "Ack[none]" : "Ack[" + id + (sent.get() ? ", sent]" : "]");
  }
}
