package dev.atrium.core;

import dev.atrium.core.error.AtriumException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Free-form client data (Roomful's "custom structure": user params, network state data, badge data) as plain
 * JDK values, since core has no JSON library: {@code String}, {@code Boolean}, {@code Long},
 * {@code BigInteger}, {@code Double}, {@code List} and {@code Map<String, ?>} of these, and
 * {@code null} inside lists and maps. {@link #copyOf} checks a value, normalises its numbers (every integer
 * becomes a {@code Long} or, if too large, a {@code BigInteger}; every other number a {@code Double}) and returns an
 * unmodifiable deep copy, so that a value read back from a store equals the one written. {@link #size}
 * measures the UTF-8 length of the value's compact JSON, which is what the limits count.
 */
public final class JsonData {
  /** The largest value accepted for one user's params, one network state's data, one badge's data. */
  public static final int MAX_BYTES = 64 * 1024;
  /** How deep lists and maps may nest. */
  public static final int MAX_DEPTH = 32;

  private JsonData() {}

  /** A checked, normalised, unmodifiable copy of the map; {@code what} names it in error messages. */
  public static Map<String, @Nullable Object> copyOf(Map<String, ? extends @Nullable Object> map, String what) {
    @SuppressWarnings("unchecked")
    Map<String, @Nullable Object> copy = (Map<String, @Nullable Object>) Objects.requireNonNull(copy(map, what, 0));
    int size = size(copy);
    if (size > MAX_BYTES) {
      throw AtriumException.invalid(what + " must be at most " + MAX_BYTES + " bytes as JSON, got " + size);
    }
    return copy;
  }

  private static @Nullable Object copy(@Nullable Object value, String what, int depth) {
    if (depth > MAX_DEPTH) {
      throw AtriumException.invalid(what + " must not nest deeper than " + MAX_DEPTH + " levels");
    }
    return switch (value) {
      case null -> null;
      case String s -> s;
      case Boolean b -> b;
      case Long l -> l;
      case Integer i -> (long) i;
      case Short s -> (long) s;
      case Byte b -> (long) b;
      case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : big;
      case Double d -> finite(d, what);
      case Float f -> finite(f.doubleValue(), what);
      case BigDecimal dec -> finite(dec.doubleValue(), what);
      case Map<?, ?> map -> {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw AtriumException.invalid(what + " keys must be strings");
          }
          out.put(key, copy(e.getValue(), what, depth + 1));
        }
        yield Collections.unmodifiableMap(out);
      }
      case List<?> list -> {
        List<@Nullable Object> out = new ArrayList<>(list.size());
        for (Object item : list) {
          out.add(copy(item, what, depth + 1));
        }
        yield Collections.unmodifiableList(out);
      }
      default -> throw AtriumException.invalid(what + " holds a value JSON cannot carry: "
          + value.getClass().getSimpleName());
    };
  }

  private static Double finite(double d, String what) {
    if (!Double.isFinite(d)) {
      throw AtriumException.invalid(what + " must not hold NaN or infinite numbers");
    }
    return d;
  }

  /** The UTF-8 length of the value's compact JSON. */
  public static int size(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static void write(@Nullable Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String s -> quote(s, out);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(String.valueOf(e.getKey()), out);
          out.append(':');
          write(e.getValue(), out);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      }
      default -> out.append(value);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
