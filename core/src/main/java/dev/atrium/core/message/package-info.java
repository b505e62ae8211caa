/** Messages in streams, what they say as plain text, and their suppression by an administrator. */
@NullMarked
package dev.atrium.core.message;

import org.jspecify.annotations.NullMarked;
