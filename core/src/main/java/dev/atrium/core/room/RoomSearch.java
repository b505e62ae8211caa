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
    return new RoomSearch(query, labels, active, isPrivate, ownerId, creatorId, memberId, skip, limit);
  }
}
