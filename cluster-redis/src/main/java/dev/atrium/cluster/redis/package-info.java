/** Cluster mode: a node's link to the Redis that carries events and presence between nodes (Lettuce). */
@NullMarked
package dev.atrium.cluster.redis;

import org.jspecify.annotations.NullMarked;
