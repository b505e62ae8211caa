package dev.atrium.core.settings;

import java.util.List;
import java.util.Optional;

/** Storage of settings, device settings and network states. Every call joins the caller's transaction. */
public interface SettingsStore {
  Optional<UserSettings> settings(long userId);

  void putSettings(long userId, UserSettings settings);

  Optional<SessionDevice> device(String sessionId);

  /** Stores the session's device settings, replacing what the session reported before. */
  void putDevice(SessionDevice device);

  /** The device settings of the user's live sessions (not revoked, not expired at {@code nowMillis}). */
  List<SessionDevice> liveDevices(long userId, long nowMillis);

  Optional<NetworkState> networkState(long userId, String networkId);

  void putNetworkState(NetworkState state);
}
