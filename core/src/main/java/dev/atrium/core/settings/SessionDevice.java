package dev.atrium.core.settings;

import java.time.Instant;

/** The device settings one session reported, and when. */
public record SessionDevice(String sessionId, long userId, DeviceSettings settings, Instant updatedAt) {}
