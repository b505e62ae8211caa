/**
 * Test-only fixtures: fresh PostgreSQL databases, a clock tests move by hand, a fast password hasher, raw HTTP
 * answers read off a socket, and local fakes of the providers Atrium calls (Facebook's Graph API, Ready Player Me).
 */
@NullMarked
package dev.atrium.testkit;

import org.jspecify.annotations.NullMarked;
