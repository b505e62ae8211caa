/** A user's settings: email, navigation and collision settings, device settings per session, network state. */
@NullMarked
package dev.atrium.core.settings;

import org.jspecify.annotations.NullMarked;
