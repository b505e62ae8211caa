package dev.atrium.http;

import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Set;

/**
 * One public API the server speaks: its routes, the format of its errors on the paths it owns, its sockets if it
 * has any, and the periodic work it needs. The composition root starts the configured dialects from one list;
 * tests start any subset.
 */
public interface Dialect extends AutoCloseable {
  /** The dialect's name in configuration ({@code symphony}, {@code roomful}, ...). */
  String name();

  /** Adds the dialect's routes, sockets and error formats (by path prefix) to the server being configured. */
  void install(JavalinConfig cfg, ErrorRouter errors);

  /**
   * The events a client may send over this dialect's sockets ({@code user:editProfile}, ...), sorted; none when
   * the dialect has no sockets. The generated security suites walk them as they walk the HTTP routes.
   */
  default List<String> socketEvents() {
    return List.of();
  }

  /**
   * The routes ({@code "POST /path/{param}"}) whose body is a form ({@code multipart/form-data} or
   * {@code application/x-www-form-urlencoded}); every other route's non-empty body must be JSON.
   */
  default Set<String> formRoutes() {
    return Set.of();
  }

  /**
   * The routes whose body may be JSON or a url-encoded form, as its {@code Content-Type} says (Rocket.Chat's body
   * parser takes either); a route also among {@link #formRoutes} takes a multipart form as well.
   */
  default Set<String> jsonOrFormRoutes() {
    return Set.of();
  }

  /** The paths browsers call, which answer the configured origins with CORS headers; none by default. */
  default List<Cors.Paths> browserPaths() {
    return List.of();
  }

  /** The periodic work this dialect needs while the server runs. */
  default List<Job> jobs() {
    return List.of();
  }

  /** Stops what the dialect runs besides its routes (sockets, push threads). The server has stopped serving. */
  @Override
  default void close() {}
}
