package dev.atrium.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/** JSON columns: list attributes, products, audit states. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .findAndRegisterModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free-form data map as JSON text. */
  static String writeData(java.util.Map<String, ? extends @org.jspecify.annotations.Nullable Object> data) {
    return write(data);
  }

  /** A free-form data map read back, normalised as the service stored it ({@link dev.atrium.core.JsonData}). */
  static java.util.Map<String, @org.jspecify.annotations.Nullable Object> readData(String json) {
    return dev.atrium.core.JsonData.copyOf(read(json, new TypeReference<java.util.Map<String, Object>>() {}),
        "stored data");
  }
}
