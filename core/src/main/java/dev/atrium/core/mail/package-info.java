/** Mail: the {@link dev.atrium.core.mail.Mailer} port and the transactional outbox that feeds it. */
@NullMarked
package dev.atrium.core.mail;

import org.jspecify.annotations.NullMarked;
