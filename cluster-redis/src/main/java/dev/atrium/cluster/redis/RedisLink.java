package dev.atrium.cluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's link to the cluster's Redis: one Lettuce connection, named after the cluster and the node, which Lettuce
 * reconnects by itself after an outage. {@link #up()} tells whether it is connected now, without a round trip, so
 * that {@code /health} never waits on Redis. An outage is logged once when it starts and once when it ends. Every
 * key and channel the cluster uses starts with the cluster's name ({@link #key}), so two clusters share one Redis
 * without hearing each other.
 */
public final class RedisLink implements AutoCloseable {
  /** What a cluster's or a node's name may be: it goes into Redis keys and channels and into logs. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  private final String clusterName;
  private final String nodeId;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final AtomicBoolean down = new AtomicBoolean();

  private RedisLink(String clusterName, String nodeId, RedisClient client,
      StatefulRedisConnection<String, String> connection) {
    this.clusterName = clusterName;
    this.nodeId = nodeId;
    this.client = client;
    this.connection = connection;
  }

  /**
   * Connects to the Redis at the URL ({@code redis://[:password@]host:port[/db]}, {@code rediss://} for TLS); a Redis
   * that cannot be reached now fails the start with an {@code IllegalStateException} that names no password.
   */
  public static RedisLink connect(String url, String clusterName, String nodeId) {
    if (!NAME.matcher(clusterName).matches() || !NAME.matcher(nodeId).matches()) {
      throw new IllegalArgumentException("cluster and node names are 1 to 64 of [A-Za-z0-9_.-]");
    }
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(CONNECT_TIMEOUT);
    uri.setClientName(clusterName + ":" + nodeId);
    RedisClient client = RedisClient.create(uri);
    try {
      RedisLink link = new RedisLink(clusterName, nodeId, client, client.connect());
      client.addListener(link.new Outages());
      return link;
    } catch (RuntimeException e) {
      client.shutdown();
      throw new IllegalStateException("Redis at " + uri.getHost() + ":" + uri.getPort() + " cannot be reached: "
          + e.getClass().getSimpleName(), null);
    }
  }

  public String clusterName() {
    return clusterName;
  }

  public String nodeId() {
    return nodeId;
  }

  /** Whether the connection is open now (no round trip). */
  public boolean up() {
    return connection.isOpen();
  }

  /** A Redis key or channel of this cluster: its name, a colon, and the rest. */
  public String key(String rest) {
    return clusterName + ":" + rest;
  }

  /** The round trip of a PING, for tests and tools; fails while Redis is down. */
  public String ping() {
    return connection.sync().ping();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  /** Logs an outage once when it starts and once when it ends. */
  private final class Outages implements RedisConnectionStateListener {
    @Override
    public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, SocketAddress address) {
      if (down.compareAndSet(true, false)) {
        LOG.info("Redis is back: cluster {} node {} delivers across nodes again", clusterName, nodeId);
      }
    }

    @Override
    public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
      if (down.compareAndSet(false, true)) {
        LOG.warn("Redis is down: cluster {} node {} serves its own clients only until it returns", clusterName,
            nodeId);
      }
    }
  }
}
