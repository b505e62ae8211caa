package dev.atrium.server;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Wire-format golden files: the exact JSON a client sees, checked in under {@code src/test/resources/golden}.
 * Every field must be there with the same value and no field may be added, except that a golden string
 * {@code "${number}"} matches any number, {@code "${string}"} any string, and {@code "${url}"} any http URL —
 * for ids, times, tokens and ports that change from run to run.
 */
public final class Golden {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Golden() {}

  public static void assertMatches(String actualJson, String goldenName) {
    JsonNode expected;
    JsonNode actual;
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + goldenName)) {
      if (in == null) {
        fail("no golden file golden/" + goldenName + "; the actual JSON was:\n" + pretty(actualJson));
      }
      expected = MAPPER.readTree(in);
      actual = MAPPER.readTree(actualJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> problems = new ArrayList<>();
    compare("$", expected, actual, problems);
    if (!problems.isEmpty()) {
      fail("JSON differs from golden/" + goldenName + ":\n  " + String.join("\n  ", problems)
          + "\nactual:\n" + pretty(actualJson));
    }
  }

  private static void compare(String path, JsonNode expected, JsonNode actual, List<String> problems) {
    if (expected.isTextual()) {
      switch (expected.asText()) {
        case "${number}" -> {
          if (!actual.isNumber()) {
            problems.add(path + ": expected a number, got " + actual);
          }
          return;
        }
        case "${string}" -> {
          if (!actual.isTextual()) {
            problems.add(path + ": expected a string, got " + actual);
          }
          return;
        }
        case "${url}" -> {
          if (!actual.isTextual() || !actual.asText().matches("https?://.+")) {
            problems.add(path + ": expected a URL, got " + actual);
          }
          return;
        }
        default -> {
          // compared as a value below
        }
      }
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (!expected.has(name)) {
          problems.add(path + "." + name + ": not in the golden file (value " + actual.get(name) + ")");
        } else if (!actual.has(name)) {
          problems.add(path + "." + name + ": missing");
        } else {
          compare(path + "." + name, expected.get(name), actual.get(name), problems);
        }
      }
    } else if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        problems.add(path + ": expected " + expected.size() + " elements, got " + actual.size());
        return;
      }
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int i = 0; e.hasNext(); i++) {
        compare(path + "[" + i + "]", e.next(), a.next(), problems);
      }
    } else if (!expected.equals(actual)) {
      problems.add(path + ": expected " + expected + ", got " + actual);
    }
  }

  private static String pretty(String json) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(json));
    } catch (IOException e) {
      return json;
    }
  }
}
