package dev.keel.kernel.defaults.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.FileStream;
import dev.keel.kernel.Operation;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.StreamPosition;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.exceptions.StreamingException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.engine.Forwarding;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code Table.getFileStream}: the starting snapshot's files, then each commit's, in bounded steps;
 * resuming from a saved position; the delete policies; a partition filter; schema changes.
 */
class TestFileStream extends TableTestBase {
  private static final StructType SCHEMA = ID_P;
  private static final StructType DATA = new StructType(List.of(SCHEMA.at(0)));

  private void append(String partition, long id) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.write(
        engine,
        Map.of("p", Literal.ofString(partition)),
        TestBatches.owningIterator(
            engine, DATA, dir, "{\"id\":" + id + "}", "{\"id\":" + (id + 1000) + "}"));
    t.commit(engine);
  }

  /** The partition of each file of a step, in order. */
  private static List<String> partitions(FileStream.Step step) {
    List<String> out = new ArrayList<>();
    for (Row f : step.getFiles()) {
      var pv = f.getMap(ScanFile.PARTITION_VALUES);
      out.add(pv.getValues().getString(0));
    }
    return out;
  }

  @Test
  void theSnapshotsFilesThenEachCommitsInBoundedStepsAndResumable() {
    createIdTable(Map.of());
    append("a", 1); // v1
    append("b", 2); // v2
    append("c", 3); // v3
    FileStream stream =
        Table.forPath(engine, table).getFileStream().maxFilesPerStep(2).build(engine);
    assertThat(stream.getPosition()).isEqualTo(StreamPosition.atSnapshot(3));
    FileStream.Step first = stream.next(engine);
    assertThat(first.getFiles()).hasSize(2);
    assertThat(first.getNextPosition()).isEqualTo(StreamPosition.of(3, 2, true));
    // a new stream resumed from the saved position continues with the same last file
    FileStream resumed =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.fromJson(first.getNextPosition().toJson()))
            .build(engine);
    List<String> rest = partitions(resumed.next(engine));
    assertThat(partitions(stream.next(engine))).isEqualTo(rest).hasSize(1);
    List<String> all = new ArrayList<>(partitions(first));
    all.addAll(rest);
    assertThat(all).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(stream.getPosition()).isEqualTo(StreamPosition.atCommit(4));
    FileStream.Step idle = stream.next(engine);
    assertThat(idle.isCaughtUp()).isTrue();
    assertThat(idle.getFiles()).isEmpty();
    append("d", 4); // v4
    FileStream.Step next = stream.next(engine);
    assertThat(partitions(next)).containsExactly("d");
    assertThat(next.getNextPosition()).isEqualTo(StreamPosition.atCommit(5));
  }

  @Test
  void aPartitionFilterPrunesEachCommitsFiles() {
    createIdTable(Map.of());
    FileStream stream =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.atCommit(1))
            .withFilter(Expressions.equal(Expressions.column("p"), Literal.ofString("b")))
            .build(engine);
    append("a", 1);
    append("b", 2);
    assertThat(stream.next(engine).getFiles()).isEmpty(); // v1: pruned
    assertThat(partitions(stream.next(engine))).containsExactly("b");
  }

  @Test
  void commitsThatRemoveDataStopTheStreamUnlessIgnored() {
    createIdTable(Map.of());
    append("a", 1); // v1
    append("b", 2); // v2
    deleteId(2); // v3: the whole file of b goes (both rows? no: id 1002 stays, rewritten)
    deleteId(1002); // v4: b's rewritten file goes
    String t = Table.forPath(engine, table).getPath();
    FileStream strict =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.atCommit(3))
            .build(engine);
    assertThatThrownBy(() -> strict.next(engine))
        .isInstanceOf(StreamingException.class)
        .hasMessage(
            "Cannot stream the files of `"
                + t
                + "` past version 3: that commit removed data (remove actions"
                + " with dataChange=true), which a stream of added files cannot express. Set ignoreDeletes to skip"
                + " commits that only delete, or ignoreChanges to ignore removes and read rewritten files again.");
    assertThat(strict.getPosition()).isEqualTo(StreamPosition.atCommit(3));
    // v3 rewrote b's file (a remove and an add): ignoreDeletes does not let it pass, ignoreChanges
    // does
    FileStream deletes =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.atCommit(3))
            .ignoreDeletes(true)
            .build(engine);
    assertThatThrownBy(() -> deletes.next(engine)).isInstanceOf(StreamingException.class);
    FileStream changes =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.atCommit(3))
            .ignoreChanges(true)
            .build(engine);
    assertThat(partitions(changes.next(engine))).containsExactly("b"); // the rewritten file, again
    assertThat(changes.next(engine).getFiles()).isEmpty(); // v4 only removes
    FileStream pureDeletes =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.atCommit(4))
            .ignoreDeletes(true)
            .build(engine);
    FileStream.Step skipped = pureDeletes.next(engine);
    assertThat(skipped.getFiles()).isEmpty();
    assertThat(skipped.getNextPosition()).isEqualTo(StreamPosition.atCommit(5));
  }

  @Test
  void aSchemaChangeStopsTheStream() {
    createIdTable(Map.of());
    FileStream stream =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.atCommit(1))
            .build(engine);
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.ADD_COLUMNS)
        .withSchema(SCHEMA.add(new StructField("extra", DataTypes.STRING, true)))
        .build(engine)
        .commit(engine);
    String t = Table.forPath(engine, table).getPath();
    assertThatThrownBy(() -> stream.next(engine))
        .isInstanceOf(StreamingException.class)
        .hasMessage(
            "Cannot stream the files of `"
                + t
                + "` past version 1: it changed the schema in a way the"
                + " stream's schema cannot read (column `extra` is not in the schema at the stream's start). Start a new"
                + " stream at version 1.");
  }

  @Test
  void aPositionIsASmallJsonValue() {
    StreamPosition p = StreamPosition.of(7, 3, true);
    assertThat(p.toJson()).isEqualTo("{\"version\":7,\"index\":3,\"inSnapshot\":true}");
    assertThat(StreamPosition.fromJson(p.toJson())).isEqualTo(p);
    assertThatThrownBy(
            () -> StreamPosition.fromJson("{\"version\":-1,\"index\":0,\"inSnapshot\":false}"))
        .hasMessage(
            "Cannot read a stream position from `{\"version\":-1,\"index\":0,\"inSnapshot\":false}`: it was"
                + " not written by StreamPosition.toJson (java.lang.IllegalArgumentException: negative version or index).");
  }

  @Test
  void commitsRemovedFromTheLogUnderAStreamAreAnErrorNotCaughtUp() throws Exception {
    createIdTable(Map.of()); // v0
    append("a", 1); // v1
    FileStream stream =
        Table.forPath(engine, table)
            .getFileStream()
            .startingAt(StreamPosition.atCommit(1))
            .build(engine);
    append("b", 2); // v2
    Table.forPath(engine, table).checkpoint(engine, 2);
    java.nio.file.Files.delete(dir.resolve("t/_delta_log/00000000000000000000.json"));
    java.nio.file.Files.delete(dir.resolve("t/_delta_log/00000000000000000001.json"));
    String t = Table.forPath(engine, table).getPath();
    assertThatThrownBy(() -> stream.next(engine))
        .isInstanceOf(dev.keel.kernel.exceptions.VersionNotFoundException.class)
        .hasMessage(
            "Cannot read the files of `"
                + t
                + "` from version 1: the commits before version 2 were"
                + " removed from the log (metadata cleanup). Start at version 2 or later.");
  }

  @Test
  void aCommitThatLandsWhileTheStreamLooksIsReadNotAGap() {
    createIdTable(Map.of()); // v0
    append("a", 1); // v1
    append("b", 2); // v2
    String v1 = Table.forPath(engine, table).getPath() + "/_delta_log/00000000000000000001.json";
    // the stream's first look at version 1 misses it, as when commits 1 and 2 land just after
    java.util.concurrent.atomic.AtomicBoolean missedOnce =
        new java.util.concurrent.atomic.AtomicBoolean();
    FileSystemClient files = engine.getFileSystemClient();
    FileSystemClient racing =
        new Forwarding.FileSystem(files) {
          @Override
          public FileStatus getFileStatus(String path) throws IOException {
            if (path.equals(v1) && missedOnce.compareAndSet(false, true)) {
              throw new java.io.FileNotFoundException(path);
            }
            return super.getFileStatus(path);
          }
        };
    try (DefaultEngine racy = DefaultEngine.builder().fileSystemClient(racing).build()) {
      FileStream stream =
          Table.forPath(racy, table)
              .getFileStream()
              .startingAt(StreamPosition.atCommit(1))
              .build(racy);
      FileStream.Step step = stream.next(racy);
      assertThat(missedOnce).isTrue();
      assertThat(partitions(step)).containsExactly("a");
      assertThat(step.getNextPosition()).isEqualTo(StreamPosition.atCommit(2));
    }
  }
}
