package dev.atrium.store.jdbc;

import static dev.atrium.store.jdbc.schema.Tables.SESSIONS;
import static dev.atrium.store.jdbc.schema.Tables.SESSION_DEVICE;
import static dev.atrium.store.jdbc.schema.Tables.USER_NETWORK_STATE;
import static dev.atrium.store.jdbc.schema.Tables.USER_SETTINGS;

import dev.atrium.core.settings.DeviceApplication;
import dev.atrium.core.settings.DeviceSettings;
import dev.atrium.core.settings.NetworkState;
import dev.atrium.core.settings.SessionDevice;
import dev.atrium.core.settings.SettingsStore;
import dev.atrium.core.settings.UserSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;

/** Settings, device settings (one row per session) and network states on jOOQ. */
public final class JdbcSettingsStore implements SettingsStore {
  private static final List<Field<?>> DEVICE_COLUMNS = List.of(SESSION_DEVICE.SESSION_ID, SESSION_DEVICE.USER_ID,
      SESSION_DEVICE.TIMEZONE, SESSION_DEVICE.LANGUAGE, SESSION_DEVICE.OS, SESSION_DEVICE.PUSH_TOKEN,
      SESSION_DEVICE.APPLICATION, SESSION_DEVICE.UPDATED_AT);
  private final JdbcTransactor tx;

  public JdbcSettingsStore(JdbcTransactor tx) {
    this.tx = tx;
  }

  @Override
  public Optional<UserSettings> settings(long userId) {
    return tx.ctx().select(USER_SETTINGS.IGNORE_NEW_TEXTCHAT, USER_SETTINGS.NAVIGATION_MODE,
            USER_SETTINGS.VERTICAL_SENSITIVITY, USER_SETTINGS.HORIZONTAL_SENSITIVITY,
            USER_SETTINGS.JOYSTICK_SETTINGS, USER_SETTINGS.HELPER_BUTTON_APPEARANCE,
            USER_SETTINGS.OBJECT_COLLISION)
        .from(USER_SETTINGS).where(USER_SETTINGS.USER_ID.eq(userId))
        .fetchOptional(r -> new UserSettings(new UserSettings.Email(r.value1()),
            new UserSettings.Navigation(r.value2(), r.value3(), r.value4(), r.value5(), r.value6()), r.value7()));
  }

  @Override
  public void putSettings(long userId, UserSettings s) {
    Map<Field<?>, Object> values = new LinkedHashMap<>();
    values.put(USER_SETTINGS.IGNORE_NEW_TEXTCHAT, s.email().ignoreNewTextchatMessage());
    values.put(USER_SETTINGS.NAVIGATION_MODE, s.navigation().navigationMode());
    values.put(USER_SETTINGS.VERTICAL_SENSITIVITY, s.navigation().verticalSensitivity());
    values.put(USER_SETTINGS.HORIZONTAL_SENSITIVITY, s.navigation().horizontalSensitivity());
    values.put(USER_SETTINGS.JOYSTICK_SETTINGS, s.navigation().joystickSettings());
    values.put(USER_SETTINGS.HELPER_BUTTON_APPEARANCE, s.navigation().helperButtonAppearance());
    values.put(USER_SETTINGS.OBJECT_COLLISION, s.objectCollision());
    tx.ctx().insertInto(USER_SETTINGS).set(USER_SETTINGS.USER_ID, userId).set(values)
        .onConflict(USER_SETTINGS.USER_ID).doUpdate().set(values)
        .execute();
  }

  @Override
  public Optional<SessionDevice> device(String sessionId) {
    return tx.ctx().select(DEVICE_COLUMNS).from(SESSION_DEVICE).where(SESSION_DEVICE.SESSION_ID.eq(sessionId))
        .fetchOptional(JdbcSettingsStore::device);
  }

  @Override
  public void putDevice(SessionDevice d) {
    DeviceSettings s = d.settings();
    Map<Field<?>, Object> values = new LinkedHashMap<>();
    values.put(SESSION_DEVICE.USER_ID, d.userId());
    values.put(SESSION_DEVICE.TIMEZONE, s.timezone());
    values.put(SESSION_DEVICE.LANGUAGE, s.language());
    values.put(SESSION_DEVICE.OS, s.os());
    values.put(SESSION_DEVICE.PUSH_TOKEN, s.pushToken());
    values.put(SESSION_DEVICE.APPLICATION, s.application() == null ? null : s.application().name());
    values.put(SESSION_DEVICE.UPDATED_AT, d.updatedAt().toEpochMilli());
    tx.ctx().insertInto(SESSION_DEVICE).set(SESSION_DEVICE.SESSION_ID, d.sessionId()).set(values)
        .onConflict(SESSION_DEVICE.SESSION_ID).doUpdate().set(values)
        .execute();
  }

  @Override
  public List<SessionDevice> liveDevices(long userId, long nowMillis) {
    return tx.ctx().select(DEVICE_COLUMNS).from(SESSION_DEVICE)
        .join(SESSIONS).on(SESSIONS.ID.eq(SESSION_DEVICE.SESSION_ID))
        .where(SESSION_DEVICE.USER_ID.eq(userId), SESSIONS.REVOKED.isFalse(), SESSIONS.EXPIRES_AT.gt(nowMillis))
        .orderBy(SESSION_DEVICE.UPDATED_AT, SESSION_DEVICE.SESSION_ID)
        .fetch(JdbcSettingsStore::device);
  }

  @Override
  public Optional<NetworkState> networkState(long userId, String networkId) {
    return tx.ctx().select(USER_NETWORK_STATE.USER_ID, USER_NETWORK_STATE.NETWORK_ID,
            USER_NETWORK_STATE.DEFAULT_SUB_NETWORK_ID, USER_NETWORK_STATE.DATA_JSON, USER_NETWORK_STATE.UPDATED_AT)
        .from(USER_NETWORK_STATE)
        .where(USER_NETWORK_STATE.USER_ID.eq(userId), USER_NETWORK_STATE.NETWORK_ID.eq(networkId))
        .fetchOptional(r -> new NetworkState(r.value1(), r.value2(), r.value3(), Json.readData(r.value4()),
            Instant.ofEpochMilli(r.value5())));
  }

  @Override
  public void putNetworkState(NetworkState state) {
    String json = Json.writeData(state.data());
    long at = state.updatedAt().toEpochMilli();
    tx.ctx().insertInto(USER_NETWORK_STATE)
        .set(USER_NETWORK_STATE.USER_ID, state.userId()).set(USER_NETWORK_STATE.NETWORK_ID, state.networkId())
        .set(USER_NETWORK_STATE.DEFAULT_SUB_NETWORK_ID, state.defaultSubNetworkId())
        .set(USER_NETWORK_STATE.DATA_JSON, json).set(USER_NETWORK_STATE.UPDATED_AT, at)
        .onConflict(USER_NETWORK_STATE.USER_ID, USER_NETWORK_STATE.NETWORK_ID).doUpdate()
        .set(USER_NETWORK_STATE.DEFAULT_SUB_NETWORK_ID, state.defaultSubNetworkId())
        .set(USER_NETWORK_STATE.DATA_JSON, json).set(USER_NETWORK_STATE.UPDATED_AT, at)
        .execute();
  }

  private static SessionDevice device(Record r) {
    String app = r.get(SESSION_DEVICE.APPLICATION);
    return new SessionDevice(r.get(SESSION_DEVICE.SESSION_ID), r.get(SESSION_DEVICE.USER_ID),
        new DeviceSettings(r.get(SESSION_DEVICE.TIMEZONE), r.get(SESSION_DEVICE.LANGUAGE), r.get(SESSION_DEVICE.OS),
            r.get(SESSION_DEVICE.PUSH_TOKEN), app == null ? null : DeviceApplication.valueOf(app)),
        Instant.ofEpochMilli(r.get(SESSION_DEVICE.UPDATED_AT)));
  }
}
