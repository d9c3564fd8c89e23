package dev.keel.kernel.defaults.snapshot;

import static dev.keel.kernel.defaults.snapshot.MemTable.LOG;
import static dev.keel.kernel.defaults.snapshot.MemTable.METADATA;
import static dev.keel.kernel.defaults.snapshot.MemTable.PROTOCOL;
import static dev.keel.kernel.defaults.snapshot.MemTable.ROOT;
import static dev.keel.kernel.defaults.snapshot.MemTable.add;
import static dev.keel.kernel.defaults.snapshot.MemTable.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.CommitInfo;
import dev.keel.kernel.Table;
import dev.keel.kernel.exceptions.VersionNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestCommitTimestamps {
  private final MemTable t = new MemTable();

  @AfterEach
  void close() {
    t.close();
  }

  private void commitAt(long v, long fileTime, String... actions) {
    t.fs.put(
        LOG + "/" + version(v) + ".json",
        (String.join("\n", actions) + "\n").getBytes(StandardCharsets.UTF_8),
        fileTime);
  }

  private static String commitInfo(String operation, Long ict) {
    return "{\"commitInfo\":{\"timestamp\":1,"
        + (ict == null ? "" : "\"inCommitTimestamp\":" + ict + ",")
        + "\"operation\":\""
        + operation
        + "\",\"operationParameters\":{\"mode\":\"Append\",\"n\":3},\"engineInfo\":\"test\"}}";
  }

  @Test
  void fileTimesAreMadeStrictlyIncreasingForTimeTravel() {
    commitAt(0, 1000, commitInfo("CREATE TABLE", null), PROTOCOL, METADATA);
    commitAt(1, 2000, commitInfo("WRITE", null), add("a", 1));
    commitAt(2, 1500, commitInfo("WRITE", null), add("b", 1)); // clock skew: earlier than version 1
    commitAt(3, 3000, commitInfo("DELETE", null), add("c", 1));
    Table table = Table.forPath(t.engine, ROOT);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 1000).getVersion()).isEqualTo(0);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 2000).getVersion()).isEqualTo(1);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 2001).getVersion())
        .isEqualTo(2); // 1500 became 2001
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 2999).getVersion()).isEqualTo(2);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 3000).getVersion()).isEqualTo(3);
    assertThatThrownBy(() -> table.getSnapshotAsOfTimestamp(t.engine, 999))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot load `mem:/t` as of 1970-01-01T00:00:00.999Z: it is before the earliest available commit "
                + "(version 0 at 1970-01-01T00:00:01Z). Use a later time.");
    assertThatThrownBy(() -> table.getSnapshotAsOfTimestamp(t.engine, 3001))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot load `mem:/t` as of 1970-01-01T00:00:03.001Z: it is after the latest commit "
                + "(version 3 at 1970-01-01T00:00:03Z). Use the latest snapshot, or an earlier time.");
  }

  @Test
  void inCommitTimestampsCountFromTheVersionThatEnabledThem() {
    String ictMetadata =
        METADATA.replace(
            "\"configuration\":{}",
            "\"configuration\":{\"delta.enableInCommitTimestamps\":\"true\","
                + "\"delta.inCommitTimestampEnablementVersion\":\"2\",\"delta.inCommitTimestampEnablementTimestamp\":\"50000\"}");
    commitAt(0, 10_000, commitInfo("CREATE TABLE", null), PROTOCOL, METADATA);
    commitAt(1, 20_000, commitInfo("WRITE", null), add("a", 1));
    commitAt(
        2,
        99_000,
        commitInfo("SET TBLPROPERTIES", 50_000L),
        ictMetadata); // file time disagrees: ICT wins
    commitAt(3, 1_000, commitInfo("WRITE", 60_000L), add("b", 1));
    Table table = Table.forPath(t.engine, ROOT);
    assertThat(table.getLatestSnapshot(t.engine).getTimestamp()).isEqualTo(60_000);
    assertThat(table.getLatestSnapshot(t.engine).getInCommitTimestamp()).contains(60_000L);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 25_000).getVersion()).isEqualTo(1);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 50_000).getVersion()).isEqualTo(2);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 59_999).getVersion()).isEqualTo(2);
    assertThat(table.getSnapshotAsOfTimestamp(t.engine, 60_000).getVersion()).isEqualTo(3);
  }

  @Test
  void historyListsCommitInfosNewestFirst() {
    commitAt(0, 1000, commitInfo("CREATE TABLE", null), PROTOCOL, METADATA);
    commitAt(1, 2000, commitInfo("WRITE", null), add("a", 1));
    commitAt(2, 3000, add("b", 1)); // no commitInfo
    Table table = Table.forPath(t.engine, ROOT);
    List<CommitInfo> history = table.getHistory(t.engine, 0, 2);
    assertThat(
            history.stream()
                .map(
                    c ->
                        c.getVersion()
                            + "@"
                            + c.getTimestamp()
                            + ":"
                            + c.getOperation().orElse("-"))
                .collect(Collectors.toList()))
        .containsExactly("2@3000:-", "1@2000:WRITE", "0@1000:CREATE TABLE");
    assertThat(history.get(1).getOperationParameters())
        .containsEntry("mode", "Append")
        .containsEntry("n", "3");
    assertThat(history.get(1).getEngineInfo()).contains("test");
    assertThat(table.getHistory(t.engine, 1, 1)).hasSize(1);
    assertThatThrownBy(() -> table.getHistory(t.engine, 5, 9))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the history of `mem:/t` from version 5 to 9: the log has commits 0 to 2.");
  }
}
