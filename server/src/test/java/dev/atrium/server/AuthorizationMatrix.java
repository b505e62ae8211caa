package dev.atrium.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table {@code authorization-matrix.txt} (test resources), read: one entry per HTTP route the server serves
 * ({@code METHOD /path/{template}}) and per socket method ({@code SOCKET user:name}), each saying who may call it
 * and how to call it. See the file's head and the README (Security › Authorization) for the format.
 */
record AuthorizationMatrix(List<Entry> entries) {
  static final String RESOURCE = "/authorization-matrix.txt";
  private static final Pattern ACCESS = Pattern.compile(
      "public|transport|signed-in|self|owner|member|admin:[A-Z_]+(,[A-Z_]+)*");

  /** Who may call a route. */
  sealed interface Access {
    /** Anyone, signed in or not (sign-in, sign-up, the mail flows, the socket transport): not walked. */
    record Public(boolean transport) implements Access {}

    /** Any signed-in user. */
    record SignedIn() implements Access {}

    /** Only the user the request names (its path or body): another signed-in user is refused. */
    record Self() implements Access {}

    /** Only an owner of the room the request names (or an administrator: they manage every room). */
    record RoomOwner() implements Access {}

    /** Only a current member of the room the request names (or an administrator). */
    record RoomMember() implements Access {}

    /** Only a holder of one of these roles. */
    record Admin(Set<String> roles) implements Access {}
  }

  /**
   * One line of the table.
   *
   * @param route {@code METHOD /template} or {@code SOCKET user:name}
   * @param path the concrete path with placeholders ({@code {room}}), or the template when it has no parameter
   * @param body the body with placeholders, JSON, or {@code form:name=value} for a multipart form; empty for none
   * @param walked whether the matrix tries it (every non-public mutating route; a GET only when marked mutates)
   * @param fresh the allowed call ends the session it is made with (sign-out): it gets a session of its own
   * @param checkSuccess whether the allowed caller's request is sent and must succeed
   * @param refusals the statuses that refuse a caller who is signed in but not allowed (the default 403 and 404)
   */
  record Entry(int line, String route, Access access, String path, String body, boolean walked, boolean fresh,
      boolean checkSuccess, Set<Integer> refusals) {
    boolean socket() {
      return route.startsWith("SOCKET ");
    }

    String method() {
      return route.substring(0, route.indexOf(' '));
    }

    @Override
    public String toString() {
      return route;
    }
  }

  static AuthorizationMatrix load() {
    try (InputStream in = AuthorizationMatrix.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + RESOURCE + " in the test resources");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses the table: {@code ROUTE | ACCESS [FLAG ...] | [PATH] [BODY]}; {@code #} starts a comment line. Flags:
   * {@code mutates} (walk this GET), {@code fresh}, {@code no-success} (the allowed request cannot be made here: the
   * comment above says why), {@code refused=400,403} (the statuses the dialect documents for this refusal).
   */
  static AuthorizationMatrix parse(String text) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int number = i + 1;
      String[] columns = line.split(" \\| ", 3);
      if (columns.length < 2) {
        throw new IllegalArgumentException("line " + number + ": expected ROUTE | ACCESS [| REQUEST], got " + line);
      }
      String route = columns[0].strip().replaceAll(" +", " ");
      Integer before = seen.put(route, number);
      if (before != null) {
        throw new IllegalArgumentException("line " + number + ": " + route + " is already on line " + before);
      }
      String[] words = columns[1].strip().split(" +");
      if (!ACCESS.matcher(words[0]).matches()) {
        throw new IllegalArgumentException("line " + number + ": unknown access '" + words[0] + "'");
      }
      Access access = access(words[0]);
      boolean mutates = false;
      boolean fresh = false;
      boolean success = true;
      Set<Integer> refusals = Set.of(403, 404);
      for (int w = 1; w < words.length; w++) {
        String flag = words[w];
        if (flag.equals("mutates")) {
          mutates = true;
        } else if (flag.equals("fresh")) {
          fresh = true;
        } else if (flag.equals("no-success")) {
          success = false;
        } else if (flag.startsWith("refused=")) {
          refusals = Set.copyOf(java.util.Arrays.stream(flag.substring(8).split(",")).map(Integer::valueOf).toList());
        } else {
          throw new IllegalArgumentException("line " + number + ": unknown flag '" + flag + "'");
        }
      }
      String request = columns.length > 2 ? columns[2].strip() : "";
      String template = route.substring(route.indexOf(' ') + 1);
      String path = template;
      String body = request;
      if (request.startsWith("/")) {
        int space = request.indexOf(' ');
        path = space < 0 ? request : request.substring(0, space);
        body = space < 0 ? "" : request.substring(space + 1).strip();
      }
      boolean socket = route.startsWith("SOCKET ");
      boolean walked = !(access instanceof Access.Public)
          && (socket || !route.startsWith("GET ") || mutates);
      if (walked && !socket && path.matches(".*\\{(uid|id|sid|did|gid|pid|fingerPrint|feedId|userId)}.*")) {
        throw new IllegalArgumentException("line " + number + ": " + route + " is walked but names no concrete path");
      }
      entries.add(new Entry(number, route, access, path, body, walked, fresh, success, refusals));
    }
    return new AuthorizationMatrix(List.copyOf(entries));
  }

  private static Access access(String word) {
    return switch (word) {
      case "public" -> new Access.Public(false);
      case "transport" -> new Access.Public(true);
      case "signed-in" -> new Access.SignedIn();
      case "self" -> new Access.Self();
      case "owner" -> new Access.RoomOwner();
      case "member" -> new Access.RoomMember();
      default -> new Access.Admin(Set.of(word.substring("admin:".length()).split(",")));
    };
  }

  /** Replaces each {@code {name}} the values know; leaves the others. */
  static String fill(String text, Map<String, String> values) {
    Matcher m = Pattern.compile("\\{([A-Za-z0-9:]+)}").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
