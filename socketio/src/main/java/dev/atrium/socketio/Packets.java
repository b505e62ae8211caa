package dev.atrium.socketio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The text frames of Engine.IO over websocket and of the Socket.IO packets inside them.
 *
 * <p>Over websocket each Engine.IO packet is one text frame: a type digit, then its data. The Engine.IO
 * types are {@code 0} open, {@code 1} close, {@code 2} ping, {@code 3} pong, {@code 4} message, {@code 5}
 * upgrade, {@code 6} noop, the same in v3 and v4. A message carries one Socket.IO packet:
 * {@code <type>[<attachments>-][<namespace>,][<ack id>][<JSON>]}, with the Socket.IO types {@code 0} connect,
 * {@code 1} disconnect, {@code 2} event, {@code 3} ack, {@code 4} error (v4) / connect error (v5), {@code 5}
 * binary event, {@code 6} binary ack. Events and acks of the default namespace are written alike by
 * protocols v4 and v5, so one encoded event frame serves sockets of both Engine.IO versions; only the
 * connect and connect-error packets differ.
 */
final class Packets {
  static final char OPEN = '0';
  static final char CLOSE = '1';
  static final char PING = '2';
  static final char PONG = '3';
  static final char MESSAGE = '4';
  static final char UPGRADE = '5';
  static final char NOOP = '6';

  static final int CONNECT = 0;
  static final int DISCONNECT = 1;
  static final int EVENT = 2;
  static final int ACK = 3;
  static final int CONNECT_ERROR = 4;
  static final int BINARY_EVENT = 5;
  static final int BINARY_ACK = 6;

  static final String DEFAULT_NAMESPACE = "/";

  /** The longest ack id accepted: socket.io-client counts from 0, so nine digits leave plenty of room. */
  private static final int MAX_ACK_ID_DIGITS = 15;

  private Packets() {}

  /** A decoded Socket.IO packet; {@code ackId} is -1 when there is none, {@code data} null when absent. */
  record Packet(int type, String namespace, long ackId, int attachments, @Nullable JsonNode data) {}

  /** A frame that is not a valid packet; the message says why. */
  static final class MalformedPacketException extends Exception {
    MalformedPacketException(String message) {
      super(message, null, false, false);
    }

    @Override
    public String getMessage() {
      return java.util.Objects.requireNonNull(super.getMessage());
    }
  }

  /**
   * Decodes the Socket.IO packet that starts at {@code start} of an Engine.IO message frame (after the
   * {@code 4}), checking that its payload has the shape its type requires.
   */
  static Packet decode(String text, int start, ObjectMapper mapper) throws MalformedPacketException {
    int length = text.length();
    if (start >= length) {
      throw new MalformedPacketException("empty Socket.IO packet");
    }
    int type = text.charAt(start) - '0';
    if (type < CONNECT || type > BINARY_ACK) {
      throw new MalformedPacketException("unknown Socket.IO packet type '" + text.charAt(start) + "'");
    }
    int i = start + 1;
    int attachments = 0;
    if (type == BINARY_EVENT || type == BINARY_ACK) {
      int dash = text.indexOf('-', i);
      if (dash < 0 || dash == i || dash - i > 6 || !digits(text, i, dash)) {
        throw new MalformedPacketException("binary packet without a valid attachment count");
      }
      attachments = Integer.parseInt(text, i, dash, 10);
      i = dash + 1;
    }
    String namespace = DEFAULT_NAMESPACE;
    if (i < length && text.charAt(i) == '/') {
      int comma = text.indexOf(',', i);
      int end = comma < 0 ? length : comma;
      namespace = text.substring(i, end);
      i = comma < 0 ? length : comma + 1;
    }
    long ackId = -1;
    int digitsEnd = i;
    while (digitsEnd < length && isDigit(text.charAt(digitsEnd))) {
      digitsEnd++;
    }
    if (digitsEnd > i) {
      if (digitsEnd - i > MAX_ACK_ID_DIGITS) {
        throw new MalformedPacketException("ack id too long");
      }
      ackId = Long.parseLong(text, i, digitsEnd, 10);
      i = digitsEnd;
    }
    JsonNode data = null;
    if (i < length) {
      data = parseJson(text.substring(i), mapper);
    }
    checkPayload(type, ackId, data);
    return new Packet(type, namespace, ackId, attachments, data);
  }

  private static void checkPayload(int type, long ackId, @Nullable JsonNode data) throws MalformedPacketException {
    switch (type) {
      case CONNECT -> {
        if (data != null && !data.isObject()) {
          throw new MalformedPacketException("connect payload must be an object");
        }
      }
      case DISCONNECT -> {
        if (data != null) {
          throw new MalformedPacketException("disconnect takes no payload");
        }
      }
      case EVENT, BINARY_EVENT -> {
        if (data == null || !data.isArray() || data.isEmpty()
            || !(data.get(0).isTextual() || data.get(0).isNumber())) {
          throw new MalformedPacketException("event payload must be an array that starts with the event name");
        }
      }
      case ACK, BINARY_ACK -> {
        if (data == null || !data.isArray()) {
          throw new MalformedPacketException("ack payload must be an array");
        }
        if (ackId < 0) {
          throw new MalformedPacketException("ack without an id");
        }
      }
      case CONNECT_ERROR -> {
        if (data == null || !(data.isTextual() || data.isObject())) {
          throw new MalformedPacketException("error payload must be a string or an object");
        }
      }
      default -> throw new AssertionError(type);
    }
  }

  private static JsonNode parseJson(String json, ObjectMapper mapper) throws MalformedPacketException {
    try (JsonParser parser = mapper.createParser(json)) {
      JsonNode node = mapper.readTree(parser);
      if (node == null || parser.nextToken() != null) {
        throw new MalformedPacketException("payload is not one JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedPacketException("payload is not valid JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean digits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The namespace of a connect packet without the query that Socket.IO protocol v4 may append. */
  static String namespacePath(String namespace) {
    int query = namespace.indexOf('?');
    return query < 0 ? namespace : namespace.substring(0, query);
  }

  /** Engine.IO open packet; v4 also announces the largest message it accepts. */
  static String open(String sid, int protocol, long pingIntervalMillis, long pingTimeoutMillis, int maxPayload) {
    StringBuilder b = new StringBuilder(128).append(OPEN)
        .append("{\"sid\":\"").append(sid).append("\",\"upgrades\":[],\"pingInterval\":").append(pingIntervalMillis)
        .append(",\"pingTimeout\":").append(pingTimeoutMillis);
    if (protocol == 4) {
      b.append(",\"maxPayload\":").append(maxPayload);
    }
    return b.append('}').toString();
  }

  /** Socket.IO connect answer for the default namespace: bare in v4, with the socket id in v5. */
  static String connected(int protocol, String sid) {
    return protocol == 3 ? "40" : "40{\"sid\":\"" + sid + "\"}";
  }

  /**
   * Socket.IO connect refusal for a namespace: v5 sends {@code {"message", "data"?}}, v4 sends the data if
   * there is some, else the message as a JSON string (what socket.io 2.x sends for a middleware error).
   */
  static String connectError(int protocol, String namespace, String message, @Nullable Object data,
      ObjectMapper mapper) {
    StringBuilder b = new StringBuilder("44");
    if (!DEFAULT_NAMESPACE.equals(namespace)) {
      b.append(namespace).append(',');
    }
    try {
      if (protocol == 3) {
        b.append(mapper.writeValueAsString(data != null ? data : message));
      } else {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = mapper.createGenerator(out)) {
          g.writeStartObject();
          g.writeStringField("message", message);
          if (data != null) {
            g.writeFieldName("data");
            mapper.writeValue(g, data);
          }
          g.writeEndObject();
        }
        b.append(out);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the connect error data as JSON", e);
    }
    return b.toString();
  }

  /** {@code 42["event",...args]}, the frame of an event without an ack, the same for v4 and v5. */
  static String event(ObjectMapper mapper, String event, @Nullable Object[] args) {
    return array(mapper, "42", event, args);
  }

  /** {@code 43<id>[...args]}, the answer to the client's event number {@code id}. */
  static String ack(ObjectMapper mapper, long id, @Nullable Object[] args) {
    return array(mapper, "43" + id, null, args);
  }

  private static String array(ObjectMapper mapper, String prefix, @Nullable String first, @Nullable Object[] args) {
    StringWriter out = new StringWriter(64);
    out.write(prefix);
    try (JsonGenerator g = mapper.createGenerator(out)) {
      g.writeStartArray();
      if (first != null) {
        g.writeString(first);
      }
      for (Object arg : args) {
        if (arg == null) {
          g.writeNull();
        } else {
          mapper.writeValue(g, arg);
        }
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write the arguments as JSON: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
