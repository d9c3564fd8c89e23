package dev.keel.kernel.defaults.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.UnsupportedProtocolException;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Snapshot#refresh}: the latest snapshot from an older one, reading only the newer log
 * files.
 */
class TestSnapshotRefresh extends TableTestBase {
  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  private void create(Map<String, String> props) {
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(SCHEMA)
        .withTableProperties(props)
        .build(engine)
        .commit(engine);
  }

  private void append(long id) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    t.write(
        engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, dir, "{\"id\":" + id + "}"));
    t.commit(engine);
  }

  private Snapshot full() {
    return Table.forPath(engine, table).getLatestSnapshot(engine);
  }

  private void deleteChecksums() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("t/_delta_log"))) {
      for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".crc"))::iterator) {
        Files.delete(f);
      }
    }
  }

  @Test
  void returnsTheSameSnapshotWhenNothingWasCommitted() {
    create(Map.of());
    append(1);
    Snapshot s = full();
    assertThat(s.refresh(engine)).isSameAs(s);
  }

  @Test
  void seesNewCommitsLikeAFullLoad() {
    create(Map.of());
    append(1);
    Snapshot old = full();
    append(2);
    append(3);
    Snapshot refreshed = old.refresh(engine);
    Snapshot loaded = full();
    assertThat(refreshed.getVersion()).isEqualTo(3).isEqualTo(loaded.getVersion());
    assertThat(TestBatches.canonicalRows(engine, refreshed))
        .containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
    assertThat(refreshed.getTimestamp()).isEqualTo(loaded.getTimestamp());
    assertThat(refreshed.getMetadata().getId()).isEqualTo(loaded.getMetadata().getId());
    assertThat(old.getVersion()).as("the older snapshot is unchanged").isEqualTo(1);
    assertThat(TestBatches.canonicalRows(engine, old)).containsExactly("{\"id\":1}");
  }

  @Test
  void readsOnlyTheCommitsAfterTheOlderVersion() throws IOException {
    create(Map.of());
    append(1);
    deleteChecksums();
    Snapshot old = full();
    append(2);
    deleteChecksums();
    // protocol and metadata are only in commit 0: a full load must read it, a refresh must not
    Files.writeString(dir.resolve("t/_delta_log/00000000000000000000.json"), "not json\n");
    assertThatThrownBy(this::full).as("the check can fail").isNotNull();
    Snapshot refreshed = old.refresh(engine);
    assertThat(refreshed.getVersion()).isEqualTo(2);
    assertThat(refreshed.getSchema()).isEqualTo(SCHEMA);
    assertThat(((SnapshotImpl) refreshed).getLogSegment().deltas).hasSize(3);
  }

  @Test
  void picksUpMetadataChangesFromTheNewCommits() throws IOException {
    create(Map.of("owner", "a"));
    Snapshot old = full();
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.SET_TABLE_PROPERTIES)
        .withTableProperties(Map.of("owner", "b"))
        .build(engine)
        .commit(engine);
    StructType wider = SCHEMA.add(new StructField("name", DataTypes.STRING, true));
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.ADD_COLUMNS)
        .withSchema(wider)
        .build(engine)
        .commit(engine);
    deleteChecksums();
    Snapshot refreshed = old.refresh(engine);
    assertThat(refreshed.getProperties()).containsEntry("owner", "b");
    assertThat(refreshed.getSchema()).isEqualTo(wider);
    assertThat(refreshed.getMetadata().getConfiguration())
        .isEqualTo(full().getMetadata().getConfiguration());
  }

  @Test
  void usesACheckpointWrittenSince() {
    create(Map.of("delta.checkpointInterval", "3"));
    append(1);
    Snapshot old = full();
    append(2);
    append(3);
    append(4);
    SnapshotImpl refreshed = (SnapshotImpl) old.refresh(engine);
    assertThat(refreshed.getLogSegment().checkpointVersion).isEqualTo(3);
    assertThat(refreshed.getLogSegment().deltas).hasSize(1);
    assertThat(TestBatches.canonicalRows(engine, refreshed))
        .containsExactly("{\"id\":1}", "{\"id\":2}", "{\"id\":3}", "{\"id\":4}");
  }

  @Test
  void takesTheInCommitTimestampOfTheNewestCommit() throws IOException {
    create(Map.of("delta.enableInCommitTimestamps", "true"));
    Snapshot old = full();
    append(1);
    append(2);
    deleteChecksums();
    Snapshot refreshed = old.refresh(engine);
    assertThat(refreshed.getInCommitTimestamp())
        .isPresent()
        .isEqualTo(full().getInCommitTimestamp());
    assertThat(refreshed.getTimestamp()).isEqualTo(full().getTimestamp());
  }

  @Test
  void refusesAProtocolUpgradeKeelCannotRead() throws IOException {
    create(Map.of());
    Snapshot old = full();
    Files.writeString(
        dir.resolve("t/_delta_log/00000000000000000001.json"),
        "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"catalogManaged\"],"
            + "\"writerFeatures\":[\"catalogManaged\"]}}\n");
    assertThatThrownBy(() -> old.refresh(engine))
        .isInstanceOf(UnsupportedProtocolException.class)
        .hasMessageStartingWith(
            "Cannot read `file:"
                + table
                + "`: reader feature(s) [catalogManaged] are not supported by Keel 0.1.");
  }
}
