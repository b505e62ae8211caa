package dev.atrium.socketio;

import dev.atrium.testkit.SocketIoNodeClient;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;

/**
 * Measures the heap an idle socket costs on the server (ours plus Javalin's and Jetty's share), outside the test
 * suite: it connects N sockets of each client version, collects garbage, and divides the growth of the used heap.
 * Run it by hand, e.g. {@code java -cp <test classpath> dev.atrium.socketio.SocketMemoryProbe 2000}.
 */
public final class SocketMemoryProbe {
  private SocketMemoryProbe() {}

  public static void main(String[] args) throws Exception {
    int perVersion = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    try (EchoApp app = new EchoApp(); SocketIoNodeClient client = new SocketIoNodeClient()) {
      // Warm up: one round of connects and disconnects so that pools, classes and caches exist before the baseline.
      client.connectMany("warm", 200, 4, app.url(), Map.of(), Duration.ofMinutes(2));
      client.connectMany("warm2-", 200, 2, app.url(), Map.of(), Duration.ofMinutes(2));
      for (int i = 0; i < 200; i++) {
        client.close("warm" + i);
        client.close("warm2-" + i);
      }
      waitFor(() -> app.sio.openCount() == 0);
      long before = usedAfterGc();

      client.connectMany("v2-", perVersion, 2, app.url(), Map.of("sessionId", "0123456789abcdef0123456789abcdef"),
          Duration.ofMinutes(5));
      client.connectMany("v4-", perVersion, 4, app.url(), Map.of("sessionId", "0123456789abcdef0123456789abcdef"),
          Duration.ofMinutes(5));
      waitFor(() -> app.sio.connectedCount() == 2 * perVersion);
      Thread.sleep(2000);
      long after = usedAfterGc();
      long perSocket = (after - before) / (2L * perVersion);
      if (args.length > 1) {
        System.out.println("pid " + ProcessHandle.current().pid() + "; sleeping for a heap histogram");
        Thread.sleep(Long.parseLong(args[1]) * 1000);
      }
      System.out.printf("%d sockets (%d per client version): heap %d KiB -> %d KiB, %d bytes (%.1f KiB) per idle socket%n",
          2 * perVersion, perVersion, before / 1024, after / 1024, perSocket, perSocket / 1024.0);
      client.closeAll();
      waitFor(() -> app.sio.openCount() == 0);
      Thread.sleep(2000);
      long closed = usedAfterGc();
      System.out.printf("after every socket closed: heap %d KiB (%+d bytes per socket left behind)%n", closed / 1024,
          (closed - before) / (2L * perVersion));
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("condition not reached in time");
      }
      Thread.sleep(50);
    }
  }
}
