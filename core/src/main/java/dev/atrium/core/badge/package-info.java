/** Badges that administrators grant to users. */
@NullMarked
package dev.atrium.core.badge;

import org.jspecify.annotations.NullMarked;
