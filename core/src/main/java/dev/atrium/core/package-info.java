@NullMarked
package dev.atrium.core;

import org.jspecify.annotations.NullMarked;
