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

  /** A builder of a search: no words, no filters, from the first user; the limit must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link UserSearch} by component name. */
  public static final class Builder {
    private List<String> words = List.of();
    private @Nullable String title;
    private @Nullable String company;
    private @Nullable String location;
    private int skip;
    private @Nullable Integer limit;

    private Builder() {}

    public Builder words(List<String> words) {
      this.words = words;
      return this;
    }

    public Builder title(@Nullable String title) {
      this.title = title;
      return this;
    }

    public Builder company(@Nullable String company) {
      this.company = company;
      return this;
    }

    public Builder location(@Nullable String location) {
      this.location = location;
      return this;
    }

    public Builder skip(int skip) {
      this.skip = skip;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public UserSearch build() {
      return new UserSearch(words, title, company, location, skip, required(limit, "limit"));
    }

    private static <T> T required(@Nullable T value, String component) {
      if (value == null) {
        throw new IllegalStateException("A UserSearch's " + component + " is required");
      }
      return value;
    }
  }
}
