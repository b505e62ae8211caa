@NullMarked
package dev.atrium.store.jdbc;

import org.jspecify.annotations.NullMarked;
