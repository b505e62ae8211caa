package dev.atrium.api.roomful;

import dev.atrium.core.session.Principal;
import dev.atrium.http.SocketBounds;
import dev.atrium.socketio.Frame;
import dev.atrium.socketio.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * This node's index of Roomful sockets: socket → caller, user → sockets, session → sockets, and the pub-sub
 * channels with their subscribed sockets. Sockets of a user may be many (several devices, several tabs), and so
 * may the sockets of one session.
 */
final class RoomfulSockets {
  /** What a socket is: its caller ({@code null} for an anonymous socket) and whether a request is running. */
  static final class Conn {
    final Socket socket;
    final @Nullable Principal principal;
    private boolean busy;
    private boolean closeWhenIdle;

    Conn(Socket socket, @Nullable Principal principal) {
      this.socket = socket;
      this.principal = principal;
    }

    long userId() {
      return principal == null ? 0 : principal.userId();
    }

    @Nullable String sessionId() {
      return principal == null ? null : principal.session().id();
    }

    /** Marks a request running on this socket; its reply must leave before the socket may be closed. */
    synchronized void begin() {
      busy = true;
    }

    /** The request's reply has been sent; closes the socket now if a close waited for it. */
    void end() {
      boolean close;
      synchronized (this) {
        busy = false;
        close = closeWhenIdle;
      }
      if (close) {
        socket.disconnect();
      }
    }

    /**
     * Closes the socket, but after the reply of a running request: a user who disables their own account gets
     * the reply, then the socket closes.
     */
    void close() {
      synchronized (this) {
        if (busy) {
          closeWhenIdle = true;
          return;
        }
      }
      socket.disconnect();
    }
  }

  /** A pub-sub channel: its owner and the sockets subscribed to it. */
  record Channel(String id, long ownerId, Set<Conn> subscribers) {}

  /** What {@link #add} did. */
  enum Added {
    /** Added; the user's first socket on this node. */
    FIRST,
    /** Added; the user had sockets here already. */
    ANOTHER,
    /** Refused: the session holds as many sockets as it may. */
    SESSION_FULL,
    /** Refused: the user holds as many sockets as they may. */
    USER_FULL
  }

  private final SocketBounds bounds;
  private final Map<Long, Set<Conn>> byUser = new ConcurrentHashMap<>();
  private final Map<String, Set<Conn>> bySession = new ConcurrentHashMap<>();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  RoomfulSockets(SocketBounds bounds) {
    this.bounds = bounds;
  }

  /**
   * Adds an authenticated socket unless its session or user holds as many sockets as the bounds allow. The checks
   * and the adding run while the user's entry is locked ({@code compute}), and a session has one user, so
   * concurrent connects of a user are counted one after the other and never pass a bound together.
   */
  Added add(Conn conn) {
    Added[] added = {Added.ANOTHER};
    byUser.compute(conn.userId(), (id, set) -> {
      Set<Conn> of = set == null ? ConcurrentHashMap.newKeySet() : set;
      if (of.size() >= bounds.perUser()) {
        added[0] = Added.USER_FULL;
        return set;
      }
      if (bySession.getOrDefault(conn.sessionId(), Set.of()).size() >= bounds.perSession()) {
        added[0] = Added.SESSION_FULL;
        return set;
      }
      // compute, not computeIfAbsent(...).add: a removal must not drop the session's set between the two.
      bySession.compute(conn.sessionId(), (s, sessionSet) -> {
        Set<Conn> with = sessionSet == null ? ConcurrentHashMap.newKeySet() : sessionSet;
        with.add(conn);
        return with;
      });
      if (of.isEmpty()) {
        added[0] = Added.FIRST;
      }
      of.add(conn);
      return of;
    });
    return added[0];
  }

  /** Removes a socket and its subscriptions; true if it was the user's last on this node. */
  boolean remove(Conn conn) {
    for (Channel channel : channels.values()) {
      channel.subscribers().remove(conn);
    }
    channels.values().removeIf(c -> c.subscribers().isEmpty() && !byUser.containsKey(c.ownerId()));
    if (conn.principal == null) {
      return false;
    }
    bySession.computeIfPresent(conn.sessionId(), (id, set) -> {
      set.remove(conn);
      return set.isEmpty() ? null : set;
    });
    boolean[] last = {false};
    byUser.computeIfPresent(conn.userId(), (id, set) -> {
      set.remove(conn);
      last[0] = set.isEmpty();
      return set.isEmpty() ? null : set;
    });
    if (last[0]) {
      channels.values().removeIf(c -> c.ownerId() == conn.userId());
    }
    return last[0];
  }

  Set<Conn> ofUser(long userId) {
    return byUser.getOrDefault(userId, Set.of());
  }

  Set<Conn> ofSession(String sessionId) {
    return bySession.getOrDefault(sessionId, Set.of());
  }

  boolean hasUser(long userId) {
    return byUser.containsKey(userId);
  }

  Set<Long> users() {
    return byUser.keySet();
  }

  /** Sends one encoded frame to every socket of the user. */
  void toUser(long userId, Frame frame) {
    for (Conn conn : ofUser(userId)) {
      conn.socket.emitRaw(frame);
    }
  }

  Optional<Conn> socketOfUser(long userId, String socketId) {
    return ofUser(userId).stream().filter(c -> c.socket.id().equals(socketId)).findFirst();
  }

  Channel openChannel(String id, Conn owner) {
    Channel channel = new Channel(id, owner.userId(), ConcurrentHashMap.newKeySet());
    channel.subscribers().add(owner);
    channels.put(id, channel);
    return channel;
  }

  Optional<Channel> channel(String id) {
    return Optional.ofNullable(channels.get(id));
  }
}
