package dev.atrium.core.session;

import java.time.Instant;

/**
 * What a user sees of one of their personal access tokens: its name (unique among the user's live ones), when it
 * was made, the last {@value #LAST_PART_LENGTH} characters of the token (to tell tokens apart; the token itself is
 * shown once, when made) and whether it was made to skip a second factor. Its session is of kind
 * {@link Session.Kind#PERSONAL}.
 */
public record PersonalToken(String sessionId, long userId, String name, String lastTokenPart,
    boolean bypassTwoFactor, Instant createdAt) {
  public static final int LAST_PART_LENGTH = 6;
  public static final int MAX_NAME_LENGTH = 200;
}
