@NullMarked
package dev.atrium.api.rocketchat;

import org.jspecify.annotations.NullMarked;
