@NullMarked
package dev.atrium.core.barrier;

import org.jspecify.annotations.NullMarked;
