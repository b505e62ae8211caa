package dev.atrium.http;

/**
 * How many sockets one session, and one user over all their sessions, may hold open on a node. A dialect's
 * socket gateway refuses the socket that would pass either bound when it connects, so a client that opens
 * sockets without end holds at most {@code perUser} of them.
 */
public record SocketBounds(int perSession, int perUser) {
  /** Large enough for every device and tab of a person, small enough that no session can hold a node's memory. */
  public static final SocketBounds DEFAULT = new SocketBounds(32, 128);

  public SocketBounds {
    if (perSession < 1) {
      throw new IllegalArgumentException("perSession must be at least 1, got " + perSession);
    }
    if (perUser < 1) {
      throw new IllegalArgumentException("perUser must be at least 1, got " + perUser);
    }
  }

  /** The message a socket refused for its session's bound is given (socket.io-client's {@code err.message}). */
  public String sessionFull() {
    return "Too many sockets: a session may hold " + perSession + " at once";
  }

  /** The message a socket refused for its user's bound is given. */
  public String userFull() {
    return "Too many sockets: a user may hold " + perUser + " at once";
  }
}
