package dev.atrium.server.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * The hostile parts of a request, as jqwik arbitraries: path parameters, query parameters, bodies broken in every
 * way the issue lists, content types, credentials and methods. A body starts from every field the dialect reads
 * ({@link Shapes}) and is then broken, field by field or as a whole.
 */
final class Hostile {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Longer than any field may be (the 200,000 characters). */
  static final int HUGE = 200_001;
  /** Stands for a lone surrogate in a tree: Jackson cannot write one, so the text is put in after writing. */
  private static final String LONE_SURROGATE = "\u0001lone\u0001";
  private static final String HUGE_TEXT = "x".repeat(HUGE);

  private Hostile() {}

  /** Who calls: nobody, a plain user, an administrator, a token that opens nothing, a token of the wrong kind. */
  enum Caller { ANONYMOUS, USER, ADMIN, BAD_TOKEN, WRONG_KIND, OTHER_HEADER }

  static Arbitrary<Caller> callers() {
    return Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just(Caller.ANONYMOUS)),
        Tuple.of(4, Arbitraries.just(Caller.USER)),
        Tuple.of(4, Arbitraries.just(Caller.ADMIN)),
        Tuple.of(1, Arbitraries.just(Caller.BAD_TOKEN)),
        Tuple.of(1, Arbitraries.just(Caller.WRONG_KIND)),
        Tuple.of(1, Arbitraries.just(Caller.OTHER_HEADER)));
  }

  /** The route's own method mostly; now and then another (a 404 or 405 must still be JSON). */
  static Arbitrary<@Nullable String> methods() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just((String) null)),
        Tuple.of(1, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO")));
  }

  /**
   * A path parameter, already percent-encoded where it must be: ids of the right and the wrong shapes, huge and
   * negative numbers, unicode, encoded junk (NUL, {@code ..}, a slash, invalid UTF-8).
   */
  static Arbitrary<String> pathValues(List<String> knownIds) {
    Arbitrary<String> junk = Arbitraries.of("0", "-1", "1", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "99999999999999999999999999", "1e3", "0x10", "1.5", "abc", "%E7%94%A8%E6%88%B7",
        "%00", "a%00b", "..", "%2e%2e", "%2F", "%2Fetc%2Fpasswd", "%C3%28", "%FF", "%ED%A0%80", "a%20b", "%20",
        "null", "undefined", "true", "%7B%7D", "%5B%5D", "'", "%22", "%3Cscript%3E", "x".repeat(300),
        "9".repeat(2000), "~", "-", "_", "original", "small", "%25", "%2525");
    Arbitrary<String> strings = Arbitraries.strings().ofMinLength(1).ofMaxLength(40)
        .map(s -> java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of(knownIds)),
        Tuple.of(4, junk),
        Tuple.of(1, strings));
  }

  /** A query string (without the {@code ?}): none mostly, else a few names the routes read with junk values. */
  static Arbitrary<String> queries(List<String> knownIds) {
    Arbitrary<String> name = Arbitraries.of("skip", "limit", "uid", "email", "username", "local", "active",
        "offset", "size", "token", "since", "type", "id", "userId", "lastUpdated", "includeInactiveStreams",
        "suppressed", "lookup", "code", "nameOnly", "status");
    Arbitrary<String> value = Arbitraries.oneOf(pathValues(knownIds), Arbitraries.of("", "true", "false",
        "-5", "100000", "2147483648", "1,2,3", ",,,", "%00", "a%2Cb"));
    Arbitrary<String> pair = net.jqwik.api.Combinators.combine(name, value).as((n, v) -> n + "=" + v);
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just("")),
        Tuple.of(2, pair.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join("&", l))),
        Tuple.of(1, Arbitraries.of("=", "&&", "a", "a=%25", "%25zz=1",
            "x=" + "y".repeat(3000))));
  }

  /** Content types: JSON mostly; else JSON with odd charsets, other types, junk, none. */
  static Arbitrary<@Nullable String> contentTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.just("application/json")),
        Tuple.of(2, Arbitraries.just("application/json; charset=utf-8")),
        Tuple.of(4, Arbitraries.of("application/json; charset=ebcdic", "application/json; charset=UTF-16",
            "application/json; charset=latin1", "application/json; charset=", "application/json; charset=\"utf-8\"",
            "application/json;;", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=zz", "multipart/form-data", "application/xml", "*/*", "application/*",
            "json", "application/jsonx", "image/png", "application/octet-stream", "x/y; charset=nope")),
        Tuple.of(2, Arbitraries.just((String) null)));
  }

  /** What becomes of the body. */
  enum BodyKind {
    SHAPED, SHAPED_INTACT, NONE, EMPTY_OBJECT, JSON_NULL, ARRAY, SCALAR, TRUNCATED, INVALID_UTF8, RAW_NUL,
    DEEP_NESTING, NOT_JSON, DUPLICATE_KEYS, OVERSIZED
  }

  static Arbitrary<BodyKind> bodyKinds() {
    return Arbitraries.frequencyOf(
        Tuple.of(160, Arbitraries.just(BodyKind.SHAPED)),
        Tuple.of(40, Arbitraries.just(BodyKind.SHAPED_INTACT)),
        Tuple.of(20, Arbitraries.just(BodyKind.NONE)),
        Tuple.of(80, Arbitraries.of(BodyKind.EMPTY_OBJECT, BodyKind.JSON_NULL, BodyKind.ARRAY,
            BodyKind.SCALAR, BodyKind.TRUNCATED, BodyKind.INVALID_UTF8, BodyKind.RAW_NUL, BodyKind.DEEP_NESTING,
            BodyKind.NOT_JSON, BodyKind.DUPLICATE_KEYS)),
        Tuple.of(1, Arbitraries.just(BodyKind.OVERSIZED)));
  }

  /** How one field of a shaped body is broken. */
  enum FieldMutation {
    NULL, NUMBER, STRING, BOOLEAN, ARRAY, OBJECT, NULL_ELEMENT, HUGE_STRING, NUL, LONE_SURROGATE, UNICODE,
    HUGE_NUMBER, NEGATIVE, FRACTION, DEEP, EMPTY_STRING, EMPTY_ARRAY, REMOVE
  }

  static Arbitrary<List<FieldMutation>> fieldMutations() {
    // a huge string costs 200 KB on the wire: rarer than the cheap breakages
    Arbitrary<FieldMutation> cheap = Arbitraries.of(FieldMutation.class).filter(m -> m != FieldMutation.HUGE_STRING);
    return Arbitraries.frequencyOf(Tuple.of(30, cheap), Tuple.of(1, Arbitraries.just(FieldMutation.HUGE_STRING)))
        .list().ofMinSize(1).ofMaxSize(4);
  }

  /** The body's bytes ({@code null}: no body), built from the shapes with the seed choosing fields. */
  static byte @Nullable [] body(Shapes shapes, BodyKind kind, List<FieldMutation> mutations, long seed) {
    Random random = new Random(seed);
    return switch (kind) {
      case NONE -> null;
      case SHAPED_INTACT -> write(shaped(shapes, random));
      case SHAPED -> {
        ObjectNode body = shaped(shapes, random);
        for (FieldMutation m : mutations) {
          mutate(body, m, random);
        }
        yield write(body);
      }
      case EMPTY_OBJECT -> bytes("{}");
      case JSON_NULL -> bytes("null");
      case ARRAY -> bytes("[{\"a\":1},null,[]]");
      case SCALAR -> bytes(random.nextBoolean() ? "\"text\"" : "12345678901234567890");
      case TRUNCATED -> {
        byte[] whole = write(shaped(shapes, random));
        yield java.util.Arrays.copyOf(whole, Math.max(1, random.nextInt(whole.length)));
      }
      case INVALID_UTF8 -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("{\"email\":\"a"));
        out.writeBytes(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        out.writeBytes(bytes("b\",\"name\":\"x\"}"));
        yield out.toByteArray();
      }
      case RAW_NUL -> bytes("{\"email\":\"a\u0000b\",\"name\":\"x\u0000\"}");
      case DEEP_NESTING -> {
        int depth = 2000 + random.nextInt(20_000);
        yield bytes("[".repeat(depth) + "]".repeat(depth));
      }
      case NOT_JSON -> bytes(random.nextBoolean() ? "email=a%40b.c&password=x" : "<xml>hi</xml>");
      case DUPLICATE_KEYS -> bytes("{\"email\":\"a@b.c\",\"email\":{\"x\":[1]},\"email\":null}");
      case OVERSIZED -> {
        byte[] big = new byte[4 * 1024 * 1024 + 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        yield big;
      }
    };
  }

  /** Every field the dialect reads, each with one of its sample values. */
  static ObjectNode shaped(Shapes shapes, Random random) {
    ObjectNode body = NODES.objectNode();
    shapes.fields().forEach((name, samples) -> body.set(name, samples.get(random.nextInt(samples.size())).deepCopy()));
    return body;
  }

  private static void mutate(ObjectNode body, FieldMutation mutation, Random random) {
    // a field of the body, or of an object one level down
    ObjectNode holder = body;
    List<String> names = names(holder);
    if (names.isEmpty()) {
      return;
    }
    String name = names.get(random.nextInt(names.size()));
    if (holder.get(name) instanceof ObjectNode inner && !inner.isEmpty() && random.nextBoolean()) {
      holder = inner;
      List<String> innerNames = names(inner);
      name = innerNames.get(random.nextInt(innerNames.size()));
    }
    JsonNode current = holder.get(name);
    JsonNode replaced = switch (mutation) {
      case NULL -> NODES.nullNode();
      case NUMBER -> NODES.numberNode(random.nextInt(1000) - 500);
      case STRING -> NODES.textNode("not-a-" + (current == null ? "value" : current.getNodeType().name()));
      case BOOLEAN -> NODES.booleanNode(random.nextBoolean());
      case ARRAY -> NODES.arrayNode().add(current == null ? NODES.nullNode() : current.deepCopy());
      case OBJECT -> NODES.objectNode().set("value", current == null ? NODES.nullNode() : current.deepCopy());
      case NULL_ELEMENT -> {
        ArrayNode list = NODES.arrayNode().addNull();
        if (current != null && current.isArray() && !current.isEmpty()) {
          list.add(current.get(0).deepCopy()).addNull();
        }
        yield list;
      }
      case HUGE_STRING -> NODES.textNode(HUGE_TEXT);
      case NUL -> NODES.textNode(textOf(current) + "\u0000" + "x");
      case LONE_SURROGATE -> NODES.textNode(textOf(current) + LONE_SURROGATE);
      case UNICODE -> NODES.textNode("\u202eℵ𝔘\uFEFF\u00e9\u0301" + textOf(current) + "\uFFFF");
      case HUGE_NUMBER -> random.nextBoolean() ? NODES.numberNode(new BigInteger("9".repeat(40)))
          : NODES.numberNode(new java.math.BigDecimal("1e400"));
      case NEGATIVE -> NODES.numberNode(-1L - random.nextInt(10) * (long) Integer.MAX_VALUE);
      case FRACTION -> NODES.numberNode(0.5);
      case DEEP -> {
        JsonNode deep = NODES.textNode("bottom");
        for (int i = 0; i < 900; i++) {
          deep = random.nextBoolean() ? NODES.arrayNode().add(deep) : NODES.objectNode().set("a", deep);
        }
        yield deep;
      }
      case EMPTY_STRING -> NODES.textNode("");
      case EMPTY_ARRAY -> NODES.arrayNode();
      case REMOVE -> null;
    };
    if (replaced == null) {
      holder.remove(name);
    } else {
      holder.set(name, replaced);
    }
  }

  private static String textOf(@Nullable JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : "v";
  }

  private static List<String> names(ObjectNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** The tree as JSON text; a lone surrogate goes in as its escape, which no encoder writes of itself. */
  static byte[] write(JsonNode tree) {
    return bytes(text(tree));
  }

  static String text(JsonNode tree) {
    try {
      return JSON.writeValueAsString(tree).replace(LONE_SURROGATE, "\\ud800");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Known ids in answers: values of fields named {@code id} or {@code …Id}, for later paths and bodies. */
  static void harvest(JsonNode node, java.util.Set<String> ids, int max) {
    if (ids.size() >= max) {
      return;
    }
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode v = e.getValue();
        if ((e.getKey().equals("id") || e.getKey().endsWith("Id")) && (v.isTextual() || v.isIntegralNumber())
            && !v.asText().isEmpty() && v.asText().length() <= 64) {
          ids.add(java.net.URLEncoder.encode(v.asText(), StandardCharsets.UTF_8));
        } else if (v.isContainerNode()) {
          harvest(v, ids, max);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> harvest(n, ids, max));
    }
  }
}
