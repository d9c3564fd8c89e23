package dev.keel.connectors.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.kernel.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of {@code kernel-rs/cdf-table} with commit times set one hour apart and a fifth commit
 * that upgrades the protocol and changes the metadata: changes by timestamp, and the historical
 * protocol and metadata lines a streaming client asks for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSharingHistory {
  private static final String T = "/shares/share/schemas/schema/tables/t";
  private static final long HOUR = 3_600_000L;
  private static final long BASE = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

  @TempDir static Path dir;
  private SharingTestServer server;

  @BeforeAll
  void start() throws Exception {
    Path table = dir.resolve("t");
    SharedData.copyTable("kernel-rs/cdf-table", table);
    JsonNode metadata = new RawLog(table).first(0, "metaData");
    String changed =
        metadata
            .toString()
            .replace("\"configuration\":{", "\"configuration\":{\"delta.appendOnly\":\"false\",");
    Files.writeString(
        table.resolve("_delta_log/00000000000000000004.json"),
        "{\"commitInfo\":{\"timestamp\":1,\"operation\":\"SET TBLPROPERTIES\"}}\n"
            + "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":7,\"writerFeatures\":"
            + "[\"appendOnly\",\"changeDataFeed\",\"invariants\",\"checkConstraints\"]}}\n"
            + "{\"metaData\":"
            + changed
            + "}\n");
    for (int v = 0; v <= 4; v++) {
      Files.setLastModifiedTime(
          table.resolve(String.format("_delta_log/%020d.json", v)),
          FileTime.fromMillis(BASE + v * HOUR));
    }
    server = SharingTestServer.sharing(Map.of("t", table), "timeZone: UTC\n");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private static TreeSet<Long> versions(List<JsonNode> lines) {
    TreeSet<Long> out = new TreeSet<>();
    for (JsonNode l : lines.subList(2, lines.size())) {
      JsonNode inner = l.elements().next();
      if (inner.has("version") && !l.has("endStreamAction")) {
        out.add(inner.get("version").asLong());
      }
    }
    return out;
  }

  @Test
  void changesBetweenTwoTimes() {
    SharingClient parquet = server.client().withCapabilities(null);
    // from half past the second commit to half past the fourth: versions 2 and 3
    SharingClient.Response r =
        parquet.get(
            T
                + "/changes?startingTimestamp=2024-03-01%2001:30:00&endingTimestamp="
                + SharingClient.enc("2024-03-01T03:30:00Z"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Delta-Table-Version")).contains("2");
    assertThat(versions(r.lines())).containsExactly(2L, 3L);
    for (JsonNode l : r.lines().subList(2, r.lines().size())) {
      JsonNode f = l.elements().next();
      assertThat(f.get("timestamp").asLong()).isEqualTo(BASE + f.get("version").asLong() * HOUR);
    }
    // the version endpoint agrees on where a time falls
    assertThat(
            parquet
                .get(T + "/version?startingTimestamp=2024-03-01%2001:30:00")
                .header("Delta-Table-Version"))
        .contains("2");
  }

  @Test
  void historicalProtocolAndMetadataAreNamedWhenAsked() {
    SharingClient delta = server.client();
    List<JsonNode> plain = delta.get(T + "/changes?startingVersion=3&endingVersion=4").lines();
    assertThat(plain.stream().filter(l -> l.has("protocol"))).hasSize(1);
    assertThat(plain.stream().filter(l -> l.has("metaData"))).hasSize(1);

    List<JsonNode> lines =
        delta
            .get(
                T
                    + "/changes?startingVersion=3&endingVersion=4"
                    + "&includeHistoricalMetadata=true&includeHistoricalProtocol=true")
            .lines();
    List<JsonNode> protocols = new ArrayList<>();
    List<JsonNode> metadata = new ArrayList<>();
    for (JsonNode l : lines) {
      if (l.has("protocol")) {
        protocols.add(l.get("protocol"));
      } else if (l.has("metaData")) {
        metadata.add(l.get("metaData"));
      }
    }
    assertThat(protocols).hasSize(2);
    assertThat(protocols.get(0).has("version")).isFalse();
    assertThat(protocols.get(1).get("version").asLong()).isEqualTo(4);
    assertThat(protocols.get(1).get("deltaProtocol").get("minWriterVersion").asInt()).isEqualTo(7);
    assertThat(metadata).hasSize(2);
    assertThat(metadata.get(1).get("version").asLong()).isEqualTo(4);
    assertThat(
            metadata
                .get(1)
                .get("deltaMetadata")
                .get("configuration")
                .get("delta.appendOnly")
                .asText())
        .isEqualTo("false");
    // a streaming query from a version names the metadata it crosses, and the protocol if asked
    List<JsonNode> stream =
        delta
            .post(T + "/query", "{\"startingVersion\":3,\"includeHistoricalProtocol\":true}")
            .lines();
    assertThat(stream.stream().filter(l -> l.has("protocol") && l.get("protocol").has("version")))
        .hasSize(1);
    assertThat(stream.stream().filter(l -> l.has("metaData") && l.get("metaData").has("version")))
        .hasSize(2);
    // the parquet format has no historical protocol: its protocol is the sharing protocol's
    List<JsonNode> parquet =
        server
            .client()
            .withCapabilities(null)
            .get(T + "/changes?startingVersion=3&endingVersion=4&includeHistoricalProtocol=true")
            .lines();
    assertThat(parquet.stream().filter(l -> l.has("protocol"))).hasSize(1);
  }
}
