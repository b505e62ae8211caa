/**
 * Proving an email address and restoring a forgotten password by mail: verification tokens behind a link, and
 * six-digit restore codes.
 */
@NullMarked
package dev.atrium.core.account;

import org.jspecify.annotations.NullMarked;
