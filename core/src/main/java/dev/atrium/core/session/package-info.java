@NullMarked
package dev.atrium.core.session;

import org.jspecify.annotations.NullMarked;
