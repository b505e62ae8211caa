@NullMarked
package dev.atrium.core.contact;

import org.jspecify.annotations.NullMarked;
