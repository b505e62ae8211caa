package dev.atrium.core.user;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A directory search: {@code words} are lower-case prefixes that must all match some word of a user's
 * names, username or email; the filters match the profile field ignoring case. Disabled users are not found.
 */
public record UserSearch(
    List<String> words, @Nullable String title, @Nullable String company, @Nullable String location, int skip,
    int limit) {

  public UserSearch {
    words = List.copyOf(words);
  }
}
