package dev.atrium.socketio;

import java.util.Objects;
import java.util.Optional;

/** A {@link ConnectListener}'s decision on a new socket. */
public sealed interface Admission {
  /** Lets the socket in; the client gets its connect packet. */
  static Admission accept() {
    return Accept.INSTANCE;
  }

  /**
   * Refuses the socket: the client gets a connect error with this message (v5: {@code connect_error} with
   * {@code err.message}; v4: an {@code error} event with the message) and the connection is closed.
   */
  static Admission reject(String message) {
    return new Reject(message, Optional.empty());
  }

  /** Refuses the socket with extra data (v5: {@code err.data}; v4: the data replaces the message). */
  static Admission reject(String message, Object data) {
    return new Reject(message, Optional.of(data));
  }

  /** The socket is let in. */
  enum Accept implements Admission { INSTANCE }

  /** The socket is refused. */
  record Reject(String message, Optional<Object> data) implements Admission {
    public Reject {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(data, "data");
    }
  }
}
