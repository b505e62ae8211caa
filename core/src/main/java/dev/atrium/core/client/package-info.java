/** API clients: the client id and secret an integrator's server signs in with (LiveDigital's client credentials). */
@NullMarked
package dev.atrium.core.client;

import org.jspecify.annotations.NullMarked;
