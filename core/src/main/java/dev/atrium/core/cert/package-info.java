/**
 * Company certificates: X.509 certificates an administrator registers with the pod, each with a friendly
 * name, a type and a trust status. Parsed with the JDK alone.
 */
@NullMarked
package dev.atrium.core.cert;

import org.jspecify.annotations.NullMarked;
