@NullMarked
package dev.atrium.api.roomful;

import org.jspecify.annotations.NullMarked;
