package dev.keel.kernel.defaults.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A snapshot remembers which log rows its first complete listing found live, and later listings
 * with the same engine use that instead of reconciling keys again.
 */
class TestReplayMemo extends TableTestBase {
  private static final StructType SCHEMA = ID_P;
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));

  /** A checkpoint, then commits that add and remove files on both sides of it. */
  private void createTable() {
    createIdTable(Map.of());
    for (int i = 0; i < 8; i++) {
      append("p" + (i % 4), i);
    }
    Table.forPath(engine, table).checkpoint(engine, 8);
    removePartition("p1");
    append("p1", 100);
    append("p5", 101);
    removePartition("p2");
  }

  private static List<String> paths(Engine engine, SnapshotImpl snapshot) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it =
        snapshot.getScanBuilder().build().getScanFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          ColumnVector path = b.getData().getColumnVector(0);
          ColumnVector selection = b.getSelectionVector().orElseThrow();
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (selection.getBoolean(i)) {
              out.add(path.getString(i));
            }
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private SnapshotImpl latest() {
    return (SnapshotImpl) Table.forPath(engine, table).getLatestSnapshot(engine);
  }

  /**
   * Makes the newest commit file longer by one action: what a remembered listing can no longer
   * match.
   */
  private void tamperWithNewestCommit() throws IOException {
    java.nio.file.Path commit = dir.resolve("t/_delta_log/00000000000000000012.json");
    Files.writeString(
        commit, "{\"commitInfo\":{}}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  void laterListingsGiveTheSameFilesFromTheRememberedSelection() throws IOException {
    createTable();
    SnapshotImpl s = latest();
    long before = s.estimatedSizeBytes();
    List<String> first = paths(engine, s);
    assertThat(first)
        .hasSize(8 - 2 - 2 + 2); // two files each of p1 and p2 removed, p1 and p5 added
    assertThat(s.estimatedSizeBytes())
        .as("the selection is remembered once listed")
        .isGreaterThan(before);
    assertThat(paths(engine, s)).isEqualTo(first);
    assertThat(paths(engine, s)).isEqualTo(paths(engine, latest()));

    tamperWithNewestCommit();
    assertThatThrownBy(() -> paths(engine, s))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "Log file "
                + dir.resolve("t/_delta_log/00000000000000000012.json")
                    .toUri()
                    .toString()
                    .replace("file:///", "file:/")
                + " has more rows (at least 4) than when this snapshot's files were first listed (3); a log file must never change once written.");
  }

  @Test
  void anotherEngineReconcilesAgain() throws IOException {
    createTable();
    SnapshotImpl s = latest();
    List<String> first = paths(engine, s);
    tamperWithNewestCommit(); // harmless to a listing that reconciles: the added line is commit
    // info
    try (DefaultEngine other = DefaultEngine.create()) {
      assertThat(paths(other, s)).isEqualTo(first);
    }
  }

  @Test
  void aListingClosedBeforeItsEndRemembersNothing() throws IOException {
    createTable();
    SnapshotImpl s = latest();
    long before = s.estimatedSizeBytes();
    try (CloseableIterator<FilteredColumnarBatch> it =
        s.getScanBuilder().build().getScanFiles(engine)) {
      assertThat(it.hasNext()).isTrue();
      it.next().close();
    }
    assertThat(s.estimatedSizeBytes()).isEqualTo(before);
    tamperWithNewestCommit();
    assertThat(paths(engine, s)).hasSize(6); // reconciled, so the extra line does no harm
  }
}
