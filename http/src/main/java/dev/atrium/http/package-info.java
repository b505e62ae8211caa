@NullMarked
package dev.atrium.http;

import org.jspecify.annotations.NullMarked;
