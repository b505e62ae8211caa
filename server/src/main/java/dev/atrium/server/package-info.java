@NullMarked
package dev.atrium.server;

import org.jspecify.annotations.NullMarked;
