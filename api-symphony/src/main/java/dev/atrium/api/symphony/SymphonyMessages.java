package dev.atrium.api.symphony;

import static dev.atrium.http.Params.intQuery;

import dev.atrium.core.error.AtriumException;
import dev.atrium.core.message.Message;
import dev.atrium.core.message.Messages;
import dev.atrium.core.room.Room;
import dev.atrium.core.user.User;
import dev.atrium.http.Params;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Messages through the agent API (posting MessageML, reading a stream) and their suppression through the
 * pod API. A message is shown as PresentationML: its MessageML with the root element made Symphony's
 * PresentationML {@code div}.
 */
final class SymphonyMessages {
  static final String ORIGINAL_FORMAT = "com.symphony.messageml.v2";
  private static final Pattern OPENING = Pattern.compile("(?s)^.*?<messageML\\b[^>]*?(/?)>");
  private static final Pattern CLOSING = Pattern.compile("(?s)</messageML\\s*>\\s*$");

  private final Messages messages;
  private final Requests requests;

  SymphonyMessages(Messages messages, Requests requests) {
    this.messages = messages;
    this.requests = requests;
  }

  void routes(JavalinConfig cfg) {
    var r = cfg.routes;
    r.post("/agent/v4/stream/{sid}/message/create", this::create);
    r.get("/agent/v4/stream/{sid}/message", this::list);
    r.post("/pod/v1/admin/messagesuppression/{id}/suppress", ctx -> {
      Message suppressed = messages.suppress(requests.podAdmin(ctx), ctx.pathParam("id"));
      ctx.json(new Wire.MessageSuppressionResponse(suppressed.id(), true,
          java.util.Objects.requireNonNull(suppressed.suppressedAt()).toEpochMilli()));
    });
  }

  /** A multipart (or url-encoded) form: {@code message} in MessageML, optional {@code data} (a JSON object). */
  private void create(Context ctx) {
    User actor = requests.caller(ctx).user();
    String message = Params.required(ctx.formParam("message"), "message");
    String data = ctx.formParam("data");
    if (data != null && !data.isBlank()) {
      Params.jsonObject(data, "data");
    }
    Messages.Posted posted = messages.send(actor, ctx.pathParam("sid"), message, data);
    ctx.json(v4(posted.message(), posted.room(), actor));
  }

  /** {@code since} (epoch millis) is required; skip 0, limit 50 (at most 500). */
  private void list(Context ctx) {
    User actor = requests.caller(ctx).user();
    Instant since = Instant.ofEpochMilli(since(ctx));
    int skip = intQuery(ctx, "skip", 0, 0, Integer.MAX_VALUE);
    int limit = intQuery(ctx, "limit", 50, 1, Messages.MAX_LIMIT);
    Messages.Page page = messages.list(actor, ctx.pathParam("sid"), since, skip, limit);
    Map<Long, User> senders = new HashMap<>();
    ctx.json(page.messages().stream()
        .map(m -> v4(m, page.room(), senders.computeIfAbsent(m.senderId(), id -> messages.sender(m))))
        .toList());
  }

  private static long since(Context ctx) {
    String value = ctx.queryParam("since");
    if (value == null || value.isEmpty()) {
      throw AtriumException.invalid("since is required");
    }
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw AtriumException.invalid("since must be a time in epoch milliseconds, got '" + value + "'");
  }

  static Wire.V4Message v4(Message m, Room room, User sender) {
    var profile = sender.profile();
    return new Wire.V4Message(m.id(), m.sentAt().toEpochMilli(), presentationMl(m.messageMl()), m.data(),
        new Wire.V4User(sender.id(), profile.firstName(), profile.lastName(), profile.displayName(), sender.email(),
            sender.username()),
        new Wire.V4Stream(room.id(), room.kind().name(), room.name(), false, false), false, ORIGINAL_FORMAT,
        "Atrium");
  }

  /** The MessageML with its root element replaced by PresentationML's {@code div}. */
  static String presentationMl(String messageMl) {
    var opening = OPENING.matcher(messageMl);
    if (!opening.find()) {
      return messageMl;
    }
    String open = "<div data-format=\"PresentationML\" data-version=\"2.0\">";
    if (!opening.group(1).isEmpty()) {
      return open + "</div>";
    }
    String inner = CLOSING.matcher(messageMl.substring(opening.end())).replaceFirst("");
    return open + inner + "</div>";
  }
}
