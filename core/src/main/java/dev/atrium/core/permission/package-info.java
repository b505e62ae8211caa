/**
 * Named permissions granted to roles, as Rocket.Chat models them: who may see another user's full profile, another
 * user's rooms, and so on. Atrium's global roles map onto these roles (see {@link dev.atrium.core.permission.Permissions}).
 */
@NullMarked
package dev.atrium.core.permission;

import org.jspecify.annotations.NullMarked;
