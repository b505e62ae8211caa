import dev.atrium.core.session.Passwords;
import dev.atrium.server.Argon2Hasher;
import dev.atrium.testkit.CrashProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The bench's helpers, run from source with the server jar on the class path so that they use the
 * server's own code: {@code java -cp server/target/atrium.jar bench/Tool.java MODE ...}.
 *
 * <ul>
 *   <li>{@code hash COST N}: times N verifications with the server's hasher (password4j Argon2id) on one
 *       thread, then N per core on all cores at once, best of three rounds each; prints one line of
 *       key=value pairs.
 *   <li>{@code pbkdf2 PASSWORD}: prints the Symphony Password block halves {@code hSalt hPassword} for the
 *       password (PBKDF2-HMAC-SHA256, 10,000 rounds, as a Symphony admin client computes it).
 *   <li>{@code roomsql DIALECT VIEWER QUERY [ROOM_ID...]}: prints, one a line and with the values inlined,
 *       the SQL {@code JdbcRoomStore.search} runs for a room search {@code {"query": QUERY}} by user VIEWER
 *       (default filters, skip 0, limit 50): the count, the page of room ids and, given the ids, the fetch
 *       of those rooms. It calls the store's own condition builder (package private, hence reflection), so
 *       the SQL is the store's, not a copy.
 *   <li>{@code kill CYCLES WRITERS MIN MAX LOG -- COMMAND...}: testkit's {@code CrashProbe} (on the class path
 *       with {@code testkit/target/classes}): CYCLES times starts the server COMMAND with this process's
 *       {@code ATRIUM_*} environment, creates users from WRITERS clients, kills it ({@code kill -9}) once MIN to
 *       MAX users were acknowledged, and prints one line per cycle: {@code cycle N acknowledged A lost L reused
 *       R}.
 *   <li>{@code writes WRITERS WARMUP SECONDS LOG -- COMMAND...}: the same probe's user creations per second
 *       over SECONDS after WARMUP; prints {@code writes_per_s=X}.
 * </ul>
 */
public class Tool {
  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "hash" -> hash(args.length > 1 ? args[1] : "m=19456,t=2,p=1", args.length > 2 ? Integer.parseInt(args[2]) : 20);
      case "pbkdf2" -> pbkdf2(args[1]);
      case "roomsql" -> roomSql(args[1], Long.parseLong(args[2]), args[3], List.of(args).subList(4, args.length));
      case "kill" -> kill(args);
      case "writes" -> writes(args);
      default -> {
        System.err.println("usage: Tool hash COST N | Tool pbkdf2 PASSWORD | Tool roomsql H2|POSTGRES VIEWER QUERY [ROOM_ID...]"
            + " | Tool kill CYCLES WRITERS MIN MAX LOG -- COMMAND..."
            + " | Tool writes WRITERS WARMUP SECONDS LOG -- COMMAND...");
        System.exit(2);
      }
    }
  }

  static void kill(String[] args) throws Exception {
    CrashProbe probe = probe(Integer.parseInt(args[2]), Path.of(args[5]), args);
    int[] cycle = {0};
    probe.run(Integer.parseInt(args[1]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), new Random(),
        c -> System.out.printf("cycle %d acknowledged %d lost %d reused %d%n", ++cycle[0], c.acknowledged(),
            c.lost().size(), c.reused().size()));
  }

  static void writes(String[] args) throws Exception {
    CrashProbe probe = probe(Integer.parseInt(args[1]), Path.of(args[4]), args);
    double rate = probe.throughput(Duration.ofSeconds(Long.parseLong(args[2])),
        Duration.ofSeconds(Long.parseLong(args[3])));
    System.out.printf(Locale.ROOT, "writes_per_s=%.1f%n", rate);
  }

  /** The probe over the command after "--", with this process's ATRIUM_* variables as the server's settings. */
  private static CrashProbe probe(int writers, Path log, String[] args) {
    List<String> command = List.of(args).subList(List.of(args).indexOf("--") + 1, args.length);
    Map<String, String> env = new HashMap<>();
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("ATRIUM_")) {
        env.put(k, v);
      }
    });
    return new CrashProbe(command, env, log, writers);
  }

  static void pbkdf2(String password) {
    byte[] salt = "atrium-bench-salt".getBytes(StandardCharsets.UTF_8);
    byte[] hash = Passwords.pbkdf2(password, salt, 256);
    System.out.println(Base64.getEncoder().encodeToString(salt) + " " + Base64.getEncoder().encodeToString(hash));
  }

  static void hash(String cost, int n) throws Exception {
    Argon2Hasher hasher = new Argon2Hasher(Argon2Hasher.Cost.parse(cost));
    String password = "bench-Passw0rd!";
    String stored = hasher.hash(password);
    for (int i = 0; i < 5; i++) {
      check(hasher.verify(password, stored)); // JIT warm-up
    }
    // Each figure is the best of three rounds, so that a burst of other work on the machine does not
    // stand for the hash's cost. One thread: what one login pays.
    double oneMs = Double.MAX_VALUE;
    for (int round = 0; round < 3; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        check(hasher.verify(password, stored));
      }
      oneMs = Math.min(oneMs, (System.nanoTime() - start) / 1e6 / n);
    }
    // Every core at once: what the machine sustains when logins run side by side.
    int cores = Runtime.getRuntime().availableProcessors();
    double parallelPerSec = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(cores)) {
      for (int round = 0; round < 3; round++) {
        List<Future<?>> jobs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n * cores; i++) {
          jobs.add(pool.submit(() -> check(hasher.verify(password, stored))));
        }
        for (Future<?> job : jobs) {
          job.get();
        }
        parallelPerSec = Math.max(parallelPerSec, n * cores / ((System.nanoTime() - t0) / 1e9));
      }
    }
    System.out.printf(Locale.ROOT, "cost=%s cores=%d hash_ms=%.1f ceiling_per_s=%.1f parallel_per_s=%.1f%n",
        cost, cores, oneMs, cores * 1000.0 / oneMs, parallelPerSec);
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new AssertionError("the hasher refused its own hash");
    }
  }

  @SuppressWarnings("unchecked")
  static void roomSql(String dialect, long viewer, String query, List<String> ids) throws Exception {
    Class<?> store = Class.forName("dev.atrium.store.jdbc.JdbcRoomStore");
    org.jooq.Table<?> room = (org.jooq.Table<?>) Class.forName("dev.atrium.store.jdbc.schema.Tables")
        .getField("ROOM").get(null);
    dev.atrium.core.room.RoomSearch search =
        dev.atrium.core.room.RoomSearch.builder().query(query).limit(50).build();
    List<String> words = dev.atrium.core.room.RoomSearch.words(query);
    java.lang.reflect.Method conditions = store.getDeclaredMethod("termConditions", long.class, List.class,
        dev.atrium.core.room.RoomSearch.class);
    conditions.setAccessible(true);
    List<org.jooq.Condition> where = (List<org.jooq.Condition>) conditions.invoke(null, viewer, words, search);
    // DRIVER is the generated ROOM_TERM table under the alias the search gives it.
    org.jooq.Table<?> d = (org.jooq.Table<?>) field(store, "DRIVER");
    org.jooq.Field<String> roomId = (org.jooq.Field<String>) d.getClass().getField("ROOM_ID").get(d);
    org.jooq.Field<Long> createdAt = (org.jooq.Field<Long>) d.getClass().getField("CREATED_AT").get(d);
    // Names unquoted, as the server renders them (Database.java).
    org.jooq.DSLContext dsl = org.jooq.impl.DSL.using(org.jooq.SQLDialect.valueOf(dialect),
        new org.jooq.conf.Settings().withRenderQuotedNames(org.jooq.conf.RenderQuotedNames.NEVER));
    // The same statements as JdbcRoomStore.search (countRooms, the page, byIds).
    System.out.println(dsl.renderInlined(org.jooq.impl.DSL.selectCount()
        .from(org.jooq.impl.DSL.select(roomId).from(d).where(where).groupBy(roomId))));
    System.out.println(dsl.renderInlined(org.jooq.impl.DSL.select(roomId, createdAt).from(d).where(where)
        .groupBy(roomId, createdAt).orderBy(createdAt, roomId).offset(0).limit(50)));
    if (!ids.isEmpty()) {
      List<org.jooq.SelectField<?>> columns = (List<org.jooq.SelectField<?>>) field(store, "ROOM_COLUMNS");
      org.jooq.Field<String> id = (org.jooq.Field<String>) room.getClass().getField("ID").get(room);
      System.out.println(dsl.renderInlined(org.jooq.impl.DSL.select(columns).from(room).where(id.in(ids))));
    }
  }

  private static Object field(Class<?> type, String name) throws Exception {
    java.lang.reflect.Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(null);
  }
}
