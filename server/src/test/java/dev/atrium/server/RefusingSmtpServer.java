package dev.atrium.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal SMTP server on loopback that answers every RCPT with the reply given (say {@code 550 5.1.1 No such
 * user}), which GreenMail cannot be made to do: enough of the protocol for a client to reach that point.
 */
final class RefusingSmtpServer implements AutoCloseable {
  private final ServerSocket socket;
  private final String rcptReply;

  RefusingSmtpServer(String rcptReply) {
    this.rcptReply = rcptReply;
    try {
      this.socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().name("refusing-smtp").start(this::serve);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException e) {
        // closed, or the client hung up: wait for the next one
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
    OutputStream out = client.getOutputStream();
    reply(out, "220 refusing.test ESMTP");
    for (String line; (line = in.readLine()) != null; ) {
      String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
      switch (command) {
        case "EHLO" -> reply(out, "250-refusing.test\r\n250 8BITMIME");
        case "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
        case "RCPT" -> reply(out, rcptReply);
        case "QUIT" -> {
          reply(out, "221 Bye");
          return;
        }
        default -> reply(out, "502 5.5.1 Not implemented");
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
