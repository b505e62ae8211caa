/**
 * Ports to identity and avatar providers outside Atrium: Facebook (a user proves a Facebook account by its
 * access token) and Ready Player Me (a token that restores a user's avatar-editor session). The server
 * implements them over HTTP; when a provider is not configured its port refuses every call with
 * {@link dev.atrium.core.error.AtriumException.Unavailable}.
 */
@NullMarked
package dev.atrium.core.provider;

import org.jspecify.annotations.NullMarked;
