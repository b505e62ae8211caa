package dev.atrium.api.roomful;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Every Roomful reply: {@code {data, error:{status, code, message}}}. A success carries
 * {@code error.status:false}, which every Roomful client reads as "no error".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(@Nullable Object data, Error error) {
  public record Error(boolean status, int code, String message) {}

  private static final Error NONE = new Error(false, RoomfulError.OK, "");

  public static Envelope ok(Object data) {
    return new Envelope(data, NONE);
  }

  public static Envelope ok() {
    return new Envelope(null, NONE);
  }

  public static Envelope error(int code, String message) {
    return new Envelope(null, new Error(true, code, message));
  }
}
