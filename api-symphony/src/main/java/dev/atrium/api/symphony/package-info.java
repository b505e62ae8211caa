@NullMarked
package dev.atrium.api.symphony;

import org.jspecify.annotations.NullMarked;
