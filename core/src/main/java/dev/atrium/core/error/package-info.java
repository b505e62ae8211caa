@NullMarked
package dev.atrium.core.error;

import org.jspecify.annotations.NullMarked;
