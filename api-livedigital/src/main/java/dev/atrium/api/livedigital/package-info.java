@NullMarked
package dev.atrium.api.livedigital;

import org.jspecify.annotations.NullMarked;
