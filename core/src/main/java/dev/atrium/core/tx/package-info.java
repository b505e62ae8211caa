@NullMarked
package dev.atrium.core.tx;

import org.jspecify.annotations.NullMarked;
