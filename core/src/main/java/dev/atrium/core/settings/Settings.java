package dev.atrium.core.settings;

import static dev.atrium.core.error.AtriumException.require;

import dev.atrium.core.JsonData;
import dev.atrium.core.error.AtriumException;
import dev.atrium.core.event.DomainEvent;
import dev.atrium.core.event.Events;
import dev.atrium.core.session.Principal;
import dev.atrium.core.space.Space;
import dev.atrium.core.space.Spaces;
import dev.atrium.core.tx.Transactor;
import dev.atrium.core.user.User;
import dev.atrium.core.user.UserStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A user's settings. Email, navigation and collision settings are one {@link UserSettings} per user; each
 * setter replaces its part and publishes {@code SettingsChanged} with the whole. Device settings are kept per
 * session ({@link DeviceSettings}) and publish {@code DeviceSettingsChanged}. A network state is kept per user
 * per network and publishes {@code NetworkStateChanged}. Each change is one transaction that locks the user's
 * row first, so that two changes at once (of different fields, say) are made one after the other and neither
 * is lost; a disabled user changes nothing ({@code Forbidden}); nothing here is audited (it is the user's own
 * preference).
 */
public final class Settings {
  public static final int MAX_NETWORK_ID_LENGTH = 128;

  private final SettingsStore store;
  private final UserStore users;
  private final Spaces spaces;
  private final Transactor tx;
  private final Events events;
  private final InstantSource clock;

  public Settings(SettingsStore store, UserStore users, Spaces spaces, Transactor tx, Events events,
      InstantSource clock) {
    this.store = store;
    this.users = users;
    this.spaces = spaces;
    this.tx = tx;
    this.events = events;
    this.clock = clock;
  }

  /** The user's settings; the defaults if they never set any. */
  public UserSettings get(long userId) {
    return store.settings(userId).orElse(UserSettings.DEFAULT);
  }

  /** {@code user:setEmailSettings}. */
  public UserSettings setEmail(long userId, UserSettings.Email email) {
    return change(userId, s -> s.withEmail(email));
  }

  /** Replaces every navigation field; see {@link UserSettings.Navigation}. */
  public UserSettings setNavigation(long userId, UserSettings.Navigation navigation) {
    navigation.checked();
    return change(userId, s -> s.withNavigation(navigation));
  }

  /**
   * {@code user:setNavigationSettings}: the fields given replace theirs, the others keep their current value, read
   * and written in one transaction on the locked user.
   */
  public UserSettings patchNavigation(long userId, UserSettings.NavigationPatch patch) {
    return change(userId, s -> s.withNavigation(patch.applyTo(s.navigation()).checked()));
  }

  /** {@code user:setCollisionSettings}: 0 to {@link UserSettings#MAX_OBJECT_COLLISION}. */
  public UserSettings setObjectCollision(long userId, int objectCollision) {
    require(objectCollision >= 0 && objectCollision <= UserSettings.MAX_OBJECT_COLLISION,
        "objectCollision must be from 0 to " + UserSettings.MAX_OBJECT_COLLISION + ", got " + objectCollision);
    return change(userId, s -> s.withObjectCollision(objectCollision));
  }

  private UserSettings change(long userId, UnaryOperator<UserSettings> edit) {
    return tx.inTransaction(() -> {
      own(userId);
      UserSettings next = edit.apply(get(userId));
      store.putSettings(userId, next);
      events.publish(new DomainEvent.SettingsChanged(userId, next, clock.instant()));
      return next;
    });
  }

  // ---- devices

  /** {@code user:deviceSettings}: replaces what the caller's session reported about its device. */
  public SessionDevice setDevice(Principal caller, DeviceSettings settings) {
    settings.checked();
    return tx.inTransaction(() -> {
      own(caller.userId());
      SessionDevice next = new SessionDevice(caller.session().id(), caller.userId(), settings, clock.instant());
      store.putDevice(next);
      events.publish(new DomainEvent.DeviceSettingsChanged(next, next.updatedAt()));
      return next;
    });
  }

  /** What the session reported about its device; {@link DeviceSettings#NONE} if nothing. */
  public DeviceSettings device(String sessionId) {
    return store.device(sessionId).map(SessionDevice::settings).orElse(DeviceSettings.NONE);
  }

  /** The device settings of each live session of the user (where a push goes). */
  public List<SessionDevice> liveDevices(long userId) {
    return store.liveDevices(userId, clock.instant().toEpochMilli());
  }

  // ---- network state

  /**
   * {@code user:setNetworkState} in the network the caller's session is in: the user must be allowed in the
   * network ({@link Spaces#canUse}), and a default sub-network, if given, must be a sub-network of it that
   * the user may use. The data must fit {@link JsonData#MAX_BYTES}.
   */
  public NetworkState setNetworkState(long userId, String networkId, @Nullable String defaultSubNetworkId,
      Map<String, ? extends @Nullable Object> data) {
    require(!networkId.isEmpty() && networkId.length() <= MAX_NETWORK_ID_LENGTH,
        "networkId must be 1 to " + MAX_NETWORK_ID_LENGTH + " characters long");
    Map<String, @Nullable Object> checked = JsonData.copyOf(data, "networkState.data");
    String sub = defaultSubNetworkId == null || defaultSubNetworkId.isEmpty() ? null : defaultSubNetworkId;
    return tx.inTransaction(() -> {
      own(userId);
      spaces.requireUse(userId, networkId);
      if (sub != null) {
        Space child = spaces.requireUse(userId, sub);
        require(Objects.equals(child.parentId(), networkId),
            "defaultSubNetworkId " + sub + " is not a sub-network of " + networkId);
      }
      NetworkState next = new NetworkState(userId, networkId, sub, checked, clock.instant());
      store.putNetworkState(next);
      events.publish(new DomainEvent.NetworkStateChanged(next, next.updatedAt()));
      return next;
    });
  }

  /** The user's state in the network; empty data and no default sub-network if never set. */
  public NetworkState networkState(long userId, String networkId) {
    return store.networkState(userId, networkId)
        .orElseGet(() -> new NetworkState(userId, networkId, null, Map.of(), Instant.EPOCH));
  }

  /** The user, locked until the transaction ends, who must be enabled to change anything of theirs. */
  private User own(long userId) {
    User user = users.lock(userId).orElseThrow(() -> AtriumException.notFound("User " + userId + " not found"));
    if (!user.enabled()) {
      throw AtriumException.forbidden("User " + userId + " is disabled");
    }
    return user;
  }
}
