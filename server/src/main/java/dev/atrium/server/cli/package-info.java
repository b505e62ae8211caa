/** The admin command line: picocli subcommands of the server jar that work on the configured database. */
@NullMarked
package dev.atrium.server.cli;

import org.jspecify.annotations.NullMarked;
