package dev.atrium.api.livedigital;

import dev.atrium.core.error.AtriumException;
import dev.atrium.http.ErrorFormat;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LiveDigital's error bodies under {@code /v1/}: {@code {message, code}}, the code a string ({@code bad_request},
 * {@code unauthorized}, {@code forbidden}, {@code not_found}, {@code conflict}, {@code too_many_requests},
 * {@code unavailable}, {@code internal_error}, or the refusal's own: {@code method_not_allowed},
 * {@code payload_too_large}, ...).
 */
final class LiveDigitalErrors implements ErrorFormat {
  static int status(AtriumException e) {
    return ErrorFormat.httpStatus(e);
  }

  static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 429 -> "too_many_requests";
      case 431 -> "headers_too_large";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  static Map<String, Object> body(String message, String code) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("code", code);
    return body;
  }

  @Override
  public void domain(Context ctx, AtriumException error) {
    int status = status(error);
    ctx.status(status).json(body(error.getMessage(), code(status)));
  }

  @Override
  public void internal(Context ctx, String incident) {
    ctx.status(500).json(body("Internal server error (incident " + incident + ")", "internal_error"));
  }

  @Override
  public void notFound(Context ctx) {
    ctx.status(404).json(body("Not found", "not_found"));
  }

  @Override
  public Object refusal(int status, String message) {
    return body(message, code(status));
  }
}
