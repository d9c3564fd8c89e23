package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.cli.TestKeelCli.Result;
import dev.keel.connectors.kafka.testing.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keel ingest against a real (KRaft) broker in the test JVM. */
class TestIngestCommand {
  @TempDir static Path dir;
  private static KafkaBroker broker;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static List<String> messages(int from, int to) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add("{\"id\":" + i + ",\"city\":\"c" + (i % 3) + "\"}");
    }
    return out;
  }

  @Test
  void ingestsATopicIntoATableItCreatesThenResumesFromTheTablesOffsets() {
    broker.createTopic("visits", 2);
    broker.send("visits", 0, messages(0, 60));
    broker.send("visits", 1, messages(60, 100));
    String table = dir.resolve("visits").toString();
    String[] args = {
      "ingest",
      "visits",
      table,
      "--bootstrap-servers",
      broker.bootstrapServers(),
      "--create-table",
      "--schema",
      "id BIGINT NOT NULL, city STRING",
      "--partitioned-by",
      "city",
      "--ends-at-latest-offsets",
      "--allowed-latency",
      "2s",
      "--checkpoint-interval",
      "5"
    };
    Result first = TestKeelCli.run(args);
    assertThat(first.err).isEmpty();
    assertThat(first.code).isZero();
    assertThat(first.out)
        .startsWith("Created " + table + ".")
        .contains("Ingested 100 message(s) in 1 commit(s) into " + table + ".");
    broker.send("visits", 1, messages(100, 110));
    Result second = TestKeelCli.run(args);
    assertThat(second.out).contains("Ingested 10 message(s) in 1 commit(s)");
    List<String> rows = TestKeelCli.run("cat", table, "--format", "jsonl").out.lines().toList();
    assertThat(rows).hasSize(110).doesNotHaveDuplicates();
    assertThat(TestKeelCli.run("describe", table).out).contains("delta.checkpointInterval");
  }

  @Test
  void refusesWhatItCannotDo() {
    String table = dir.resolve("none").toString();
    assertThat(TestKeelCli.run("ingest", "t", table, "--format", "xml").err)
        .isEqualTo(
            "keel ingest: --format must be json or avro, not `xml`." + System.lineSeparator());
    assertThat(TestKeelCli.run("ingest", "t", table, "--format", "avro").err)
        .isEqualTo(
            "keel ingest: --format avro and --avro-schema FILE go together."
                + System.lineSeparator());
    assertThat(TestKeelCli.run("ingest", "t", table, "--seek-offsets", "{0:1}").err)
        .isEqualTo(
            "keel ingest: --seek-offsets must be a JSON object of partition to offset, e.g."
                + " '{\"0\":123}', not `{0:1}`."
                + System.lineSeparator());
    assertThat(TestKeelCli.run("ingest", "t", table, "--allowed-latency", "soon").err)
        .isEqualTo(
            "keel ingest: --allowed-latency must be a number and a unit (s, m, h or d), e.g. 168h,"
                + " not `soon`."
                + System.lineSeparator());
    Result missing =
        TestKeelCli.run("ingest", "t", table, "--bootstrap-servers", broker.bootstrapServers());
    assertThat(missing.code).isEqualTo(1);
    assertThat(missing.err)
        .isEqualTo(
            "keel ingest: No table at "
                + table
                + ": create it first (keel create), or give --create-table with --schema."
                + System.lineSeparator());
    assertThat(IngestCommand.parseOffsets("{ \"0\": 5, \"2\":7 }"))
        .containsEntry(0, 5L)
        .containsEntry(2, 7L);
  }
}
