/** Rooms (chat rooms, IMs and MIMs), their members, and the rules for changing both. */
@NullMarked
package dev.atrium.core.room;

import org.jspecify.annotations.NullMarked;
