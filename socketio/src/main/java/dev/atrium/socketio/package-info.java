/**
 * A Socket.IO server on Javalin's Jetty 12 websocket: Engine.IO v3 (socket.io-client 2.x, Socket.IO protocol
 * v4) and Engine.IO v4 (socket.io-client 3.x and 4.x, protocol v5) on one path, websocket transport only,
 * default namespace only, JSON only. Start with {@link dev.atrium.socketio.SocketIoServer#builder()}.
 */
@NullMarked
package dev.atrium.socketio;

import org.jspecify.annotations.NullMarked;
