/** Merging two accounts of one person into one. */
@NullMarked
package dev.atrium.core.merge;

import org.jspecify.annotations.NullMarked;
