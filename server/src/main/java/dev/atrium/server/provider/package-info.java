/**
 * The provider ports of {@code dev.atrium.core.provider} over HTTP: Facebook's Graph API and Ready Player Me's
 * REST API, with {@code java.net.http} and Jackson. Secrets (app secret, API key, user tokens) never appear in
 * an error or a log line.
 */
@NullMarked
package dev.atrium.server.provider;

import org.jspecify.annotations.NullMarked;
