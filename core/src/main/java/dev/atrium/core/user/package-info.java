@NullMarked
package dev.atrium.core.user;

import org.jspecify.annotations.NullMarked;
