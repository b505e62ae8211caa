package dev.atrium.api.roomful;

import dev.atrium.core.error.AtriumException;
import dev.atrium.http.ErrorFormat;
import io.javalin.http.Context;

/** Roomful's envelope for errors; the HTTP status says the same as the code, for plain HTTP clients. */
final class RoomfulErrors implements ErrorFormat {
  static int status(AtriumException e) {
    return ErrorFormat.httpStatus(e);
  }

  /** Roomful's code: the one its documents give for the reason, else one that says the same as the status. */
  static int code(AtriumException e) {
    return switch (e.reason()) {
      case USER_NOT_FOUND -> RoomfulError.USER_NOT_FOUND;
      case TOKEN_NOT_FOUND -> RoomfulError.TOKEN_NOT_FOUND;
      case TOKEN_USED -> RoomfulError.TOKEN_USED;
      case INVALID_PASSWORD -> RoomfulError.INVALID_PASSWORD;
      case NONE -> switch (e) {
        case AtriumException.NotFound n -> RoomfulError.NOT_FOUND;
        case AtriumException.Invalid i -> RoomfulError.BAD_REQUEST;
        case AtriumException.Conflict c -> RoomfulError.CONFLICT;
        case AtriumException.Unauthenticated u -> RoomfulError.UNAUTHORIZED;
        case AtriumException.Forbidden f -> RoomfulError.FORBIDDEN;
        case AtriumException.TooManyRequests t -> RoomfulError.TOO_FREQUENT;
        case AtriumException.Unavailable u -> RoomfulError.UNAVAILABLE;
      };
    };
  }

  @Override
  public void domain(Context ctx, AtriumException error) {
    ctx.status(status(error)).json(Envelope.error(code(error), error.getMessage()));
  }

  @Override
  public void internal(Context ctx, String incident) {
    ctx.status(500).json(Envelope.error(RoomfulError.INTERNAL, "Internal server error (incident " + incident + ")"));
  }

  /** Roomful's documents give no code for these: the code says the same as the status. */
  @Override
  public Object refusal(int status, String message) {
    return Envelope.error(status, message);
  }

  @Override
  public void notFound(Context ctx) {
    ctx.status(404).json(Envelope.error(RoomfulError.NOT_FOUND, "Resource not found"));
  }
}
