package dev.atrium.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading HTTP/1.1 answers off a raw socket, for tests that write requests byte by byte. */
public final class RawHttp {
  private RawHttp() {}

  /** The status line and headers up to the empty line (ISO-8859-1), or what came before the stream ended. */
  public static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      head.append((char) c);
    }
    return head.toString();
  }

  /** One answer: its head and its Content-Length body (UTF-8). */
  public static String readResponse(InputStream in) throws IOException {
    String head = readHead(in);
    int length = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
        .map(l -> Integer.parseInt(l.substring("content-length:".length()).trim())).findFirst().orElse(0);
    return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
