package dev.atrium.core.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A room search. Each word of {@code query} must start a word of the room's name, description or keyword
 * values; {@code labels} (keyword keys, any case) narrow the keyword values searched to those keys and get a
 * count each. The other criteria are filters: {@code isPrivate} true keeps private rooms, false public ones.
 * A room that is not discoverable is found only by its current members.
 */
public record RoomSearch(
    String query,
    List<String> labels,
    @Nullable Boolean active,
    @Nullable Boolean isPrivate,
    @Nullable Long ownerId,
    @Nullable Long creatorId,
    @Nullable Long memberId,
    int skip,
    int limit) {

  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  public RoomSearch {
    labels = List.copyOf(labels);
  }

  /**
   * The words of a text as search sees them: lower case, split at everything that is neither a letter nor a
   * digit. The index and the query both use this, so that they agree on what a word is.
   */
  public static List<String> words(@Nullable String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    for (String word : SEPARATORS.split(text.toLowerCase(Locale.ROOT))) {
      if (!word.isEmpty() && !words.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  public RoomSearch withLabels(List<String> labels) {
    return toBuilder().labels(labels).build();
  }

  /** A builder of a search: no words, no labels, no filters, from the first room; the limit must be set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every component of this one. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link RoomSearch} by component name: no filter is set by its place in a run of nulls. */
  public static final class Builder {
    private String query = "";
    private List<String> labels = List.of();
    private @Nullable Boolean active;
    private @Nullable Boolean isPrivate;
    private @Nullable Long ownerId;
    private @Nullable Long creatorId;
    private @Nullable Long memberId;
    private int skip;
    private @Nullable Integer limit;

    private Builder() {}

    private Builder(RoomSearch r) {
      query = r.query;
      labels = r.labels;
      active = r.active;
      isPrivate = r.isPrivate;
      ownerId = r.ownerId;
      creatorId = r.creatorId;
      memberId = r.memberId;
      skip = r.skip;
      limit = r.limit;
    }

    public Builder query(String query) {
      this.query = query;
      return this;
    }

    public Builder labels(List<String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder active(@Nullable Boolean active) {
      this.active = active;
      return this;
    }

    public Builder isPrivate(@Nullable Boolean isPrivate) {
      this.isPrivate = isPrivate;
      return this;
    }

    public Builder ownerId(@Nullable Long ownerId) {
      this.ownerId = ownerId;
      return this;
    }

    public Builder creatorId(@Nullable Long creatorId) {
      this.creatorId = creatorId;
      return this;
    }

    public Builder memberId(@Nullable Long memberId) {
      this.memberId = memberId;
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

    public RoomSearch build() {
      return new RoomSearch(query, labels, active, isPrivate, ownerId, creatorId, memberId, skip,
          required(limit, "limit"));
    }

    private static <T> T required(@Nullable T value, String component) {
      if (value == null) {
        throw new IllegalStateException("A RoomSearch's " + component + " is required");
      }
      return value;
    }
  }
}
