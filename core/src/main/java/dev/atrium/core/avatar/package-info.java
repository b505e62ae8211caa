@NullMarked
package dev.atrium.core.avatar;

import org.jspecify.annotations.NullMarked;
