package dev.atrium.core.event;

import java.util.function.Consumer;

/** Where domain events go after commit. Lossy by contract: durable state lives in the store. */
public interface EventBus {
  void publish(DomainEvent event);

  /** Registers a listener; the returned handle removes it. */
  AutoCloseable subscribe(Consumer<DomainEvent> listener);
}
