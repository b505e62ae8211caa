@NullMarked
package dev.atrium.api.atrium;

import org.jspecify.annotations.NullMarked;
