@NullMarked
package dev.atrium.core.event;

import org.jspecify.annotations.NullMarked;
