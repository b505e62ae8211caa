/** Test-only fixtures: fresh PostgreSQL databases, a clock tests move by hand, a fast password hasher. */
@NullMarked
package dev.atrium.testkit;

import org.jspecify.annotations.NullMarked;
