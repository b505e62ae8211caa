package dev.atrium.server.symphony;

import static org.assertj.core.api.Assertions.assertThat;

import com.symphony.bdk.core.service.presence.constant.PresenceStatus;
import com.symphony.bdk.gen.api.model.V2Presence;
import dev.atrium.testkit.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An explicit presence lasts only while it is refreshed: on a server whose clock the test moves, with
 * ATRIUM_PRESENCE_TTL_MINUTES=30, a status not set again (nor refreshed by a live socket) for 30 minutes reads
 * as OFFLINE from the moment it ran out.
 */
class PresenceExpiryTest {
  static final Duration TTL = Duration.ofMinutes(30);

  static FakeClock clock;
  static SymphonyPod pod;
  static final java.util.Deque<BdkBots.Bot> BOTS = new java.util.ArrayDeque<>();

  /**
   * Every bot logs in before the clock first moves: the BDK's login JWT expires a few minutes after the real
   * time, which the server's clock leaves behind as the tests move it.
   */
  @BeforeAll
  static void start(@TempDir Path dir) {
    clock = new FakeClock(Instant.now());
    pod = SymphonyPod.start(Map.of("ATRIUM_PRESENCE_TTL_MINUTES", "30"), clock);
    BdkBots bots = new BdkBots(pod, dir);
    for (int i = 0; i < 6; i++) {
      BOTS.add(bots.create("user"));
    }
  }

  /** A bot no other test has used. */
  static BdkBots.Bot bot() {
    return BOTS.pop();
  }

  @AfterAll
  static void stop() {
    pod.close();
  }

  static V2Presence seenBy(BdkBots.Bot viewer, BdkBots.Bot user) {
    return viewer.bdk().presences().getUserPresence(user.id(), true);
  }

  @Test
  void a_status_not_refreshed_for_the_lifetime_reads_offline_from_the_moment_it_ran_out() {
    BdkBots.Bot ann = bot();
    BdkBots.Bot ben = bot();
    V2Presence set = ann.bdk().presences().setPresence(PresenceStatus.AVAILABLE, false);

    clock.advance(TTL.minusMillis(1));
    assertThat(seenBy(ben, ann).getCategory()).isEqualTo("AVAILABLE");

    clock.advance(Duration.ofMillis(1));
    V2Presence after = seenBy(ben, ann);
    assertThat(after.getCategory()).isEqualTo("OFFLINE");
    assertThat(after.getTimestamp()).isEqualTo(set.getTimestamp() + TTL.toMillis());
    pod.as(ben.token()).get("/pod/v1/user/" + ann.id() + "/presence").then().statusCode(200)
        .body("category", org.hamcrest.Matchers.equalTo("OFFLINE"));
    assertThat(ben.bdk().presences().listPresences(ann.id() - 1, 1)).singleElement()
        .extracting(V2Presence::getCategory).isEqualTo("OFFLINE");
  }

  @Test
  void setting_a_status_again_refreshes_it() {
    BdkBots.Bot ann = bot();
    ann.bdk().presences().setPresence(PresenceStatus.AVAILABLE, false);

    clock.advance(Duration.ofMinutes(20));
    ann.bdk().presences().setPresence(PresenceStatus.BUSY, false);
    clock.advance(Duration.ofMinutes(20));
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("BUSY");

    clock.advance(Duration.ofMinutes(10));
    assertThat(ann.bdk().presences().getPresence().getCategory()).isEqualTo("OFFLINE");
  }

  @Test
  void a_live_socket_refreshes_the_status_without_changing_it() {
    BdkBots.Bot ann = bot();
    V2Presence set = ann.bdk().presences().setPresence(PresenceStatus.ON_THE_PHONE, false);

    clock.advance(Duration.ofMinutes(20));
    pod.server().atrium().presence().online(ann.id());
    clock.advance(Duration.ofMinutes(20));

    V2Presence now = ann.bdk().presences().getPresence();
    assertThat(now.getCategory()).isEqualTo("ON_THE_PHONE");
    assertThat(now.getTimestamp()).isEqualTo(set.getTimestamp());
  }

  @Test
  void a_status_that_ran_out_is_written_down_seen_by_feeds_and_comes_back_when_the_user_does() {
    BdkBots.Bot ann = bot();
    BdkBots.Bot ben = bot();
    String feed = ben.bdk().presences().createPresenceFeed();
    V2Presence set = ann.bdk().presences().setPresence(PresenceStatus.BUSY, false);
    assertThat(ben.bdk().presences().readPresenceFeed(feed)).extracting(V2Presence::getUserId, V2Presence::getCategory)
        .contains(org.assertj.core.groups.Tuple.tuple(ann.id(), "BUSY"));

    clock.advance(TTL.plusMinutes(1));
    List<V2Presence> ranOut = ben.bdk().presences().readPresenceFeed(feed);
    assertThat(ranOut).filteredOn(p -> p.getUserId() == ann.id()).singleElement().satisfies(p -> {
      assertThat(p.getCategory()).isEqualTo("OFFLINE");
      assertThat(p.getTimestamp()).isEqualTo(set.getTimestamp() + TTL.toMillis());
    });

    // the housekeeping sweep writes the fallback down (and publishes it); what anyone reads stays the same
    pod.server().atrium().presence().expireStale();
    assertThat(seenBy(ben, ann).getCategory()).isEqualTo("OFFLINE");
    assertThat(seenBy(ben, ann).getTimestamp()).isEqualTo(set.getTimestamp() + TTL.toMillis());
    assertThat(ben.bdk().presences().readPresenceFeed(feed)).noneMatch(p -> p.getUserId() == ann.id());

    pod.server().atrium().presence().online(ann.id());
    assertThat(seenBy(ben, ann).getCategory()).isEqualTo("BUSY");
  }
}
