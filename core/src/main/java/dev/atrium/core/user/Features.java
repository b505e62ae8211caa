package dev.atrium.core.user;

import java.util.List;
import java.util.Map;

/** The feature entitlements a user can be granted, with the value a new user starts with. */
public final class Features {
  public static final Map<String, Boolean> DEFAULTS = defaults();

  public static final List<String> ALL = List.copyOf(DEFAULTS.keySet());

  private static Map<String, Boolean> defaults() {
    var map = new java.util.LinkedHashMap<String, Boolean>();
    map.put("postReadEnabled", true);
    map.put("postWriteEnabled", true);
    map.put("delegatesEnabled", true);
    map.put("isExternalIMEnabled", true);
    map.put("canShareFilesExternally", false);
    map.put("canCreatePublicRoom", true);
    map.put("isExternalRoomEnabled", false);
    map.put("canCreatePushedSignals", false);
    map.put("canUseCompactMode", true);
    map.put("mustBeRecorded", false);
    map.put("sendFilesEnabled", true);
    map.put("canUseInternalAudio", true);
    map.put("canUseInternalVideo", true);
    map.put("canProjectInternalScreenShare", true);
    map.put("canViewInternalScreenShare", true);
    map.put("canCreateMultiLateralRoom", false);
    map.put("canJoinMultiLateralRoom", false);
    map.put("canUseFirehose", false);
    map.put("canUseInternalAudioMobile", true);
    map.put("canUseInternalVideoMobile", true);
    map.put("canProjectInternalScreenShareMobile", false);
    map.put("canViewInternalScreenShareMobile", true);
    map.put("canManageSignalSubscription", false);
    map.put("canUpdateAvatar", true);
    return java.util.Collections.unmodifiableMap(map);
  }

  private Features() {}
}
