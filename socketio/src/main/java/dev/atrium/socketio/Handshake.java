package dev.atrium.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client presented when it connected: the query of the websocket request (with Engine.IO's own
 * {@code EIO} and {@code transport}), its headers (one value each), the client's address (as the upgrade request
 * gave it: behind a trusted proxy, the forwarded one), and, for Socket.IO
 * protocol v5 clients, the {@code auth} object of their connect packet.
 */
public record Handshake(Map<String, List<String>> query, Map<String, String> headers, String remoteAddress,
    Optional<JsonNode> auth) {

  /** The first value of a query parameter. */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** A header, looked up without regard to case. */
  public Optional<String> header(String name) {
    String value = headers.get(name);
    if (value != null) {
      return Optional.of(value);
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }
}
