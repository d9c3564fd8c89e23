package dev.keel.kernel.internal.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.AddFile;
import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.testing.InMemoryEngine;
import dev.keel.kernel.testing.LeakCheckingEngine;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a transaction that lost the race for a version does with what won (ConflictChecker): blind
 * appends retry at the next version; a concurrent protocol or metadata change, the same
 * application's {@code txn}, or a concurrent remove of a file it removes fails it, with the exact
 * message. All in memory: the table's files are described with {@code AddFile.of}.
 */
class TestConflictChecker {
  private static final String TABLE = "mem:/t";
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("p", DataTypes.STRING, true)));

  private final LeakCheckingEngine engine = new LeakCheckingEngine(new InMemoryEngine());

  @AfterEach
  void nothingLeftOpen() {
    engine.assertAllClosed();
  }

  private static AddFile file(String name, String partition) {
    return AddFile.of(
        "p=" + partition + "/" + name, Map.of("p", partition), 100, 1, Optional.empty());
  }

  private Transaction write() {
    return Table.forPath(engine, TABLE)
        .createTransactionBuilder("test", Operation.WRITE)
        .build(engine);
  }

  @BeforeEach
  void createTable() {
    Transaction create =
        Table.forPath(engine, TABLE)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .withPartitionColumns(List.of("p"))
            .build(engine);
    create.addFiles(List.of(file("a.parquet", "a"), file("b.parquet", "b")));
    assertThat(create.commit(engine).getVersion()).isEqualTo(0);
  }

  @Test
  void blindAppendsThatLostRetryAtTheNextVersion() {
    Transaction first = write();
    Transaction second = write();
    first.addFiles(List.of(file("c.parquet", "c")));
    second.addFiles(List.of(file("d.parquet", "d")));
    assertThat(first.commit(engine).getVersion()).isEqualTo(1);
    CommitResult r = second.commit(engine);
    assertThat(r.getVersion()).isEqualTo(2);
    assertThat(r.getAttempts()).isEqualTo(2);
    assertThat(Table.forPath(engine, TABLE).getLatestSnapshot(engine).getVersion()).isEqualTo(2);
  }

  @Test
  void aConcurrentMetadataChangeFailsTheLoser() {
    Transaction loser = write();
    loser.addFiles(List.of(file("c.parquet", "c")));
    Table.forPath(engine, TABLE)
        .createTransactionBuilder("test", Operation.SET_TABLE_PROPERTIES)
        .withTableProperties(Map.of("delta.appendOnly", "true"))
        .build(engine)
        .commit(engine);
    assertThatThrownBy(() -> loser.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `mem:/t`: version 1 (committed concurrently) changed the table's protocol or metadata."
                + " Re-read the table and retry the write.");
  }

  @Test
  void theSameApplicationCommittingTheSameVersionMeanwhileMakesTheLoserADuplicate() {
    Transaction loser =
        Table.forPath(engine, TABLE)
            .createTransactionBuilder("test", Operation.WRITE)
            .withTransactionId("ingest", 7)
            .build(engine);
    Transaction winner =
        Table.forPath(engine, TABLE)
            .createTransactionBuilder("test", Operation.WRITE)
            .withTransactionId("ingest", 7)
            .build(engine);
    winner.addFiles(List.of(file("c.parquet", "c")));
    winner.commit(engine);
    loser.addFiles(List.of(file("d.parquet", "d")));
    assertThatThrownBy(() -> loser.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `mem:/t`: application `ingest` already committed version 7, so version 7 is a"
                + " duplicate. The write was already done; skip it.");
  }

  @Test
  void aCommitRecordsOneVersionPerApplicationAndLosesToAnyOfThemCommittedMeanwhile() {
    Transaction both =
        Table.forPath(engine, TABLE)
            .createTransactionBuilder("test", Operation.WRITE)
            .withTransactionId("ingest-0", 40)
            .withTransactionId("ingest-1", 10)
            .withTransactionId("ingest-1", 12) // replaces 10
            .build(engine);
    both.addFiles(List.of(file("c.parquet", "c")));
    both.commit(engine);
    Snapshot s = Table.forPath(engine, TABLE).getLatestSnapshot(engine);
    assertThat(s.getLatestTransactionVersion(engine, "ingest-0")).contains(40L);
    assertThat(s.getLatestTransactionVersion(engine, "ingest-1")).contains(12L);
    // another writer records an older version of one of them while this one prepares a newer one
    Transaction loser =
        Table.forPath(engine, TABLE)
            .createTransactionBuilder("test", Operation.WRITE)
            .withTransactionId("ingest-0", 60)
            .withTransactionId("ingest-1", 20)
            .build(engine);
    Transaction winner =
        Table.forPath(engine, TABLE)
            .createTransactionBuilder("test", Operation.WRITE)
            .withTransactionId("ingest-1", 15)
            .build(engine);
    winner.addFiles(List.of(file("d.parquet", "d")));
    winner.commit(engine);
    loser.addFiles(List.of(file("e.parquet", "e")));
    assertThatThrownBy(() -> loser.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `mem:/t`: application `ingest-1` committed its version 15 in version 2"
                + " while this commit of its version 20 was being prepared, so the two may hold the"
                + " same work. Read the application's latest version"
                + " (Snapshot.getLatestTransactionVersion) and redo what follows it.");
    assertThatThrownBy(
            () ->
                Table.forPath(engine, TABLE)
                    .createTransactionBuilder("test", Operation.WRITE)
                    .withTransactionId("ingest-1", 99)
                    .withTransactionId("ingest-0", 40)
                    .build(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `mem:/t`: application `ingest-0` already committed version 40, so"
                + " version 40 is a duplicate. The write was already done; skip it.");
  }

  @Test
  void removingAFileAnotherWriterRemovedMeanwhileFails() {
    Transaction loser = write();
    Transaction winner = write();
    assertThat(
            winner.removeFiles(
                engine, Expressions.equal(Expressions.column("p"), Literal.ofString("a"))))
        .isEqualTo(1);
    winner.commit(engine);
    assertThat(
            loser.removeFiles(
                engine, Expressions.equal(Expressions.column("p"), Literal.ofString("a"))))
        .isEqualTo(1);
    assertThatThrownBy(() -> loser.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `mem:/t`: version 1 (committed concurrently) removed the file `p=a/a.parquet` that"
                + " this transaction also changes. Re-read the table and retry.");
  }

  @Test
  void removingOtherFilesThanTheWinnerRemovedCommits() {
    Transaction loser = write();
    Transaction winner = write();
    winner.removeFiles(engine, Expressions.equal(Expressions.column("p"), Literal.ofString("a")));
    winner.commit(engine);
    assertThat(
            loser.removeFiles(
                engine, Expressions.equal(Expressions.column("p"), Literal.ofString("b"))))
        .isEqualTo(1);
    assertThat(loser.commit(engine).getVersion()).isEqualTo(2);
    long live = 0;
    try (CloseableIterator<FilteredColumnarBatch> files =
        Table.forPath(engine, TABLE).getLatestSnapshot(engine).getFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next()) {
          live += b.getSelectedCount();
        }
      }
    }
    assertThat(live).as("both files removed, one by each writer").isZero();
  }

  @Test
  void aRetryLimitOfZeroFailsAtTheFirstLostRace() {
    Transaction loser =
        Table.forPath(engine, TABLE)
            .createTransactionBuilder("test", Operation.WRITE)
            .withMaxRetries(0)
            .build(engine);
    Transaction winner = write();
    winner.addFiles(List.of(file("c.parquet", "c")));
    winner.commit(engine);
    loser.addFiles(List.of(file("d.parquet", "d")));
    assertThatThrownBy(() -> loser.commit(engine))
        .isInstanceOf(ConcurrentWriteException.class)
        .hasMessage(
            "Cannot commit to `mem:/t`: other writers won 1 times in a row. Retry later or raise the retry limit"
                + " (TransactionBuilder.withMaxRetries).");
  }
}
