package dev.atrium.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: an Engine.IO session over one websocket, connected to the default namespace.
 *
 * <p>Its id is the Engine.IO session id, also sent as the Socket.IO socket id (v5 {@code 40{"sid"}}); the two
 * are kept apart by socket.io's own server only to protect HTTP long-polling sessions, which this server does
 * not have. Sending is thread-safe and never blocks: frames go to Jetty's outgoing queue. Incoming events are
 * handled one at a time, in order, on virtual threads started on demand, so an idle socket holds no thread.
 */
public final class Socket {
  private static final Logger LOG = LoggerFactory.getLogger(Socket.class);

  /** Engine.IO v4 client waiting to send its Socket.IO connect packet. */
  private static final int OPEN = 0;
  /** The {@link ConnectListener} is deciding. */
  private static final int CONNECTING = 1;
  private static final int CONNECTED = 2;
  private static final int CLOSED = 3;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Socket.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SocketIoServer server;
  private final Session session;
  private final String id;
  private final int protocol;
  private final Map<String, List<String>> query;
  private final Map<String, String> headers;
  private final String remoteAddress;
  private final long openedAt;
  private final Callback sendCallback;

  @SuppressWarnings("unused") // through STATE
  private volatile int state = OPEN;
  private volatile @Nullable Handshake handshake;
  private volatile @Nullable Object attachment;
  private volatile @Nullable DisconnectReason reason;
  /** Frames emitted while the connect listener ran, sent after the connect packet; guarded by this. */
  private @Nullable List<String> early;
  /** Set by the connect task, read by the disconnect task; both run on the serial queue. */
  private boolean admitted;

  /** Engine.IO v3: when the client's last packet arrived (any packet counts, as in engine.io 3). */
  private volatile long lastReceived;
  /** Engine.IO v4: when the last heartbeat completed (or the socket opened). */
  private volatile long lastPong;
  /** Engine.IO v4: when the unanswered ping was sent, 0 if none is outstanding. */
  private volatile long pingSentAt;

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pendingTasks = new AtomicInteger();

  Socket(SocketIoServer server, Session session, String id, int protocol, Map<String, List<String>> query,
      Map<String, String> headers, @Nullable String clientAddress) {
    this.server = server;
    this.session = session;
    this.id = id;
    this.protocol = protocol;
    this.query = query;
    this.headers = headers;
    this.remoteAddress = clientAddress != null ? clientAddress : address(session.getRemoteSocketAddress());
    this.openedAt = server.ticker().read();
    this.lastReceived = openedAt;
    this.lastPong = openedAt;
    this.sendCallback = Callback.from(() -> {}, this::sendFailed);
  }

  /** The Engine.IO session id, also the Socket.IO socket id the client sees. */
  public String id() {
    return id;
  }

  /** The Engine.IO protocol: 3 for socket.io-client 2.x, 4 for 3.x and 4.x. */
  public int protocol() {
    return protocol;
  }

  /** What the client presented; set before the {@link ConnectListener} runs. */
  public Handshake handshake() {
    Handshake h = handshake;
    if (h == null) {
      throw new IllegalStateException("socket " + id + " has not sent its connect packet yet");
    }
    return h;
  }

  /** Whether the socket is connected: admitted and not yet closed. */
  public boolean connected() {
    return (int) STATE.getVolatile(this) == CONNECTED;
  }

  /** Why the socket closed, once it has. */
  public Optional<DisconnectReason> disconnectReason() {
    return Optional.ofNullable(reason);
  }

  /** The application's state for this socket, if one was attached. */
  public Optional<Object> attachment() {
    return Optional.ofNullable(attachment);
  }

  /** The attached state as the given type; fails if none is attached or it has another type. */
  public <T> T attachment(Class<T> type) {
    Object a = attachment;
    if (a == null) {
      throw new IllegalStateException("socket " + id + " has no attachment");
    }
    return type.cast(a);
  }

  /** Attaches the application's state for this socket, replacing any previous one. */
  public void attach(Object attachment) {
    this.attachment = java.util.Objects.requireNonNull(attachment, "attachment");
  }

  /**
   * Sends an event; each argument is serialised as JSON with the server's mapper ({@code JsonNode}s as they are).
   *
   * @return false if the socket has closed, so nothing was sent
   */
  public boolean emit(String event, @Nullable Object... args) {
    return sendMessage(Packets.event(server.mapper(), event, args == null ? new Object[] {null} : args));
  }

  /** Sends an event encoded once by {@link SocketIoServer#encodeEvent}; false if the socket has closed. */
  public boolean emitRaw(Frame frame) {
    return sendMessage(frame.text());
  }

  /**
   * Disconnects the socket from the server's side: the client gets a disconnect packet ({@code io server
   * disconnect}) and the websocket is closed. Does nothing if the socket has already closed.
   */
  public void disconnect() {
    if ((int) STATE.getVolatile(this) == CONNECTED) {
      sendText("41");
    }
    terminate(DisconnectReason.SERVER_DISCONNECT, 1000, "disconnect", Close.NORMAL);
  }

  @Override
  public String toString() {
    return "Socket[" + id + ", EIO" + protocol + ", " + remoteAddress + "]";
  }

  // ---- lifecycle, called by SocketIoServer

  /** Sends the Engine.IO open packet; a v3 client is connected to the default namespace at once. */
  void open() {
    SocketIoServer.Options o = server.options();
    sendText(Packets.open(id, protocol, o.pingInterval().toMillis(), o.pingTimeout().toMillis(), o.maxPayload()));
    if (protocol == 3) {
      startConnect(Optional.empty());
    }
  }

  void onText(String text) {
    if ((int) STATE.getVolatile(this) == CLOSED) {
      return;
    }
    if (text.isEmpty()) {
      protocolError("empty frame");
      return;
    }
    long now = server.ticker().read();
    lastReceived = now;
    switch (text.charAt(0)) {
      case Packets.MESSAGE -> onMessage(text);
      case Packets.PING -> {
        if (protocol == 3) {
          sendText(Packets.PONG + text.substring(1));
        } else {
          protocolError("Engine.IO v4 clients must not ping");
        }
      }
      case Packets.PONG -> {
        if (protocol == 4) {
          pingSentAt = 0;
          lastPong = now;
        } else {
          protocolError("Engine.IO v3 clients must not pong");
        }
      }
      case Packets.CLOSE -> terminate(DisconnectReason.TRANSPORT_CLOSE, 1000, "", Close.NORMAL);
      case Packets.NOOP -> { }
      default -> protocolError("unexpected Engine.IO packet type '" + text.charAt(0) + "'");
    }
  }

  void onBinary() {
    terminate(DisconnectReason.PARSE_ERROR, 1003, "binary messages are not supported", Close.NORMAL);
  }

  /** Jetty reports the websocket closed. */
  void onTransportClosed() {
    terminate(DisconnectReason.TRANSPORT_CLOSE, 1000, "", Close.ALREADY_CLOSED);
  }

  /** Jetty reports the websocket failed; it closes the connection itself. */
  void onTransportError(Throwable cause) {
    if (terminate(DisconnectReason.TRANSPORT_ERROR, 1011, "", Close.ALREADY_CLOSED)) {
      LOG.debug("socket {} failed", id, cause);
    }
  }

  /** Called by the server's heartbeat thread every tick. */
  void heartbeat(long now) {
    int s = (int) STATE.getVolatile(this);
    if (s == CLOSED) {
      return;
    }
    SocketIoServer.Options o = server.options();
    if (s == OPEN && now - openedAt > o.connectTimeout().toNanos()) {
      terminate(DisconnectReason.PING_TIMEOUT, 1008, "no connect packet in time", Close.NORMAL);
      return;
    }
    if (protocol == 3) {
      if (now - lastReceived > o.pingInterval().toNanos() + o.pingTimeout().toNanos()) {
        terminate(DisconnectReason.PING_TIMEOUT, 1000, "", Close.ABRUPT);
      }
      return;
    }
    long sent = pingSentAt;
    if (sent != 0) {
      if (now - sent > o.pingTimeout().toNanos()) {
        terminate(DisconnectReason.PING_TIMEOUT, 1000, "", Close.ABRUPT);
      }
    } else if (now - lastPong >= o.pingInterval().toNanos()) {
      pingSentAt = now;
      sendText(String.valueOf(Packets.PING));
    }
  }

  /** Closes the socket as the server stops. */
  void shutdown() {
    terminate(DisconnectReason.SERVER_SHUTTING_DOWN, 1001, "server shutting down", Close.NORMAL);
  }

  /** When, on the server's {@link Ticker}, the client's last packet arrived (or the socket opened). */
  long lastReceived() {
    return lastReceived;
  }

  int pendingTasks() {
    return pendingTasks.get();
  }

  // ---- Socket.IO

  private void onMessage(String text) {
    Packets.Packet packet;
    try {
      packet = Packets.decode(text, 1, server.mapper());
    } catch (Packets.MalformedPacketException e) {
      protocolError(e.getMessage());
      return;
    }
    boolean defaultNamespace = Packets.DEFAULT_NAMESPACE.equals(Packets.namespacePath(packet.namespace()));
    switch (packet.type()) {
      case Packets.CONNECT -> {
        if (!defaultNamespace) {
          sendText(Packets.connectError(protocol, Packets.namespacePath(packet.namespace()), "Invalid namespace",
              null, server.mapper()));
        } else if (protocol == 4 && STATE.compareAndSet(this, OPEN, CONNECTING)) {
          startConnect(Optional.ofNullable(packet.data()));
        }
        // A v3 socket is connected to "/" on open, and a second connect packet for "/" changes nothing.
      }
      case Packets.DISCONNECT -> {
        if (defaultNamespace) {
          terminate(DisconnectReason.CLIENT_DISCONNECT, 1000, "", Close.NORMAL);
        }
      }
      case Packets.EVENT -> onEvent(packet, defaultNamespace);
      case Packets.ACK -> { } // this server never asks a client for an ack; a stray one is harmless
      case Packets.CONNECT_ERROR -> protocolError("clients do not send error packets");
      case Packets.BINARY_EVENT, Packets.BINARY_ACK ->
          terminate(DisconnectReason.PARSE_ERROR, 1003, "binary events are not supported", Close.NORMAL);
      default -> throw new AssertionError(packet.type());
    }
  }

  private void onEvent(Packets.Packet packet, boolean defaultNamespace) {
    int s = (int) STATE.getVolatile(this);
    if (!defaultNamespace || s == OPEN) {
      protocolError("event for a namespace the client is not connected to");
      return;
    }
    if (pendingTasks.get() >= server.options().maxPendingEvents()) {
      terminate(DisconnectReason.TOO_MANY_PENDING_EVENTS, 1008, "too many pending events", Close.NORMAL);
      return;
    }
    JsonNode data = java.util.Objects.requireNonNull(packet.data());
    List<JsonNode> args = new ArrayList<>(data.size() - 1);
    for (int i = 1; i < data.size(); i++) {
      args.add(data.get(i));
    }
    Event event = new Event(this, data.get(0).asText(), args,
        packet.ackId() < 0 ? Ack.NONE : new Ack(this, packet.ackId()));
    execute(() -> {
      if ((int) STATE.getVolatile(this) == CONNECTED) {
        server.dispatch(event);
      }
    });
  }

  private void startConnect(Optional<JsonNode> auth) {
    STATE.compareAndSet(this, OPEN, CONNECTING);
    handshake = new Handshake(query, headers, remoteAddress, auth);
    execute(this::connect);
  }

  /** Runs on the serial queue: asks the application, then connects or refuses. */
  private void connect() {
    if ((int) STATE.getVolatile(this) != CONNECTING) {
      return;
    }
    Admission admission;
    try {
      admission = server.connectListener().onConnect(this);
    } catch (RuntimeException e) {
      LOG.error("the connect listener failed for socket {}", id, e);
      admission = Admission.reject("Internal server error");
    }
    switch (admission) {
      case Admission.Accept ignored -> {
        admitted = true;
        synchronized (this) {
          if (STATE.compareAndSet(this, CONNECTING, CONNECTED)) {
            sendText(Packets.connected(protocol, id));
            if (early != null) {
              early.forEach(this::sendText);
              early = null;
            }
            server.connectedChanged(+1);
          }
        }
      }
      case Admission.Reject reject -> {
        synchronized (this) {
          early = null;
        }
        if ((int) STATE.getVolatile(this) == CONNECTING) {
          sendText(Packets.connectError(protocol, Packets.DEFAULT_NAMESPACE, reject.message(),
              reject.data().orElse(null), server.mapper()));
          terminate(DisconnectReason.SERVER_DISCONNECT, 1008, "connection refused", Close.NORMAL);
        }
      }
    }
  }

  // ---- sending

  boolean sendAck(long ackId, @Nullable Object[] args) {
    return sendMessage(Packets.ack(server.mapper(), ackId, args));
  }

  private boolean sendMessage(String frame) {
    int s = (int) STATE.getVolatile(this);
    if (s == CONNECTED) {
      return sendText(frame);
    }
    synchronized (this) {
      s = (int) STATE.getVolatile(this);
      if (s == CONNECTING) {
        if (early == null) {
          early = new ArrayList<>(4);
        }
        early.add(frame);
        return true;
      }
    }
    return s == CONNECTED && sendText(frame);
  }

  private boolean sendText(String text) {
    try {
      session.sendText(text, sendCallback);
      return true;
    } catch (RuntimeException e) {
      sendFailed(e);
      return false;
    }
  }

  private void sendFailed(Throwable cause) {
    if (cause instanceof java.nio.channels.WritePendingException) {
      terminate(DisconnectReason.SEND_QUEUE_FULL, 1008, "send queue full", Close.ABRUPT);
    } else {
      terminate(DisconnectReason.TRANSPORT_ERROR, 1011, "", Close.ABRUPT);
    }
  }

  // ---- closing

  private enum Close { NORMAL, ABRUPT, ALREADY_CLOSED }

  private void protocolError(String why) {
    if (terminate(DisconnectReason.PARSE_ERROR, 1002, why, Close.NORMAL)) {
      LOG.debug("closed socket {}: {}", id, why);
    }
  }

  /**
   * Closes the socket once; the first reason wins. Returns whether this call closed it. The disconnect
   * listener runs on the serial queue after every event already queued.
   */
  private boolean terminate(DisconnectReason why, int code, String text, Close how) {
    int previous;
    do {
      previous = (int) STATE.getVolatile(this);
      if (previous == CLOSED) {
        return false;
      }
    } while (!STATE.compareAndSet(this, previous, CLOSED));
    reason = why;
    if (previous == CONNECTED) {
      server.connectedChanged(-1);
    }
    server.remove(this);
    switch (how) {
      case NORMAL -> session.close(code, truncate(text), Callback.NOOP);
      case ABRUPT -> session.disconnect();
      case ALREADY_CLOSED -> { }
    }
    execute(() -> {
      if (admitted) {
        server.disconnected(this, why);
      }
    });
    return true;
  }

  /** A websocket close reason holds at most 123 bytes of UTF-8. */
  private static String truncate(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= 123) {
      return text;
    }
    String cut = text.substring(0, Math.min(text.length(), 120));
    while (cut.getBytes(StandardCharsets.UTF_8).length > 120) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }

  // ---- the serial queue

  /**
   * Runs tasks one at a time in submission order. A virtual thread is started when the queue turns non-empty
   * and ends when it drains, so an idle socket holds no thread.
   */
  private void execute(Runnable task) {
    tasks.offer(task);
    if (pendingTasks.getAndIncrement() == 0) {
      server.handlerThreads().newThread(this::drain).start();
    }
  }

  private void drain() {
    do {
      Runnable task = tasks.poll();
      if (task != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.error("socket {} task failed", id, e);
        }
      }
    } while (pendingTasks.decrementAndGet() != 0);
  }

  private static String address(@Nullable SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
    }
    return String.valueOf(address);
  }
}
