package dev.atrium.core.event;

import dev.atrium.core.tx.Transactor;
import java.util.function.Consumer;

/**
 * What services publish their events through: an event is registered with the transaction that caused it and
 * reaches the {@link EventBus} only once the outermost transaction commits. Calls nested in an outer
 * transaction therefore publish nothing until it commits, then each of their events once, in the order they
 * were published; a rollback publishes nothing. A service never hands an event to its caller to publish.
 *
 * <p>An event published with no transaction open is delivered at once ({@link Transactor#afterCommit}): it
 * records no uncommitted change, since every service method that changes something runs in a transaction.
 */
public final class Events {
  private final Transactor tx;
  private final EventBus bus;

  public Events(Transactor tx, EventBus bus) {
    this.tx = tx;
    this.bus = bus;
  }

  /** Publishes the event once the transaction open on this thread commits. */
  public void publish(DomainEvent event) {
    tx.afterCommit(() -> bus.publish(event));
  }

  /** Registers a listener on the bus; the returned handle removes it. */
  public AutoCloseable subscribe(Consumer<DomainEvent> listener) {
    return bus.subscribe(listener);
  }
}
