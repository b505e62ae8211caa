package dev.atrium.core.event;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Delivers each event synchronously to every listener of this process; one failing listener harms no other. */
public final class InProcessEventBus implements EventBus {
  private static final Logger LOG = Logger.getLogger(InProcessEventBus.class.getName());
  private final CopyOnWriteArrayList<Consumer<DomainEvent>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void publish(DomainEvent event) {
    for (Consumer<DomainEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "event listener failed on " + event.getClass().getSimpleName(), e);
      }
    }
  }

  @Override
  public AutoCloseable subscribe(Consumer<DomainEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
