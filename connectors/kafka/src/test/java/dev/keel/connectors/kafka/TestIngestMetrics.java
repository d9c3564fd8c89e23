package dev.keel.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TestIngestMetrics {
  @Test
  void describesTotalsAndTheRatesOfTheInterval() {
    IngestMetrics earlier = new IngestMetrics(1_000, 2_000_000, 2, 1, 0, 40, 90, Map.of(0, 50L));
    IngestMetrics now =
        new IngestMetrics(6_000, 7_000_000, 4, 3, 1, 35, 160, new TreeMap<>(Map.of(0, 0L, 1, 7L)));
    // 5,000 messages and 5,000,000 bytes in 2.5 s
    assertThat(now.describeSince(earlier, 2_500))
        .isEqualTo(
            "ingested 6,000 messages (7,000,000 bytes) in 4 commits; 2,000 messages/s, 2.0 MB/s"
                + " over the last 2.5 s; 3 dead letters, 1 conflicts; last commit 35 ms; lag"
                + " {0=0, 1=7}");
    assertThat(now.describeSince(IngestMetrics.NONE, 60_000))
        .startsWith("ingested 6,000 messages (7,000,000 bytes) in 4 commits; 100 messages/s,")
        .contains(" 0.1 MB/s over the last 60.0 s;");
    assertThat(IngestMetrics.NONE.describeSince(IngestMetrics.NONE, 0))
        .as("no interval yet: no division by zero")
        .startsWith("ingested 0 messages (0 bytes) in 0 commits; 0 messages/s, 0.0 MB/s");
  }
}
