/** Social accounts linked to users (Google, Apple, Facebook, Verus, …). */
@NullMarked
package dev.atrium.core.social;

import org.jspecify.annotations.NullMarked;
