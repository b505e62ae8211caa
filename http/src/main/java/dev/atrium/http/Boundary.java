package dev.atrium.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.core.error.AtriumException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every request must be before any route sees it, checked once here for every dialect: text is UTF-8 without
 * NUL characters or lone surrogates (JSON and form bodies, the query string, the path, header values), a body is
 * read in UTF-8 only (another charset is 415), a JSON route's non-empty body says it is JSON (415 otherwise: a web
 * page's form cannot post JSON to us), and a form route's says it is a form. A refusal names the part or field
 * and is shown in the format of the path's dialect. Every answer carries {@code X-Content-Type-Options: nosniff}
 * and {@code Cache-Control: no-store} (a route that may be cached, an avatar, sets its own).
 */
public final class Boundary {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String MULTIPART = "multipart/form-data";

  private final Set<String> formRoutes;
  private final Set<String> jsonOrFormRoutes;

  /**
   * {@code formRoutes}: the routes ({@code "POST /path/{param}"}) whose body is a form rather than JSON;
   * {@code jsonOrFormRoutes}: those whose body may be JSON or a url-encoded form, as its {@code Content-Type} says
   * (or a multipart form too, for a route in both lists).
   */
  public Boundary(Set<String> formRoutes, Set<String> jsonOrFormRoutes) {
    this.formRoutes = Set.copyOf(formRoutes);
    this.jsonOrFormRoutes = Set.copyOf(jsonOrFormRoutes);
  }

  /** Installs the checks and headers; call it before the routes' own before-handlers are installed. */
  public void install(JavalinConfig cfg) {
    cfg.jetty.modifyHttpConfiguration(http -> http.addCustomizer((request, responseHeaders) -> {
      responseHeaders.put("X-Content-Type-Options", "nosniff");
      responseHeaders.put("Cache-Control", "no-store");
      return request;
    }));
    cfg.routes.beforeMatched(this::check);
  }

  private void check(Context ctx) {
    for (String name : Collections.list(ctx.req().getHeaderNames())) {
      for (String value : Collections.list(ctx.req().getHeaders(name))) {
        header(name, value);
      }
    }
    text(ctx.path(), "The path");
    String query = ctx.queryString();
    if (query != null && !query.isEmpty()) {
      pairs(query, "Query parameter");
    }
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String route = endpoint == null ? "" : endpoint.method.name() + " " + endpoint.path;
    body(ctx, route);
  }

  private void body(Context ctx, String route) {
    String contentType = ctx.header("Content-Type");
    String media = "";
    boolean maybeBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
    if (!maybeBody) {
      return;
    }
    if (contentType != null) {
      String[] parts = contentType.split(";");
      media = parts[0].trim().toLowerCase(Locale.ROOT);
      for (int i = 1; i < parts.length; i++) {
        String[] param = parts[i].split("=", 2);
        if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
          String charset = param[1].trim().replace("\"", "").toLowerCase(Locale.ROOT);
          if (!charset.equals("utf-8") && !charset.equals("utf8") && !charset.equals("us-ascii")) {
            throw new Refusal(415, "Unsupported charset '" + Params.echo(charset) + "': send UTF-8");
          }
        }
      }
    }
    // A route in both lists takes JSON or either form; one only of jsonOrFormRoutes takes JSON or a url-encoded form.
    boolean jsonOrForm = jsonOrFormRoutes.contains(route);
    boolean formRoute = formRoutes.contains(route) && !jsonOrForm
        || jsonOrForm && (media.equals(FORM) || media.equals(MULTIPART) && formRoutes.contains(route));
    if (formRoute && media.equals(MULTIPART)) {
      multipart(ctx);
      return;
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      return;
    }
    if (formRoute) {
      if (!media.equals(FORM)) {
        throw new Refusal(415, "Content-Type must be " + MULTIPART + " or " + FORM + ", got '"
            + Params.echo(contentType == null ? "" : contentType) + "'");
      }
      pairs(new String(body, StandardCharsets.ISO_8859_1), "Form field");
      return;
    }
    if (!media.equals("application/json") && !(media.startsWith("application/") && media.endsWith("+json"))) {
      throw new Refusal(415, "Content-Type must be application/json" + (jsonOrForm ? " or " + FORM : "") + ", got '"
          + Params.echo(contentType == null ? "" : contentType) + "'");
    }
    utf8(body, "The request body");
    json(body);
  }

  private static void multipart(Context ctx) {
    try {
      ctx.formParamMap(); // sets up and reads the parts
      for (Part part : ctx.req().getParts()) {
        if (part.getSubmittedFileName() == null) {
          byte[] bytes;
          try (InputStream in = part.getInputStream()) {
            bytes = in.readAllBytes();
          }
          String what = "Form field '" + Params.echo(part.getName()) + "'";
          text(utf8(bytes, what), what);
        }
      }
    } catch (Refusal | AtriumException e) {
      throw e;
    } catch (IOException | ServletException | RuntimeException e) {
      // The parser gave up inside the body and left the rest unread: Jetty closes the connection after the answer,
      // so the answer says so, or the client would send its next request into a closed connection.
      ctx.header("Connection", "close");
      throw AtriumException.invalid("The multipart body cannot be read");
    }
  }

  private static void header(String name, String value) {
    boolean latin = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw AtriumException.invalid("Header '" + Params.echo(name) + "' must not contain a NUL character");
      }
      latin |= c > 0x7f && c <= 0xff;
    }
    if (latin) {
      // Jetty reads header bytes as ISO-8859-1: the bytes must be UTF-8.
      utf8(value.getBytes(StandardCharsets.ISO_8859_1), "Header '" + Params.echo(name) + "'");
    }
  }

  /** Checks {@code name=value&...} with percent-escapes: each part decodes to clean UTF-8 text. */
  private static void pairs(String encoded, String kind) {
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = new String(percentDecode(rawName, kind + " names"), StandardCharsets.UTF_8);
      String what = kind + " '" + Params.echo(name) + "'";
      text(utf8(percentDecode(rawName, what), what), what);
      if (eq >= 0) {
        text(utf8(percentDecode(pair.substring(eq + 1), what), what), what);
      }
    }
  }

  private static byte[] percentDecode(String text, String what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw AtriumException.invalid(what + " has a bad percent-encoding");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    return out.toByteArray();
  }

  /** The bytes as text, refused unless they are UTF-8. */
  private static String utf8(byte[] bytes, String what) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw AtriumException.invalid(what + " is not valid UTF-8");
    }
  }

  /** Refuses text with a NUL character or a lone surrogate (what a JSON escape can make): no store keeps them. */
  public static void text(String value, String what) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw AtriumException.invalid(what + " must not contain a NUL character");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw AtriumException.invalid(what + " is not valid Unicode (a lone surrogate)");
      }
    }
  }

  /** Checks every name and string of a JSON tree (a socket message): {@code path} names the tree in messages. */
  public static void json(JsonNode node, String path) {
    if (node.isTextual()) {
      text(node.textValue(), "Field '" + path + "'");
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        json(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        text(field.getKey(), "Field name '" + Params.echo(child) + "'");
        json(field.getValue(), child);
      }
    }
  }

  /** Checks every name and string of a JSON body, streaming; a syntax error is left for the route to report. */
  private static void json(byte[] body) {
    try (JsonParser parser = JsonMapper.MAPPER.createParser(body)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME || token == JsonToken.VALUE_STRING) {
          String path = path(parser.getParsingContext());
          text(parser.getText(), (token == JsonToken.FIELD_NAME ? "Field name '" : "Field '")
              + Params.echo(path.isEmpty() ? "(body)" : path) + "'");
        }
      }
    } catch (IOException e) {
      // not JSON: the route's parsing says so in its words
    }
  }

  private static String path(@Nullable JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        parts.add(String.valueOf(c.getCurrentName()));
      } else if (c.inArray()) {
        parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    Collections.reverse(parts);
    return String.join(".", parts).replace(".[", "[");
  }
}
