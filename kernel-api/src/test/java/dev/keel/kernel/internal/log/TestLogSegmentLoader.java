package dev.keel.kernel.internal.log;

import static dev.keel.kernel.testing.LogBuilder.METADATA;
import static dev.keel.kernel.testing.LogBuilder.PROTOCOL;
import static dev.keel.kernel.testing.LogBuilder.ROOT;
import static dev.keel.kernel.testing.LogBuilder.add;
import static dev.keel.kernel.testing.LogBuilder.addWithDv;
import static dev.keel.kernel.testing.LogBuilder.remove;
import static dev.keel.kernel.testing.LogBuilder.removeWithDv;
import static dev.keel.kernel.testing.LogBuilder.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.exceptions.TableNotFoundException;
import dev.keel.kernel.exceptions.UnsupportedProtocolException;
import dev.keel.kernel.exceptions.VersionNotFoundException;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.testing.LogBuilder;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules for finding a snapshot's log segment (LogSegmentLoader), reading protocol and metadata
 * (checksum files, table features) and replaying it, on a hand-built log in memory. Runs on the
 * {@link dev.keel.kernel.testing.InMemoryEngine}; an engine's own test can run the same cases on
 * that engine by extending this class and overriding {@link #newLog()}.
 */
public class TestLogSegmentLoader {
  private static final String LOG = ROOT + "/_delta_log";
  protected final LogBuilder t = newLog();

  /**
   * @return an empty log at {@link LogBuilder#ROOT} on the engine under test
   */
  protected LogBuilder newLog() {
    return LogBuilder.inMemory();
  }

  private Snapshot latest() {
    return Table.forPath(t.engine(), ROOT).getLatestSnapshot(t.engine());
  }

  private static LogSegment segment(Snapshot s) {
    return ((SnapshotImpl) s).getLogSegment();
  }

  private List<String> files(Snapshot s) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = s.getFiles(t.engine())) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = rows.next();
            String dv =
                r.isNullAt(ScanFile.DELETION_VECTOR)
                    ? ""
                    : "+dv:" + r.getStruct(ScanFile.DELETION_VECTOR).getString(1);
            out.add(ScanFile.getPath(r) + ":" + ScanFile.getSize(r) + dv);
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  public void aPathWithoutALogIsNotATable() {
    t.fs().put(ROOT + "/part-0.parquet", "x");
    assertThatThrownBy(this::latest)
        .isInstanceOf(TableNotFoundException.class)
        .hasMessage(
            "No Delta table at `mem:/t`: there is no _delta_log directory. Check the path; a Delta table is "
                + "a directory with a _delta_log directory holding commit files.");
    t.fs().put(LOG + "/00000000000000000000.crc", "{}");
    assertThatThrownBy(this::latest)
        .isInstanceOf(TableNotFoundException.class)
        .hasMessageContaining("the _delta_log directory has no commit or checkpoint file");
  }

  @Test
  public void aGapInTheCommitsIsAnErrorNamingTheMissingVersions() {
    t.commit(0, PROTOCOL, METADATA).commit(1, add("a", 1)).commit(4, add("b", 1));
    assertThatThrownBy(this::latest)
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot load `mem:/t`: the log is missing the commit file(s) for version(s) [2, 3]. "
                + "Commits must be contiguous; the table is corrupted or was partially copied.");
    assertThat(Table.forPath(t.engine(), ROOT).getSnapshotAsOfVersion(t.engine(), 1).getVersion())
        .isEqualTo(1);
  }

  @Test
  public void versionsOutsideTheHistoryNameWhatExists() {
    t.commit(0, PROTOCOL, METADATA).commit(1, add("a", 1));
    Table table = Table.forPath(t.engine(), ROOT);
    assertThatThrownBy(() -> table.getSnapshotAsOfVersion(t.engine(), 7))
        .isInstanceOf(VersionNotFoundException.class)
        .hasMessage(
            "Cannot load version 7 of `mem:/t`: the latest version is 1. Versions 0 to 1 can be loaded.");
    assertThatThrownBy(() -> table.getSnapshotAsOfVersion(t.engine(), -1))
        .hasMessage("Cannot load version -1 of `mem:/t`: versions start at 0.");
    t.fs().remove(LOG + "/" + version(0) + ".json");
    t.checkpoint(1, PROTOCOL, METADATA, add("a", 1));
    t.commit(2, add("b", 1));
    assertThatThrownBy(() -> table.getSnapshotAsOfVersion(t.engine(), 0))
        .hasMessage(
            "Cannot load version 0 of `mem:/t`: its commits were removed from the log (metadata cleanup) and "
                + "no checkpoint covers it. Versions 1 to 2 can be loaded.");
  }

  @Test
  public void aLyingLastCheckpointFallsBackToListing() {
    t.commit(0, PROTOCOL, METADATA, add("a", 1))
        .commit(1, add("b", 2))
        .commit(2, add("c", 3))
        .checkpoint(2, PROTOCOL, METADATA, add("a", 1), add("b", 2), add("c", 3))
        .commit(3, remove("a"));
    t.lastCheckpoint("{\"version\":3,\"size\":4}"); // names a checkpoint that does not exist
    Snapshot s = latest();
    assertThat(segment(s).checkpointVersion).isEqualTo(2);
    assertThat(files(s)).containsExactly("b:2", "c:3");
    t.lastCheckpoint("{\"version\":"); // corrupted
    assertThat(segment(latest()).checkpointVersion).isEqualTo(2);
    t.lastCheckpoint("{\"version\":2,\"size\":4}"); // true: listing starts at 2
    int before = t.fs().listings.get();
    assertThat(segment(latest()).checkpointVersion).isEqualTo(2);
    assertThat(t.fs().listings.get() - before)
        .as("one listing from the hinted checkpoint")
        .isEqualTo(1);
  }

  @Test
  public void anIncompleteMultiPartCheckpointIsSkippedForAnOlderOne() {
    t.commit(0, PROTOCOL, METADATA, add("a", 1))
        .commit(1, add("b", 2))
        .checkpointPart(1, 1, 2, PROTOCOL, METADATA, add("a", 1))
        .checkpointPart(1, 2, 2, add("b", 2))
        .commit(2, add("c", 3))
        .commit(3, add("d", 4))
        .checkpointPart(3, 1, 3, PROTOCOL, METADATA, add("a", 1))
        .checkpointPart(3, 3, 3, add("d", 4)); // part 2 of 3 is missing
    t.lastCheckpoint("{\"version\":3,\"size\":4,\"parts\":3}");
    Snapshot s = latest();
    assertThat(segment(s).checkpointVersion).isEqualTo(1);
    assertThat(segment(s).checkpoint).hasSize(2);
    assertThat(files(s)).containsExactly("a:1", "b:2", "c:3", "d:4");
  }

  @Test
  public void aMissingSidecarIsAClearError() {
    t.commit(
        0,
        "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"v2Checkpoint\"],"
            + "\"writerFeatures\":[\"v2Checkpoint\"]}}",
        METADATA,
        add("a", 1));
    t.parquet(
        LOG + "/" + version(0) + ".checkpoint.3a0d65cd-4056-49b8-937b-95f9e3ee90e5.parquet",
        "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"v2Checkpoint\"],\"writerFeatures\":[\"v2Checkpoint\"]}}",
        METADATA,
        "{\"sidecar\":{\"path\":\"present.parquet\",\"sizeInBytes\":1,\"modificationTime\":1}}",
        "{\"sidecar\":{\"path\":\"gone.parquet\",\"sizeInBytes\":1,\"modificationTime\":1}}");
    t.parquet(LOG + "/_sidecars/present.parquet", add("a", 1));
    Snapshot s = latest();
    assertThat(segment(s).checkpointVersion).isEqualTo(0);
    assertThatThrownBy(() -> files(s))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot load `mem:/t`: the V2 checkpoint references the sidecar file `mem:/t/_delta_log/_sidecars/gone.parquet`, "
                + "which does not exist. The checkpoint is incomplete; restore the file or delete the checkpoint.");
    t.parquet(LOG + "/_sidecars/gone.parquet", add("b", 2));
    assertThat(files(latest())).containsExactly("a:1", "b:2");
  }

  @Test
  public void protocolAndMetadataComeFromTheNewestCommitsWithoutReadingOlderFiles() {
    t.commit(0, PROTOCOL, METADATA, add("a", 1))
        .commit(1, add("b", 1))
        .commit(2, add("c", 1))
        .checkpoint(2, PROTOCOL, METADATA, add("a", 1), add("b", 1), add("c", 1))
        .commit(3, add("d", 1))
        .commit(4, PROTOCOL, METADATA.replace("t-1", "t-2"));
    t.fs().readPaths.clear();
    Snapshot s = latest();
    assertThat(s.getMetadata().getId()).isEqualTo("t-2");
    assertThat(t.fs().readPaths)
        .containsExactly(LOG + "/_last_checkpoint", LOG + "/" + version(4) + ".json");
  }

  @Test
  public void aMalformedChecksumFileIsIgnored() {
    t.commit(0, PROTOCOL, METADATA, add("a", 1));
    t.fs().put(LOG + "/" + version(0) + ".crc", "{\"tableSizeBytes\":");
    Snapshot s = latest();
    assertThat(s.getMetadata().getId()).isEqualTo("t-1");
    assertThat(s.getNumFiles()).isEmpty();
    t.fs()
        .put(
            LOG + "/" + version(0) + ".crc",
            "{\"tableSizeBytes\":1,\"numFiles\":1,\"numMetadata\":1,\"numProtocol\":1,"
                + "\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2},\"metadata\":{\"id\":\"from-crc\","
                + "\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\""
                + LogBuilder.SCHEMA
                + "\","
                + "\"partitionColumns\":[],\"configuration\":{}}}");
    t.fs().readPaths.clear();
    Snapshot fromCrc = latest();
    assertThat(fromCrc.getMetadata().getId()).isEqualTo("from-crc");
    assertThat(fromCrc.getNumFiles()).contains(1L);
    assertThat(t.fs().readPaths)
        .containsExactly(LOG + "/_last_checkpoint", LOG + "/" + version(0) + ".crc");
  }

  @Test
  public void missingProtocolOrMetadataAndUnsupportedFeaturesAreRefused() {
    t.commit(0, METADATA, add("a", 1));
    assertThatThrownBy(this::latest)
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot load version 0 of `mem:/t`: the log has no protocol action. Every Delta table needs both; "
                + "the table is corrupted.");
    t.commit(
        1,
        "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\",\"futureThing\"],\"writerFeatures\":[]}}");
    assertThatThrownBy(this::latest)
        .isInstanceOf(UnsupportedProtocolException.class)
        .hasMessage(
            "Cannot read `mem:/t`: reader feature(s) [futureThing] are not supported by Keel 0.1. Supported reader "
                + "features: [columnMapping, deletionVectors, timestampNtz, typeWidening, typeWidening-preview, v2Checkpoint, "
                + "vacuumProtocolCheck, variantShredding, variantShredding-preview, variantType, variantType-preview].");
    t.commit(2, "{\"protocol\":{\"minReaderVersion\":99,\"minWriterVersion\":7}}");
    assertThatThrownBy(this::latest)
        .isInstanceOf(UnsupportedProtocolException.class)
        .hasMessage(
            "Cannot read `mem:/t`: it requires reader version 99 and Keel supports reader versions 1 to 3. "
                + "Upgrade Keel or read the table with a newer reader.");
  }

  @Test
  public void duplicateAndConflictingFileActionsReconcileNewestFirst() {
    t.commit(0, PROTOCOL, METADATA, add("a", 1), add("b", 1), add("c%20d", 1))
        .commit(1, add("a", 2)) // re-added: the newest add wins
        .commit(2, remove("b"))
        .commit(3, add("b", 3)) // removed, then added back
        .commit(4, remove("mem:/t/c%20d")) // the same file, absolute
        .commit(5, addWithDv("e", 5, "dv1"))
        .commit(6, removeWithDv("e", "dv1"), addWithDv("e", 5, "dv2")) // a new deletion vector
        .commit(7, add("mem:/t/f", 7), remove("a")) // an absolute path
        .commit(8, add("a", 8)); // added back after its removal
    assertThat(files(latest())).containsExactly("a:8", "b:3", "e:5+dv:dv2", "mem:/t/f:7");
    assertThat(files(Table.forPath(t.engine(), ROOT).getSnapshotAsOfVersion(t.engine(), 3)))
        .containsExactly("a:2", "b:3", "c%20d:1");
  }

  @Test
  public void compactionFilesStandInForTheCommitsTheyCover() {
    t.commit(0, PROTOCOL, METADATA, add("a", 1))
        .commit(1, add("b", 1))
        .commit(2, remove("a"))
        .commit(3, add("c", 1));
    t.fs()
        .put(
            LOG + "/" + version(1) + "." + version(2) + ".compacted.json",
            remove("a") + "\n" + add("b", 1) + "\n");
    t.fs().readPaths.clear();
    Snapshot s = latest();
    t.fs().readPaths.clear();
    assertThat(files(s)).containsExactly("b:1", "c:1");
    // (read in parallel, so in any order; replayed newest first all the same)
    assertThat(t.fs().readPaths)
        .containsExactlyInAnyOrder(
            LOG + "/" + version(3) + ".json",
            LOG + "/" + version(1) + "." + version(2) + ".compacted.json",
            LOG + "/" + version(0) + ".json");
    assertThat(s.getVersion()).isEqualTo(3);
  }
}
