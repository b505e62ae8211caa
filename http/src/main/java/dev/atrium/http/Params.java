package dev.atrium.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reading a request's parts, the same way in every dialect: each helper has one behaviour, and its refusal is an
 * {@code Invalid} naming the part, which the dialect shows in its own format. An empty query parameter counts as
 * absent; an empty string in a body is a value, except where {@link #requiredText} says otherwise.
 */
public final class Params {
  /** How much of a refused value a message repeats. */
  static final int ECHO_LIMIT = 40;

  private Params() {}

  /** The body, parsed into the type (see {@link JsonMapper#read}). */
  public static <T> T body(Context ctx, Class<T> type) {
    return JsonMapper.read(ctx.body(), type);
  }

  /** The value, which must be given. */
  public static <T> T required(@Nullable T value, String field) {
    if (value == null) {
      throw AtriumException.invalid(field + " is required");
    }
    return value;
  }

  /** The text, which must be one JSON object ({@code {...}}) and nothing after it; refused naming the field. */
  public static String jsonObject(String value, String field) {
    JsonNode tree;
    try {
      tree = JsonMapper.MAPPER.readTree(value);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw AtriumException.invalid(field + " must be a JSON object");
    }
    if (tree == null || !tree.isObject()) {
      throw AtriumException.invalid(field + " must be a JSON object");
    }
    return value;
  }

  /** The text, which must be given and not empty. */
  public static String requiredText(@Nullable String value, String field) {
    if (value == null || value.isEmpty()) {
      throw AtriumException.invalid(field + " is required");
    }
    return value;
  }

  /** A user id given as text: a positive decimal integer. */
  public static long userId(String text, String name) {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw AtriumException.invalid(name + " must be a user id (a positive decimal integer), got '" + echo(text) + "'");
  }

  /** A user id given as a JSON number: a positive integer. */
  public static long userId(@Nullable Long id, String field) {
    long value = required(id, field);
    if (value <= 0) {
      throw AtriumException.invalid(field + " must be a user id (a positive integer), got " + value);
    }
    return value;
  }

  /** An integer query parameter from {@code min} to {@code max}; {@code fallback} when absent. */
  public static int intQuery(Context ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw AtriumException.invalid(name + " must be an integer from " + min + " to " + max + ", got '" + echo(value)
        + "'");
  }

  /** A boolean query parameter ({@code true} or {@code false}, any case); {@code fallback} when absent. */
  public static boolean boolQuery(Context ctx, String name, boolean fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw AtriumException.invalid(name + " must be true or false, got '" + echo(value) + "'");
    };
  }

  /** A boolean query parameter that must be given. */
  public static boolean boolQuery(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      throw AtriumException.invalid(name + " is required");
    }
    return boolQuery(ctx, name, false);
  }

  /** An enum constant named by the value, ignoring case. */
  public static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw AtriumException.invalid(field + " must be one of " + Arrays.toString(type.getEnumConstants())
          + ", got '" + echo(value) + "'");
    }
  }

  /** The value as a message may repeat it: cut after {@link #ECHO_LIMIT} characters. */
  public static String echo(String value) {
    return value.length() > ECHO_LIMIT ? value.substring(0, ECHO_LIMIT) + "…" : value;
  }
}
