package dev.atrium.http;

import dev.atrium.core.error.AtriumException;
import io.javalin.http.Context;

/**
 * Atrium's own error body, {@code {code, message}}: {@code code} is a stable word a program can branch on, the
 * message is for people. A 401 names the scheme to use ({@code WWW-Authenticate: Bearer}). Atrium's own API answers
 * with it, and so does every path no dialect owns.
 */
public final class AtriumErrors implements ErrorFormat {
  record Error(String code, String message) {}

  @Override
  public void domain(Context ctx, AtriumException error) {
    String code = switch (error) {
      case AtriumException.Invalid i -> "invalid_request";
      case AtriumException.Conflict c -> "conflict";
      case AtriumException.Unauthenticated u -> "unauthenticated";
      case AtriumException.Forbidden f -> "forbidden";
      case AtriumException.NotFound n -> "not_found";
      case AtriumException.TooManyRequests t -> "too_many_requests";
      case AtriumException.Unavailable u -> "unavailable";
    };
    int status = ErrorFormat.httpStatus(error);
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"atrium\"");
    }
    ctx.status(status).json(new Error(code, error.getMessage()));
  }

  @Override
  public void internal(Context ctx, String incident) {
    ctx.status(500).json(new Error("internal_error", "Internal server error (incident " + incident + ")"));
  }

  @Override
  public Object refusal(int status, String message) {
    String code = switch (status) {
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "header_fields_too_large";
      default -> status >= 500 ? "internal_error" : "invalid_request";
    };
    return new Error(code, message);
  }

  @Override
  public void notFound(Context ctx) {
    ctx.status(404).json(new Error("not_found", "No such endpoint: " + ctx.method() + " " + ctx.path()));
  }
}
