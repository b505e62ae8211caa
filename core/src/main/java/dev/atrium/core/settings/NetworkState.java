package dev.atrium.core.settings;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user's state in one network (space), as Roomful's {@code user:setNetworkState} sets it: the sub-network
 * to open by default and free-form client data ({@link dev.atrium.core.JsonData}).
 */
public record NetworkState(
    long userId,
    String networkId,
    @Nullable String defaultSubNetworkId,
    Map<String, @Nullable Object> data,
    Instant updatedAt) {}
