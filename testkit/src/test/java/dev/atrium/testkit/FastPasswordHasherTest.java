package dev.atrium.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FastPasswordHasherTest {

  @Test
  void verifiesTheRightPasswordOnly() {
    FastPasswordHasher hasher = new FastPasswordHasher();
    String hash = hasher.hash("correct horse");
    assertThat(hasher.verify("correct horse", hash)).isTrue();
    assertThat(hasher.verify("correct horsE", hash)).isFalse();
    assertThat(hasher.verify("correct horse", "argon2id$something-else")).isFalse();
  }

  @Test
  void saltsEveryHash() {
    FastPasswordHasher hasher = new FastPasswordHasher();
    assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
  }

  @Test
  void aHashOfAnotherVersion_needsRehash_butStillVerifies() {
    String old = new FastPasswordHasher("v1").hash("pw");
    FastPasswordHasher v2 = new FastPasswordHasher("v2");
    assertThat(v2.needsRehash(old)).isTrue();
    assertThat(v2.needsRehash(v2.hash("pw"))).isFalse();
    assertThat(v2.verify("pw", old)).isTrue();
  }
}
