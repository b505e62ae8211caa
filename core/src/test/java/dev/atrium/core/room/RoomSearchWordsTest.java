package dev.atrium.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomSearchWordsTest {
  @Test
  void wordsAreTheLowerCaseRunsOfLettersAndDigits() {
    assertThat(RoomSearch.words("Automobile Industry-Room, 2025!")).containsExactly("automobile", "industry", "room",
        "2025");
  }

  @Test
  void everyScriptHasWords_andRepeatsCountOnce() {
    assertThat(RoomSearch.words("Café ZÜRICH café 東京 チーム")).containsExactly("café", "zürich", "東京", "チーム");
  }

  @Test
  void searchSyntaxAndLikeWildcardsAreNotWords() {
    assertThat(RoomSearch.words("50%_off *deal* \"quoted\"")).containsExactly("50", "off", "deal", "quoted");
    assertThat(RoomSearch.words("%_ -- ")).isEmpty();
    assertThat(RoomSearch.words(null)).isEmpty();
  }
}
