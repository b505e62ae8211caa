package dev.atrium.server.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The request shapes a dialect reads, found in its own classes: every record of its package, field by field, with
 * a plausible value of the field's type (ids, emails and passwords by the field's name). The mapper ignores unknown
 * fields, so one object holding every field of the dialect is a valid-ish body for each of its routes at once; the
 * generators then break it.
 */
final class Shapes {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern USER_ID = Pattern.compile("(?i)(.*user.?id|uid|.*userids?|targetuser|id|ids|"
      + "delegate.*|userid|requestor.*|sender.*)");
  private static final Pattern EMAIL = Pattern.compile("(?i).*e?mail.*");
  private static final Pattern PASSWORD = Pattern.compile("(?i).*password.*");
  private static final int MAX_DEPTH = 4;

  /** The values a field's name suggests: ids of real users, a real address, a password. */
  record Vocabulary(String userId, String email, String password) {}

  private final Vocabulary vocabulary;
  /** Field name → the sample values its records give it (several when records disagree on its type). */
  private final Map<String, List<JsonNode>> fields = new TreeMap<>();

  private Shapes(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** The fields of every record in the packages. */
  static Shapes of(Vocabulary vocabulary, String... packages) {
    Shapes shapes = new Shapes(vocabulary);
    for (String pkg : packages) {
      for (Class<?> type : classes(pkg)) {
        if (type.isRecord()) {
          for (RecordComponent c : type.getRecordComponents()) {
            List<JsonNode> samples = shapes.fields.computeIfAbsent(c.getName(), k -> new ArrayList<>());
            JsonNode sample = shapes.sample(c.getName(), c.getGenericType(), 0);
            if (!samples.contains(sample)) {
              samples.add(sample);
            }
          }
        }
      }
    }
    return shapes;
  }

  Map<String, List<JsonNode>> fields() {
    return Collections.unmodifiableMap(fields);
  }

  private JsonNode sample(String name, Type type, int depth) {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return NODES.arrayNode().add(sample(name, args[0], depth + 1));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return NODES.objectNode().set("key", sample("value", args[1], depth + 1));
      }
      if (raw == Optional.class) {
        return sample(name, args[0], depth);
      }
      return sample(name, raw, depth);
    }
    if (type instanceof WildcardType w) {
      return sample(name, w.getUpperBounds()[0], depth);
    }
    if (type instanceof GenericArrayType g) {
      return NODES.arrayNode().add(sample(name, g.getGenericComponentType(), depth + 1));
    }
    if (!(type instanceof Class<?> c)) {
      return NODES.textNode("text");
    }
    if (c.isArray()) {
      ArrayNode array = NODES.arrayNode();
      if (c.getComponentType() != byte.class) {
        array.add(sample(name, c.getComponentType(), depth + 1));
      }
      return array;
    }
    if (c == String.class || c == CharSequence.class) {
      if (USER_ID.matcher(name).matches()) {
        return NODES.textNode(vocabulary.userId());
      }
      if (EMAIL.matcher(name).matches()) {
        return NODES.textNode(vocabulary.email());
      }
      if (PASSWORD.matcher(name).matches()) {
        return NODES.textNode(vocabulary.password());
      }
      if (name.equals("logo")) {
        // LiveDigital's space logo must be an http(s) URL: with any other text no space is ever made to walk
        return NODES.textNode("https://example.test/logo.png");
      }
      return NODES.textNode(name + "-text");
    }
    if (c == long.class || c == Long.class || c == int.class || c == Integer.class || c == short.class
        || c == Short.class || c == Number.class) {
      return USER_ID.matcher(name).matches() && (c == long.class || c == Long.class)
          ? NODES.numberNode(Long.parseLong(vocabulary.userId())) : NODES.numberNode(1);
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return NODES.numberNode(1.5);
    }
    if (c == boolean.class || c == Boolean.class) {
      return NODES.booleanNode(true);
    }
    if (c.isEnum()) {
      Object[] constants = c.getEnumConstants();
      return NODES.textNode(constants.length == 0 ? "X" : ((Enum<?>) constants[0]).name());
    }
    if (Temporal.class.isAssignableFrom(c)) {
      return NODES.textNode("2026-01-01T00:00:00Z");
    }
    if (c.isRecord() && depth < MAX_DEPTH) {
      ObjectNode object = NODES.objectNode();
      for (RecordComponent rc : c.getRecordComponents()) {
        object.set(rc.getName(), sample(rc.getName(), rc.getGenericType(), depth + 1));
      }
      return object;
    }
    if (JsonNode.class.isAssignableFrom(c) || c == Object.class || Map.class.isAssignableFrom(c)) {
      return NODES.objectNode().put("key", "value");
    }
    if (Collection.class.isAssignableFrom(c)) {
      return NODES.arrayNode().add("text");
    }
    return NODES.textNode("text");
  }

  /** The classes of a package on the class path (a directory of the reactor build, or a jar). */
  private static List<Class<?>> classes(String pkg) {
    String dir = pkg.replace('.', '/');
    ClassLoader loader = Shapes.class.getClassLoader();
    List<String> names = new ArrayList<>();
    try {
      Enumeration<URL> urls = loader.getResources(dir);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        if (url.getProtocol().equals("file")) {
          Path root = Path.of(url.toURI());
          try (Stream<Path> files = Files.walk(root)) {
            files.map(f -> root.relativize(f).toString().replace('/', '.'))
                .filter(f -> f.endsWith(".class"))
                .forEach(f -> names.add(pkg + "." + f.substring(0, f.length() - ".class".length())));
          }
        } else if (url.openConnection() instanceof JarURLConnection jar) {
          jar.getJarFile().stream().map(JarEntry::getName)
              .filter(n -> n.startsWith(dir + "/") && n.endsWith(".class"))
              .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<Class<?>> classes = new ArrayList<>();
    for (String name : names) {
      try {
        classes.add(Class.forName(name, false, loader));
      } catch (ClassNotFoundException | LinkageError e) {
        // a class that does not load is no request shape
      }
    }
    if (classes.isEmpty()) {
      throw new IllegalStateException("no classes found in " + pkg);
    }
    return classes;
  }
}
