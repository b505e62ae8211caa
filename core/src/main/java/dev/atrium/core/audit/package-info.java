@NullMarked
package dev.atrium.core.audit;

import org.jspecify.annotations.NullMarked;
