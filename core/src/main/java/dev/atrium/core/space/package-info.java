/** Spaces: LiveDigital's spaces and Roomful's networks, with their members. */
@NullMarked
package dev.atrium.core.space;

import org.jspecify.annotations.NullMarked;
