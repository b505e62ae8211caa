@NullMarked
package dev.atrium.core.presence;

import org.jspecify.annotations.NullMarked;
