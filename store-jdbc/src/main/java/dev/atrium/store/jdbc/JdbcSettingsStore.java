package dev.atrium.store.jdbc;

import dev.atrium.core.settings.DeviceApplication;
import dev.atrium.core.settings.DeviceSettings;
import dev.atrium.core.settings.NetworkState;
import dev.atrium.core.settings.SessionDevice;
import dev.atrium.core.settings.SettingsStore;
import dev.atrium.core.settings.UserSettings;
import dev.atrium.store.jdbc.Schema.NetworkStates;
import dev.atrium.store.jdbc.Schema.SessionDevices;
import dev.atrium.store.jdbc.Schema.Sessions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Settings, device settings (one row per session) and network states on jOOQ. */
public final class JdbcSettingsStore implements SettingsStore {
  private static final List<Field<?>> DEVICE_COLUMNS = List.of(SessionDevices.SESSION_ID, SessionDevices.USER_ID,
      SessionDevices.TIMEZONE, SessionDevices.LANGUAGE, SessionDevices.OS, SessionDevices.PUSH_TOKEN,
      SessionDevices.APPLICATION, SessionDevices.UPDATED_AT);
  private final JdbcTransactor tx;

  public JdbcSettingsStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<UserSettings> settings(long userId) {
    return tx.ctx().select(Schema.UserSettings.IGNORE_NEW_TEXTCHAT, Schema.UserSettings.NAVIGATION_MODE,
            Schema.UserSettings.VERTICAL_SENSITIVITY, Schema.UserSettings.HORIZONTAL_SENSITIVITY,
            Schema.UserSettings.JOYSTICK_SETTINGS, Schema.UserSettings.HELPER_BUTTON_APPEARANCE,
            Schema.UserSettings.OBJECT_COLLISION)
        .from(Schema.UserSettings.T).where(Schema.UserSettings.USER_ID.eq(userId))
        .fetchOptional(r -> new UserSettings(new UserSettings.Email(r.value1()),
            new UserSettings.Navigation(r.value2(), r.value3(), r.value4(), r.value5(), r.value6()), r.value7()));
  }

  @Override
  public void putSettings(long userId, UserSettings s) {
    Map<Field<?>, Object> values = new LinkedHashMap<>();
    values.put(Schema.UserSettings.IGNORE_NEW_TEXTCHAT, s.email().ignoreNewTextchatMessage());
    values.put(Schema.UserSettings.NAVIGATION_MODE, s.navigation().navigationMode());
    values.put(Schema.UserSettings.VERTICAL_SENSITIVITY, s.navigation().verticalSensitivity());
    values.put(Schema.UserSettings.HORIZONTAL_SENSITIVITY, s.navigation().horizontalSensitivity());
    values.put(Schema.UserSettings.JOYSTICK_SETTINGS, s.navigation().joystickSettings());
    values.put(Schema.UserSettings.HELPER_BUTTON_APPEARANCE, s.navigation().helperButtonAppearance());
    values.put(Schema.UserSettings.OBJECT_COLLISION, s.objectCollision());
    tx.ctx().insertInto(Schema.UserSettings.T).set(Schema.UserSettings.USER_ID, userId).set(values)
        .onConflict(Schema.UserSettings.USER_ID).doUpdate().set(values)
        .execute();
  }

  @Override
  public Optional<SessionDevice> device(String sessionId) {
    return tx.ctx().select(DEVICE_COLUMNS).from(SessionDevices.T).where(SessionDevices.SESSION_ID.eq(sessionId))
        .fetchOptional(JdbcSettingsStore::device);
  }

  @Override
  public void putDevice(SessionDevice d) {
    DeviceSettings s = d.settings();
    Map<Field<?>, Object> values = new LinkedHashMap<>();
    values.put(SessionDevices.USER_ID, d.userId());
    values.put(SessionDevices.TIMEZONE, s.timezone());
    values.put(SessionDevices.LANGUAGE, s.language());
    values.put(SessionDevices.OS, s.os());
    values.put(SessionDevices.PUSH_TOKEN, s.pushToken());
    values.put(SessionDevices.APPLICATION, s.application() == null ? null : s.application().name());
    values.put(SessionDevices.UPDATED_AT, d.updatedAt().toEpochMilli());
    tx.ctx().insertInto(SessionDevices.T).set(SessionDevices.SESSION_ID, d.sessionId()).set(values)
        .onConflict(SessionDevices.SESSION_ID).doUpdate().set(values)
        .execute();
  }

  @Override
  public List<SessionDevice> liveDevices(long userId, long nowMillis) {
    return tx.ctx().select(DEVICE_COLUMNS).from(SessionDevices.T)
        .join(Sessions.T).on(Sessions.ID.eq(SessionDevices.SESSION_ID))
        .where(SessionDevices.USER_ID.eq(userId), Sessions.REVOKED.isFalse(), Sessions.EXPIRES_AT.gt(nowMillis))
        .orderBy(SessionDevices.UPDATED_AT, SessionDevices.SESSION_ID)
        .fetch(JdbcSettingsStore::device);
  }

  @Override
  public Optional<NetworkState> networkState(long userId, String networkId) {
    return tx.ctx().select(NetworkStates.USER_ID, NetworkStates.NETWORK_ID, NetworkStates.DEFAULT_SUB_NETWORK_ID,
            NetworkStates.DATA_JSON, NetworkStates.UPDATED_AT)
        .from(NetworkStates.T).where(NetworkStates.USER_ID.eq(userId), NetworkStates.NETWORK_ID.eq(networkId))
        .fetchOptional(r -> new NetworkState(r.value1(), r.value2(), r.value3(), Json.readData(r.value4()),
            Instant.ofEpochMilli(r.value5())));
  }

  @Override
  public void putNetworkState(NetworkState state) {
    String json = Json.writeData(state.data());
    long at = state.updatedAt().toEpochMilli();
    tx.ctx().insertInto(NetworkStates.T)
        .set(NetworkStates.USER_ID, state.userId()).set(NetworkStates.NETWORK_ID, state.networkId())
        .set(NetworkStates.DEFAULT_SUB_NETWORK_ID, state.defaultSubNetworkId()).set(NetworkStates.DATA_JSON, json)
        .set(NetworkStates.UPDATED_AT, at)
        .onConflict(NetworkStates.USER_ID, NetworkStates.NETWORK_ID).doUpdate()
        .set(NetworkStates.DEFAULT_SUB_NETWORK_ID, state.defaultSubNetworkId()).set(NetworkStates.DATA_JSON, json)
        .set(NetworkStates.UPDATED_AT, at)
        .execute();
  }

  private static SessionDevice device(Record r) {
    String app = r.get(SessionDevices.APPLICATION);
    return new SessionDevice(r.get(SessionDevices.SESSION_ID), r.get(SessionDevices.USER_ID),
        new DeviceSettings(r.get(SessionDevices.TIMEZONE), r.get(SessionDevices.LANGUAGE), r.get(SessionDevices.OS),
            r.get(SessionDevices.PUSH_TOKEN), app == null ? null : DeviceApplication.valueOf(app)),
        Instant.ofEpochMilli(r.get(SessionDevices.UPDATED_AT)));
  }
}
