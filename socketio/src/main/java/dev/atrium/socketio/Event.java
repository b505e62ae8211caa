package dev.atrium.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * One event a client emitted: its name, its arguments as JSON trees (the ack callback is not among them), and
 * the {@link Ack} to answer it with.
 */
public record Event(Socket socket, String name, List<JsonNode> args, Ack ack) {
  public Event {
    args = List.copyOf(args);
  }

  /** The argument at {@code index}, or a {@link MissingNode} if the client sent fewer. */
  public JsonNode arg(int index) {
    return index >= 0 && index < args.size() ? args.get(index) : MissingNode.getInstance();
  }
}
