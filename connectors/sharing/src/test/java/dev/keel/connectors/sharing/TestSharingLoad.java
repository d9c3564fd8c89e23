package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 concurrent clients querying a 200-file table for 3 seconds: every answer complete, no errors.
 * The 30-second run with latency percentiles and heap is {@link SharingLoad}'s, recorded in {@code
 * benchmarks/README.md}.
 */
class TestSharingLoad {
  @TempDir Path dir;

  @Test
  void sixtyFourClientsGetCompleteAnswers() throws Exception {
    Path table = SharingLoad.syntheticTable(dir.resolve("t"), 200);
    try (SharingTestServer server =
        SharingTestServer.sharing(Map.of("t", table), "accessLog: false\nrequestsPerSecond: 0\n")) {
      SharingLoad.Result r =
          SharingLoad.run(
              server.endpoint() + "/shares/share/schemas/schema/tables/t/query",
              SharingTestServer.TOKEN,
              64,
              Duration.ofSeconds(3),
              202);
      System.out.println("Sharing load (test): " + r);
      assertThat(r.firstErrors()).isEmpty();
      assertThat(r.errors()).isZero();
      assertThat(r.requests()).isGreaterThanOrEqualTo(64);
    }
  }
}
