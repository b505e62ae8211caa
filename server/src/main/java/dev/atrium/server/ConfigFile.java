package dev.atrium.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A configuration file: UTF-8 lines of {@code key=value}, the keys being the flags' names without their dashes;
 * blank lines and lines starting with {@code #} are skipped, and the whitespace around a key and a value is
 * dropped. Nothing else is interpreted (no quotes, escapes or comments after a value), so a password can hold
 * any character but a line break. Every problem names the file and line; no message repeats a value, since
 * the file is where secrets belong.
 */
final class ConfigFile {
  private ConfigFile() {}

  /** The values the file sets; each problem found is added to {@code problems}. */
  static Map<Setting, Config.Given> read(Path file, List<String> problems) {
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      problems.add(name + ": cannot read the configuration file: " + reason(file, e));
      return Map.of();
    }
    Map<Setting, Config.Given> values = new EnumMap<>(Setting.class);
    Map<Setting, Integer> lines = new EnumMap<>(Setting.class);
    int start = 0;
    for (int number = 1; start <= bytes.length; number++) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      String location = name + ":" + number + ": ";
      String line;
      try {
        // Decoded line by line so that bad bytes are reported with their line.
        line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
      } catch (CharacterCodingException e) {
        problems.add(location + "not UTF-8 text");
        line = "";
      }
      start = end + 1;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0 || line.substring(0, equals).isBlank()) {
        problems.add(location + "a line must be key=value, a comment starting with # or blank");
        continue;
      }
      String key = line.substring(0, equals).strip();
      Optional<Setting> setting = Setting.byKey(key);
      if (setting.isEmpty()) {
        problems.add(location + unknown(key));
        continue;
      }
      Integer first = lines.putIfAbsent(setting.get(), number);
      if (first != null) {
        problems.add(location + key + " is set twice, first on line " + first);
        continue;
      }
      String value = line.substring(equals + 1).strip();
      // Empty is the same as absent, as it is for an environment variable.
      if (!value.isEmpty()) {
        values.put(setting.get(), new Config.Given(value, Config.Origin.FILE, location));
      }
    }
    return values;
  }

  private static String reason(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (Files.isDirectory(file)) {
      return "it is a directory";
    }
    return String.valueOf(e.getMessage());
  }

  private static String unknown(String key) {
    // A key is shown only when it looks like one: a line that is something else may hold a secret.
    if (!key.matches("[A-Za-z0-9_.-]{1,64}")) {
      return "unknown setting (key not shown: it is not a setting name)";
    }
    // The names it has elsewhere, or another spelling: --data-dir, ATRIUM_DATA_DIR, DATA_DIR, data_dir.
    Optional<Setting> meant = Setting.byKey(key.replaceFirst("^--", "").replaceFirst("^ATRIUM_", "")
        .toLowerCase(Locale.ROOT).replace('_', '-'));
    return "unknown setting '" + key + "'" + meant.map(s -> ": the file names it " + s.key()).orElse("");
  }
}
