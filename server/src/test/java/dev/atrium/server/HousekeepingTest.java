package dev.atrium.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.atrium.http.Job;
import dev.atrium.server.provider.LogCapture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HousekeepingTest {
  @Test
  void a_failing_job_is_logged_with_its_name_and_an_incident_id_and_runs_again_beside_the_others() {
    AtomicInteger failing = new AtomicInteger();
    AtomicInteger healthy = new AtomicInteger();
    try (LogCapture log = new LogCapture();
        Housekeeping housekeeping = new Housekeeping(List.of(
            new Job("break on purpose", Duration.ZERO, Duration.ofMillis(10), () -> {
              failing.incrementAndGet();
              throw new IllegalStateException("broken job");
            }),
            new Job("count", Duration.ZERO, Duration.ofMillis(10), healthy::incrementAndGet)))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> failing.get() >= 3 && healthy.get() >= 3);

      assertThat(log.lines()).anySatisfy(line -> assertThat(line)
          .matches("(?s)WARN housekeeping job 'break on purpose' failed \\(incident [0-9a-f]{16}\\)\n"
              + "java.lang.IllegalStateException: broken job.*"));
    }
  }

  @Test
  void a_job_needs_a_name_and_a_positive_period() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Job.every(" ", Duration.ofSeconds(1), () -> {}))
        .hasMessage("a job needs a name");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Job.every("x", Duration.ZERO, () -> {}))
        .hasMessage("job x needs a non-negative first delay and a positive period");
  }
}
