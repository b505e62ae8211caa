package dev.atrium.socketio;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Socket.IO server for one path of a Javalin app: Engine.IO v3 and v4 clients side by side (the query's
 * {@code EIO} tells them apart), websocket transport only, the default namespace only, JSON events only.
 *
 * <p>HTTP long-polling requests are answered 400 with Engine.IO's {@code {"code":0,"message":"Transport
 * unknown"}}, so clients must use {@code transports: ["websocket"]}. A client that asks for another namespace
 * gets a connect error ("Invalid namespace"); a binary packet or frame closes that socket (close code 1003),
 * and so does any malformed frame (1002), touching no other socket.
 *
 * <p>Heartbeats follow each protocol: with Engine.IO v3 the client pings and the server answers, and a socket
 * that sends nothing for pingInterval + pingTimeout is closed; with v4 the server pings every pingInterval and
 * closes a socket whose pong does not come within pingTimeout. One platform thread checks every socket against
 * the {@link Ticker} a few times per interval, so a socket costs no timer and no thread while idle.
 */
public final class SocketIoServer {
  private static final Logger LOG = LoggerFactory.getLogger(SocketIoServer.class);
  private static final String SOCKET_ATTRIBUTE = SocketIoServer.class.getName() + ".socket";
  static final String PER_MESSAGE_DEFLATE = "permessage-deflate";

  /** Settings; see the {@link Builder} for their meaning and defaults. */
  public record Options(Duration pingInterval, Duration pingTimeout, Duration connectTimeout, int maxPayload,
      int maxPendingEvents, int maxPendingFrames, boolean perMessageDeflate) {}

  private final Options options;
  private final ObjectMapper mapper;
  private final ConnectListener connectListener;
  private final DisconnectListener disconnectListener;
  private final Map<String, EventHandler> handlers;
  private final @Nullable EventHandler fallback;
  private final ExceptionHandler exceptionHandler;
  private final Ticker ticker;

  private final ConcurrentHashMap<String, Socket> sockets = new ConcurrentHashMap<>();
  private final AtomicInteger connected = new AtomicInteger();
  private final ThreadFactory handlerThreads = Thread.ofVirtual().name("socketio-", 0).factory();
  private final SecureRandom random = new SecureRandom();
  private final Object lifecycle = new Object();
  private @Nullable ScheduledExecutorService heartbeat;
  private boolean installed;

  private SocketIoServer(Builder b) {
    this.options = new Options(b.pingInterval, b.pingTimeout, b.connectTimeout, b.maxPayload, b.maxPendingEvents,
        b.maxPendingFrames, b.perMessageDeflate);
    this.mapper = b.mapper;
    this.connectListener = b.connectListener;
    this.disconnectListener = b.disconnectListener;
    this.handlers = Map.copyOf(b.handlers);
    this.fallback = b.fallback;
    this.exceptionHandler = b.exceptionHandler;
    this.ticker = b.ticker;
  }

  /** The names of the events this server has a handler for, sorted: what a client may call besides the fallback. */
  public List<String> events() {
    return handlers.keySet().stream().sorted().toList();
  }


  public static Builder builder() {
    return new Builder();
  }

  /**
   * Serves Socket.IO at {@code path} (e.g. {@code /socket}; clients use the same {@code path} option) of the app
   * being configured. The heartbeat thread starts with the app and every socket is closed when it stops. A
   * server is installed once. Unless {@link Builder#perMessageDeflate} is on, the app's websockets do not offer
   * the permessage-deflate extension.
   */
  public void install(JavalinConfig cfg, String path) {
    Objects.requireNonNull(cfg, "cfg");
    if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
      throw new IllegalArgumentException("path must start with '/' and not end with one, got '" + path + "'");
    }
    synchronized (lifecycle) {
      if (installed) {
        throw new IllegalStateException("this Socket.IO server is already installed");
      }
      installed = true;
    }
    // Engine.IO clients ask for "<path>/"; Javalin matches it to "<path>" only when it ignores trailing slashes.
    List<String> paths = cfg.router.ignoreTrailingSlashes || path.equals("/") ? List.of(path) : List.of(path, path + "/");
    for (String p : paths) {
      cfg.routes.get(p, this::refuseHttp);
      cfg.routes.post(p, this::refuseHttp);
      cfg.routes.wsBeforeUpgrade(p, this::checkUpgrade);
      cfg.routes.ws(p, this::websocket);
    }
    if (!options.perMessageDeflate) {
      // Jetty keeps one extension registry per servlet context, so this holds for every websocket of the app.
      cfg.jetty.modifyWebSocketServletFactory(factory ->
          factory.getAvailableExtensionNames().remove(PER_MESSAGE_DEFLATE));
    }
    cfg.events.serverStarted(this::start);
    cfg.events.serverStopping(this::close);
  }

  /** Sockets connected now (admitted by the {@link ConnectListener} and not closed). */
  public int connectedCount() {
    return connected.get();
  }

  /** Open Engine.IO connections, including those not yet (or never to be) admitted. */
  public int openCount() {
    return sockets.size();
  }

  /** The open socket with this id. */
  public Optional<Socket> socket(String id) {
    return Optional.ofNullable(sockets.get(id));
  }

  /** A snapshot of the connected sockets. */
  public List<Socket> sockets() {
    return sockets.values().stream().filter(Socket::connected).toList();
  }

  /**
   * Encodes an event once for {@link Socket#emitRaw}: a broadcast serialises its arguments one time and sends
   * the same frame to every socket, whatever its protocol version.
   */
  public Frame encodeEvent(String event, @Nullable Object... args) {
    return new Frame(Packets.event(mapper, event, args == null ? new Object[] {null} : args));
  }

  /** Sends one frame to every connected socket; returns how many it was sent to. */
  public int emitAll(Frame frame) {
    int n = 0;
    for (Socket socket : sockets.values()) {
      if (socket.connected() && socket.emitRaw(frame)) {
        n++;
      }
    }
    return n;
  }

  public Options options() {
    return options;
  }

  /** Closes every socket ({@link DisconnectReason#SERVER_SHUTTING_DOWN}) and stops the heartbeat thread. */
  public void close() {
    ScheduledExecutorService h;
    synchronized (lifecycle) {
      h = heartbeat;
      heartbeat = null;
    }
    if (h != null) {
      h.shutdownNow();
    }
    for (Socket socket : sockets.values()) {
      socket.shutdown();
    }
  }

  // ---- wiring

  private void start() {
    synchronized (lifecycle) {
      if (heartbeat != null) {
        return;
      }
      long tick = Math.clamp(Math.min(options.pingInterval.toMillis(), options.pingTimeout.toMillis()) / 8, 5, 1000);
      ScheduledExecutorService h = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("socketio-heartbeat").factory());
      h.scheduleWithFixedDelay(this::beat, tick, tick, TimeUnit.MILLISECONDS);
      heartbeat = h;
    }
  }

  /**
   * Checks every socket's heartbeat now, on the heartbeat thread (so never alongside a scheduled check), and
   * returns once it is done: a test that moved the {@link Ticker} sees the outcome at once.
   */
  void checkHeartbeats() {
    ScheduledExecutorService h;
    synchronized (lifecycle) {
      h = heartbeat;
    }
    if (h == null) {
      throw new IllegalStateException("the heartbeat runs only while the server is started");
    }
    try {
      h.submit(this::beat).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking heartbeats", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("checking heartbeats failed", e.getCause());
    }
  }

  private void beat() {
    long now = ticker.read();
    for (Socket socket : sockets.values()) {
      try {
        socket.heartbeat(now);
      } catch (RuntimeException e) {
        LOG.error("heartbeat of socket {} failed", socket.id(), e);
      }
    }
  }

  private void refuseHttp(Context ctx) {
    EngineError error = verify(ctx.queryParam("transport"), ctx.queryParam("EIO"), ctx.queryParam("sid"), false);
    ctx.status(400).contentType("application/json").result(error.json());
  }

  private static final String CLIENT_ADDRESS = "atrium.socketio.clientAddress";

  private void checkUpgrade(Context ctx) throws java.io.IOException {
    // Javalin 7 snapshots the request's session attributes for every websocket upgrade, and reading them
    // creates an HTTP session, which Jetty keeps (by default forever) after the socket is gone. A session made
    // just now serves nobody: drop it. A session the client already had is left alone.
    HttpSession httpSession = ctx.req().getSession(false);
    if (httpSession != null && httpSession.isNew()) {
      httpSession.invalidate();
    }
    EngineError error = verify(ctx.queryParam("transport"), ctx.queryParam("EIO"), ctx.queryParam("sid"), true);
    // The client's address as the request knows it (behind a trusted proxy, the forwarded one); the websocket
    // session knows only its peer's.
    ctx.attribute(CLIENT_ADDRESS, ctx.ip());
    if (error != EngineError.NONE) {
      // A websocket upgrade request is answered by the servlet response directly: Javalin writes no result here.
      ctx.skipRemainingHandlers();
      ctx.res().setStatus(400);
      ctx.res().setContentType("application/json");
      byte[] body = error.json().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      ctx.res().setContentLength(body.length);
      ctx.res().getOutputStream().write(body);
    }
  }

  /** Engine.IO's handshake errors, with its codes and words, checked in engine.io's order. */
  enum EngineError {
    NONE(-1, ""),
    TRANSPORT_UNKNOWN(0, "Transport unknown"),
    UNKNOWN_SID(1, "Session ID unknown"),
    BAD_REQUEST(3, "Bad request"),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version");

    final int code;
    final String message;

    EngineError(int code, String message) {
      this.code = code;
      this.message = message;
    }

    String json() {
      return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
  }

  static EngineError verify(@Nullable String transport, @Nullable String eio, @Nullable String sid, boolean upgrade) {
    if (!"websocket".equals(transport)) {
      return EngineError.TRANSPORT_UNKNOWN;
    }
    if (sid != null) {
      return EngineError.UNKNOWN_SID; // a sid upgrades a polling session, and there are none
    }
    if (!"3".equals(eio) && !"4".equals(eio)) {
      return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
    }
    return upgrade ? EngineError.NONE : EngineError.BAD_REQUEST;
  }

  private void websocket(WsConfig ws) {
    ws.onConnect(ctx -> {
      Session session = ctx.session;
      session.setMaxTextMessageSize(options.maxPayload);
      session.setMaxBinaryMessageSize(1024);
      session.setMaxOutgoingFrames(options.maxPendingFrames);
      // Jetty's own idle timeout only backs up the heartbeat, which normally closes a dead socket first.
      session.setIdleTimeout(options.pingInterval.plus(options.pingTimeout).plusSeconds(10));
      int protocol = "3".equals(ctx.queryParam("EIO")) ? 3 : 4;
      Socket socket = new Socket(this, session, newId(), protocol, ctx.queryParamMap(), ctx.headerMap(),
          ctx.attribute(CLIENT_ADDRESS));
      ctx.attribute(SOCKET_ATTRIBUTE, socket);
      sockets.put(socket.id(), socket);
      socket.open();
    });
    ws.onMessage(ctx -> {
      Socket socket = socket(ctx);
      if (socket != null) {
        socket.onText(ctx.message());
      }
    });
    ws.onBinaryMessage(ctx -> {
      Socket socket = socket(ctx);
      if (socket != null) {
        socket.onBinary();
      }
    });
    ws.onClose(ctx -> {
      Socket socket = socket(ctx);
      if (socket != null) {
        socket.onTransportClosed();
      }
    });
    ws.onError(ctx -> {
      Socket socket = socket(ctx);
      if (socket != null) {
        socket.onTransportError(ctx.error() == null ? new IllegalStateException("unknown") : ctx.error());
      }
    });
  }

  private static @Nullable Socket socket(WsContext ctx) {
    return ctx.attribute(SOCKET_ATTRIBUTE);
  }

  /** 20 URL-safe characters, like engine.io's ids: 120 random bits. */
  private String newId() {
    byte[] bytes = new byte[15];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().encodeToString(bytes);
  }

  // ---- called by sockets

  ObjectMapper mapper() {
    return mapper;
  }

  ConnectListener connectListener() {
    return connectListener;
  }

  Ticker ticker() {
    return ticker;
  }

  ThreadFactory handlerThreads() {
    return handlerThreads;
  }

  void connectedChanged(int delta) {
    connected.addAndGet(delta);
  }

  void remove(Socket socket) {
    sockets.remove(socket.id(), socket);
  }

  void dispatch(Event event) {
    EventHandler handler = handlers.getOrDefault(event.name(), fallback);
    if (handler == null) {
      return;
    }
    try {
      handler.handle(event);
    } catch (RuntimeException e) {
      try {
        exceptionHandler.onException(event, e);
      } catch (RuntimeException again) {
        LOG.error("the exception handler failed on event '{}' of socket {}", event.name(), event.socket().id(), again);
      }
    }
  }

  void disconnected(Socket socket, DisconnectReason reason) {
    try {
      disconnectListener.onDisconnect(socket, reason);
    } catch (RuntimeException e) {
      LOG.error("the disconnect listener failed for socket {}", socket.id(), e);
    }
  }

  /** Builds a {@link SocketIoServer}; every setting has a default. */
  public static final class Builder {
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(20);
    private Duration connectTimeout = Duration.ofSeconds(45);
    private int maxPayload = 1_000_000;
    private int maxPendingEvents = 1_000;
    private int maxPendingFrames = 10_000;
    private boolean perMessageDeflate;
    private Ticker ticker = Ticker.system();
    private ObjectMapper mapper = new ObjectMapper();
    private ConnectListener connectListener = socket -> Admission.accept();
    private DisconnectListener disconnectListener = (socket, reason) -> { };
    private final Map<String, EventHandler> handlers = new HashMap<>();
    private @Nullable EventHandler fallback;
    private ExceptionHandler exceptionHandler = (event, e) ->
        LOG.error("handler of event '{}' failed on socket {}", event.name(), event.socket().id(), e);

    private Builder() {}

    /** How often heartbeats go (v3: the client pings; v4: the server pings). Default 25 s. */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = positive(interval, "pingInterval");
      return this;
    }

    /** How long a heartbeat may take before the socket counts as dead. Default 20 s. */
    public Builder pingTimeout(Duration timeout) {
      this.pingTimeout = positive(timeout, "pingTimeout");
      return this;
    }

    /** How long an Engine.IO v4 client may take to send its Socket.IO connect packet. Default 45 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** The largest text frame accepted, in bytes; a larger one closes the socket (1009). Default 1,000,000. */
    public Builder maxPayload(int bytes) {
      if (bytes < 64) {
        throw new IllegalArgumentException("maxPayload must be at least 64 bytes, got " + bytes);
      }
      this.maxPayload = bytes;
      return this;
    }

    /** Events queued for one socket's handlers beyond which the socket is closed. Default 1,000. */
    public Builder maxPendingEvents(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("maxPendingEvents must be at least 1, got " + events);
      }
      this.maxPendingEvents = events;
      return this;
    }

    /** Frames queued for one slow client beyond which the socket is closed. Default 10,000. */
    public Builder maxPendingFrames(int frames) {
      if (frames < 1) {
        throw new IllegalArgumentException("maxPendingFrames must be at least 1, got " + frames);
      }
      this.maxPendingFrames = frames;
      return this;
    }

    /**
     * Whether a client that asks for the websocket permessage-deflate extension gets it. Default false, as in
     * Socket.IO's own server since version 3: a compressing socket holds a zlib deflater (about 60 to 100 KiB of
     * native memory) for as long as it is open and deflates every frame it sends, once per socket even for a
     * frame encoded once. The setting is the whole app's: Jetty keeps one extension registry per servlet context.
     */
    public Builder perMessageDeflate(boolean enabled) {
      this.perMessageDeflate = enabled;
      return this;
    }

    /**
     * The time heartbeats, ping timeouts and connect timeouts are measured on. Default {@link Ticker#system()}.
     * The heartbeat thread reads it several times per ping interval of real time, and at least once a second.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** The mapper that reads event arguments and writes emitted ones. Default: a plain {@code ObjectMapper}. */
    public Builder mapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /** Decides on every new socket. Default: accept all. */
    public Builder onConnect(ConnectListener listener) {
      this.connectListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Told when an admitted socket goes away. */
    public Builder onDisconnect(DisconnectListener listener) {
      this.disconnectListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Handles the event of that name. One handler per name. */
    public Builder on(String event, EventHandler handler) {
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(handler, "handler");
      if (handlers.putIfAbsent(event, handler) != null) {
        throw new IllegalArgumentException("a handler for event '" + event + "' is already registered");
      }
      return this;
    }

    /** Handles every event that has no handler of its own (e.g. to ack an error); without it they are dropped. */
    public Builder onAny(EventHandler handler) {
      this.fallback = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Told when a handler throws. Default: log it. */
    public Builder onException(ExceptionHandler handler) {
      this.exceptionHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    public SocketIoServer build() {
      return new SocketIoServer(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
