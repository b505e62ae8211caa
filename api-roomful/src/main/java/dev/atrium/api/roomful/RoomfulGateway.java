package dev.atrium.api.roomful;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.atrium.api.roomful.RoomfulShapes.UserView;
import dev.atrium.api.roomful.RoomfulSockets.Conn;
import dev.atrium.core.avatar.Avatars;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.EventBus;
import dev.atrium.core.presence.Presence;
import dev.atrium.core.room.Rooms;
import dev.atrium.core.session.Principal;
import dev.atrium.core.session.Sessions;
import dev.atrium.core.settings.Settings;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.SpaceMember;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.user.Profiles;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserCounters;
import dev.atrium.core.user.Users;
import dev.atrium.http.JsonMapper;
import dev.atrium.http.RateLimits;
import dev.atrium.http.RouteClass;
import dev.atrium.http.SocketBounds;
import dev.atrium.socketio.Admission;
import dev.atrium.socketio.DisconnectReason;
import dev.atrium.socketio.Event;
import dev.atrium.socketio.Frame;
import dev.atrium.socketio.Socket;
import dev.atrium.socketio.SocketIoServer;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roomful's Socket.IO gateway at {@code /socket}: the session comes from {@code ?sessionId=}; a socket with a live
 * session is told {@code user_info}, every other one {@code anonymousConnection}. Each {@code user:*} method
 * answers through the socket.io ack with Roomful's {@code {data, error}}; a bad request gets an ack with
 * {@code error.status: true} and never harms another socket. {@code event.id} is an idempotency key per session
 * (a device): a repeated id returns the reply of the first request without doing the work again. Every method
 * call counts against the caller's {@link RouteClass#SOCKET} rate (the user's, or an anonymous socket's own).
 */
final class RoomfulGateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoomfulGateway.class);
  public static final String PATH = "/socket";
  /** How long a reply stays available for a retry with the same {@code event.id}. */
  static final Duration REPLAY_WINDOW = Duration.ofMinutes(10);
  /** A pub-sub channel's data, as compact JSON, may be at most this long. */
  static final int MAX_CHANNEL_DATA = 64 * 1024;

  private final Users users;
  private final Sessions sessions;
  private final Profiles profiles;
  private final Settings settings;
  private final Spaces spaces;
  private final Avatars avatars;
  private final Presence presence;
  private final RateLimits limits;
  private final SocketBounds bounds;
  private final RoomfulSockets sockets;
  private final Cache<String, Object> replies = Caffeine.newBuilder().expireAfterWrite(REPLAY_WINDOW)
      .maximumSize(100_000).build();
  private final SocketIoServer server;
  private final RoomfulPush push;

  /**
   * {@code methods} makes the {@code user:*} methods, which answer through this gateway; their handlers are
   * registered on the transport before it is built.
   */
  RoomfulGateway(Users users, Sessions sessions, Profiles profiles, Settings settings, Spaces spaces, Avatars avatars,
      Presence presence, Rooms rooms, EventBus events, RateLimits limits, SocketBounds bounds,
      SocketIoServer.Builder transport, Function<RoomfulGateway, RoomfulUserMethods> methods) {
    this.users = users;
    this.sessions = sessions;
    this.profiles = profiles;
    this.settings = settings;
    this.spaces = spaces;
    this.avatars = avatars;
    this.presence = presence;
    this.limits = limits;
    this.bounds = bounds;
    this.sockets = new RoomfulSockets(bounds);
    transport.mapper(JsonMapper.MAPPER).onConnect(this::connect).onDisconnect(this::disconnected)
        .onAny(e -> reply(e, null, () -> {
          throw AtriumException.notFound("Unknown method '" + e.name() + "'");
        }))
        .onException((e, ex) -> LOG.error("socket method {} failed", e.name(), ex));
    methods.apply(this).register(transport);
    this.server = transport.build();
    this.push = new RoomfulPush(this, users, rooms, events);
  }

  void install(JavalinConfig cfg) {
    server.install(cfg, PATH);
  }

  List<String> events() {
    return server.events();
  }

  RoomfulSockets sockets() {
    return sockets;
  }

  // ---- connect and disconnect

  private Admission connect(Socket socket) {
    Optional<Principal> principal = socket.handshake().query("sessionId").filter(t -> !t.isBlank())
        .flatMap(sessions::authenticate);
    if (principal.isEmpty()) {
      socket.attach(new Conn(socket, null));
      Space network = spaces.get(Space.DEFAULT_ID);
      socket.emit("anonymousConnection", Envelope.ok(new AnonymousOut(true, RoomfulShapes.NetworkOut.of(network))));
      return Admission.accept();
    }
    Principal caller = principal.get();
    Conn conn = new Conn(socket, caller);
    socket.attach(conn);
    RoomfulSockets.Added added = sockets.add(conn);
    switch (added) {
      case SESSION_FULL -> {
        return Admission.reject(bounds.sessionFull());
      }
      case USER_FULL -> {
        return Admission.reject(bounds.userFull());
      }
      case FIRST, ANOTHER -> { }
    }
    boolean first = added == RoomfulSockets.Added.FIRST;
    // A session revoked while this socket was being admitted must not leave it open.
    if (sessions.authenticate(socket.handshake().query("sessionId").orElseThrow()).isEmpty()) {
      sockets.remove(conn);
      return Admission.reject("Unauthorized");
    }
    if (first) {
      presence(() -> presence.online(conn.userId()));
    }
    push.greet(conn.userId(), () -> {
      UserCounters counters = counters(caller.userId());
      socket.emit("user_info", Envelope.ok(userInfo(caller, counters)));
      return counters;
    }, socket::disconnect);
    return Admission.accept();
  }

  private void disconnected(Socket socket, DisconnectReason reason) {
    Optional<Object> attached = socket.attachment();
    if (attached.isEmpty() || !(attached.get() instanceof Conn conn)) {
      return;
    }
    if (sockets.remove(conn) && conn.principal != null) {
      push.forget(conn.userId());
      presence(() -> presence.offline(conn.userId()));
    }
  }

  /**
   * Refreshes the presence of every user with a socket here, so that a socket open longer than the presence
   * lifetime keeps its user online. The server runs it at half that lifetime.
   */
  void keepPresence() {
    for (long userId : sockets.users()) {
      presence(() -> presence.online(userId));
    }
  }

  /**
   * Closes the sockets whose session has ended: a revocation closes them when it is published, but an expiry
   * publishes nothing, and the bus may lose an event. The server runs it every minute.
   */
  void closeEnded() {
    for (long userId : sockets.users()) {
      for (Conn conn : sockets.ofUser(userId)) {
        if (sessions.authenticate(conn.socket.handshake().query("sessionId").orElse(null)).isEmpty()) {
          conn.close();
        }
      }
    }
  }

  private static void presence(Runnable change) {
    try {
      change.run();
    } catch (RuntimeException e) {
      LOG.warn("updating presence from a socket failed", e);
    }
  }

  record AnonymousOut(boolean isAnonymous, RoomfulShapes.NetworkOut network) {}

  record UserInfoOut(RoomfulShapes.UserOut user, RoomfulShapes.NetworkOut network,
      RoomfulShapes.NetworkStateOut networkState, RoomfulShapes.SettingsOut userSettings, boolean isNew) {}

  /** {@code user_info}: the user with counters, permissions and roles, the session's network, state, settings. */
  UserInfoOut userInfo(Principal p, UserCounters counters) {
    User user = users.get(p.userId());
    Space network = spaces.usableOrDefault(user.id(), p.session().network());
    Optional<SpaceMember> member = spaces.member(network.id(), user.id());
    List<RoomfulShapes.RoleOut> roles = new ArrayList<>();
    for (String role : user.roles().stream().sorted().toList()) {
      roles.add(new RoomfulShapes.RoleOut(role, role, "", true, List.of(), ""));
    }
    boolean admin = RoomfulShapes.permissions(user).admin();
    List<String> networkPermissions = RoomfulShapes.networkPermissions(member.map(SpaceMember::role)
        .orElse(null), admin);
    String networkRole = member.map(m -> m.role().name()).orElse("VISITOR");
    roles.add(new RoomfulShapes.RoleOut("network." + networkRole.toLowerCase(java.util.Locale.ROOT),
        networkRole, "network", true, networkPermissions, network.id()));
    return new UserInfoOut(RoomfulShapes.connected(view(user), counters, roles),
        RoomfulShapes.NetworkOut.of(network),
        RoomfulShapes.NetworkStateOut.of(settings.networkState(user.id(), network.id())),
        RoomfulShapes.SettingsOut.of(settings.get(user.id())), user.isNew());
  }

  UserView view(User user) {
    return new UserView(user, avatars.shown(user), profiles.params(user.id(), user.id()));
  }

  UserCounters counters(long userId) {
    return profiles.counters(userId);
  }


  // ---- requests

  /** The work of one method: its reply's {@code data}, or null for a reply without data. */
  @FunctionalInterface
  interface Work {
    @Nullable Object run();
  }

  /**
   * Runs a method for an event and acks {@code {data, error}}. {@code caller} is null for an anonymous socket,
   * which may call nothing. With an {@code event.id}, the first reply is kept for {@link #REPLAY_WINDOW} and a
   * repeat gets it without the work running again. A call over the rate limit is refused before that, so that a
   * retry with the same id can succeed once the wait is over.
   */
  void reply(Event e, @Nullable Conn caller, Work work) {
    Conn conn = caller != null ? caller : e.socket().attachment(Conn.class);
    conn.begin();
    try {
      Object reply;
      String eventId = eventId(e);
      Optional<Object> refused = overLimit(conn);
      if (refused.isPresent()) {
        reply = refused.get();
      } else if (eventId != null && conn.sessionId() != null) {
        reply = replies.get(conn.sessionId() + " " + eventId, k -> run(work));
      } else {
        reply = run(work);
      }
      e.ack().send(reply);
    } finally {
      conn.end();
    }
  }

  /** The error reply for a call over the caller's socket rate, or empty if the call may run. */
  private Optional<Object> overLimit(Conn conn) {
    try {
      limits.check(RouteClass.SOCKET, conn.principal != null ? RateLimits.Caller.user(conn.userId())
          : RateLimits.Caller.connection(conn.socket.id()));
      return Optional.empty();
    } catch (AtriumException.TooManyRequests ex) {
      return Optional.of(Envelope.error(RoomfulErrors.code(ex), ex.getMessage()));
    }
  }

  private static Object run(Work work) {
    try {
      Object data = work.run();
      return data == null ? Envelope.ok() : Envelope.ok(data);
    } catch (AtriumException ex) {
      return Envelope.error(RoomfulErrors.code(ex), ex.getMessage());
    } catch (RuntimeException ex) {
      LOG.error("a socket method failed", ex);
      return Envelope.error(RoomfulError.INTERNAL, "Internal server error");
    }
  }

  /** The request's {@code event.id}, if it has a non-empty one. */
  static @Nullable String eventId(Event e) {
    if (e.args().isEmpty() || !(e.arg(0) instanceof ObjectNode request)) {
      return null;
    }
    JsonNode id = request.path("event").path("id");
    return id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
  }

  /** Encodes an event once for sending to many sockets. */
  Frame encode(String event, Object data) {
    return server.encodeEvent(event, Envelope.ok(data));
  }

  /**
   * {@code user.setSocketRoute}: tells one socket of the user the route it should switch to
   * ({@code user:setSocketRoute}); a socket of another user is as good as unknown.
   */
  void setSocketRoute(long userId, String socketId, String route) {
    Conn conn = sockets.socketOfUser(userId, socketId)
        .orElseThrow(() -> AtriumException.notFound("Socket " + socketId + " not found"));
    conn.socket.emit("user:setSocketRoute", Envelope.ok(new RouteOut(route)));
  }

  record RouteOut(String route) {}

  /**
   * After a sign-in that named an anonymous socket ({@code X-Socket-Id}): that socket hears
   * {@code anonymousAuthorized {sessionId}} and may reconnect with the session. A socket that is unknown or not
   * anonymous is left alone: the sign-in itself succeeded.
   */
  void anonymousAuthorized(String socketId, String sessionToken) {
    server.socket(socketId).filter(socket -> socket.attachment().filter(a -> a instanceof Conn c
        && c.principal == null).isPresent()).ifPresent(socket -> socket.emit("anonymousAuthorized",
        Envelope.ok(new AuthorizedOut(sessionToken))));
  }

  record AuthorizedOut(String sessionId) {}

  @Override
  public void close() {
    push.close();
    server.close();
  }
}
