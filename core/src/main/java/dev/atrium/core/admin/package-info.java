@NullMarked
package dev.atrium.core.admin;

import org.jspecify.annotations.NullMarked;
