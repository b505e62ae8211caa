package dev.atrium.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.atrium.core.error.AtriumException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one JSON mapper of the server. It is strict about types (a number is not a string, a string is not
 * a number) so that a wrong type is refused with a message naming the field instead of being guessed at.
 */
public final class JsonMapper {
  public static final ObjectMapper MAPPER = create();

  private JsonMapper() {}

  private static ObjectMapper create() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(4 * 1024 * 1024).maxNestingDepth(64).build());
    mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    // A null inside a list or an array is refused naming its place ("roles[0]"), never handed to the model; a
    // map's values (free-form JSON such as custom params) may be null.
    mapper.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    for (Class<?> map : new Class<?>[] {Map.class, HashMap.class, LinkedHashMap.class}) {
      mapper.configOverride(map).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.SET));
    }
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
        LogicalType.Boolean, LogicalType.Enum}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
              ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert
              : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert
              : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, type == LogicalType.Textual || type == LogicalType.Enum
              ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual ? CoercionAction.TryConvert
              : CoercionAction.Fail);
    }
    return mapper;
  }

  /** Parses a request body into the type; any problem is an {@code Invalid} naming the field. */
  public static <T> T read(String body, Class<T> type) {
    if (body.isBlank()) {
      throw AtriumException.invalid("The request body is empty; a JSON document is required");
    }
    try {
      T value = MAPPER.readValue(body, type);
      if (value == null) {
        throw AtriumException.invalid("The request body must not be null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
  }

  /** Binds a JSON tree (a socket message's data) to the type; any problem is an {@code Invalid} naming the field. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      T value = MAPPER.treeToValue(node, type);
      if (value == null) {
        throw AtriumException.invalid("The data must not be null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw invalid(e);
    } catch (IllegalArgumentException e) {
      // Its message names Java types: never shown.
      throw AtriumException.invalid("The data is invalid");
    }
  }

  /** Parses a request body as a tree. */
  public static JsonNode tree(String body) {
    return read(body, JsonNode.class);
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass(), e);
    }
  }

  private static AtriumException invalid(JsonProcessingException e) {
    // A syntax error met inside an object is wrapped in a mapping error with a path; it is still bad JSON.
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamReadException syntax) {
        return AtriumException.invalid("The request body is not valid JSON: " + syntax.getOriginalMessage());
      }
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String path = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining(".")).replace(".[", "[");
      String what = switch (e) {
        case InvalidNullException n -> "must not be null";
        case InvalidFormatException f when f.getTargetType().isEnum() -> "has an invalid value "
            + printable(f.getValue()) + "; expected " + describe(f.getTargetType());
        case InvalidFormatException f -> "has the wrong type; expected " + describe(f.getTargetType());
        case MismatchedInputException m -> "has the wrong type; expected "
            + (m.getTargetType() == null ? "another type" : describe(m.getTargetType()));
        default -> "is invalid";
      };
      return AtriumException.invalid("Field '" + path + "' " + what);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return AtriumException.invalid("The request body has the wrong type; expected " + describe(m.getTargetType()));
    }
    if (e instanceof JsonMappingException) {
      // Jackson's own words name Java types (java.lang.Long[], Wire$FeatureIn[]): never shown.
      return AtriumException.invalid("The request body does not have the expected shape");
    }
    return AtriumException.invalid("The request body is not valid JSON: " + e.getOriginalMessage());
  }

  private static String printable(Object value) {
    String text = String.valueOf(value);
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    return "an object";
  }
}
