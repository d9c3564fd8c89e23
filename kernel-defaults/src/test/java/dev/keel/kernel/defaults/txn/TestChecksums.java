package dev.keel.kernel.defaults.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.CommitResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.testing.TableTestBase;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The version checksum files Keel writes agree with the table state computed by full replay. */
class TestChecksums extends TableTestBase {
  private static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  private CommitResult append(Transaction t, String... rows) {
    t.write(engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, dir, rows));
    return t.commit(engine);
  }

  private Transaction txn(Operation op) {
    return Table.forPath(engine, table)
        .createTransactionBuilder("test", op)
        .withSchema(SCHEMA)
        .build(engine);
  }

  private Path crc(long version) {
    return dir.resolve("t/_delta_log/" + String.format("%020d.crc", version));
  }

  private static long field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
    assertThat(m.find()).as("%s in %s", name, json).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** Checks the checksum of the latest version against a full replay of its live files. */
  private void assertChecksumMatchesReplay(long version) throws IOException {
    String json = Files.readString(crc(version));
    long files = 0;
    long bytes = 0;
    // the latest snapshot loads its totals from the checksum: replay the files without it
    Files.move(crc(version), dir.resolve("hidden.crc"));
    Snapshot replayed = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(replayed.getVersion()).isEqualTo(version);
    assertThat(replayed.getNumFiles()).isEmpty();
    try (CloseableIterator<FilteredColumnarBatch> it = replayed.getFiles(engine)) {
      while (it.hasNext()) {
        try (FilteredColumnarBatch b = it.next()) {
          for (int i = 0; i < b.getData().getSize(); i++) {
            if (b.isSelected(i)) {
              files++;
              bytes += b.getData().getColumnVector(ScanFile.SIZE).getLong(i);
              assertThat(
                      Files.size(
                          dir.resolve("t")
                              .resolve(b.getData().getColumnVector(ScanFile.PATH).getString(i))))
                  .isEqualTo(b.getData().getColumnVector(ScanFile.SIZE).getLong(i));
            }
          }
        }
      }
    }
    Files.move(dir.resolve("hidden.crc"), crc(version));
    assertThat(field(json, "numFiles")).as("numFiles at %d", version).isEqualTo(files);
    assertThat(field(json, "tableSizeBytes")).as("tableSizeBytes at %d", version).isEqualTo(bytes);
    assertThat(field(json, "numMetadata")).isEqualTo(1);
    assertThat(field(json, "numProtocol")).isEqualTo(1);
    Snapshot withChecksum = Table.forPath(engine, table).getLatestSnapshot(engine);
    assertThat(withChecksum.getNumFiles()).contains(files);
    assertThat(withChecksum.getTableSizeBytes()).contains(bytes);
    assertThat(withChecksum.getMetadata().getId()).isEqualTo(replayed.getMetadata().getId());
    assertThat(withChecksum.getMetadata().getSchemaString())
        .isEqualTo(replayed.getMetadata().getSchemaString());
    assertThat(withChecksum.getMetadata().getPartitionColumns())
        .isEqualTo(replayed.getMetadata().getPartitionColumns());
    assertThat(withChecksum.getMetadata().getConfiguration())
        .isEqualTo(replayed.getMetadata().getConfiguration());
    assertThat(withChecksum.getMetadata().getCreatedTime())
        .isEqualTo(replayed.getMetadata().getCreatedTime());
    assertThat(withChecksum.getMetadata().getFormatProvider())
        .isEqualTo(replayed.getMetadata().getFormatProvider());
    assertThat(withChecksum.getProtocol()).isEqualTo(replayed.getProtocol());
  }

  @Test
  void everyCommitOnAChecksummedVersionWritesTheNextChecksum() throws IOException {
    assertThat(append(txn(Operation.CREATE_TABLE), "{\"id\":1}", "{\"id\":2}").isChecksumWritten())
        .isTrue();
    assertChecksumMatchesReplay(0);
    assertThat(append(txn(Operation.WRITE), "{\"id\":3}").isChecksumWritten()).isTrue();
    assertChecksumMatchesReplay(1);
    Transaction delete = txn(Operation.DELETE);
    assertThat(
            delete.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(1))))
        .isEqualTo(1);
    assertThat(delete.commit(engine).isChecksumWritten()).isTrue();
    assertChecksumMatchesReplay(2);
    Transaction all = txn(Operation.DELETE);
    all.delete(engine, Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(0)));
    assertThat(all.commit(engine).isChecksumWritten()).isTrue();
    assertChecksumMatchesReplay(3);
    assertThat(field(Files.readString(crc(3)), "numFiles")).isEqualTo(0);
  }

  @Test
  void noChecksumAfterAConcurrentCommitBecauseTheTotalsBeforeAreUnknown() throws IOException {
    append(txn(Operation.CREATE_TABLE), "{\"id\":1}");
    Transaction slow = txn(Operation.WRITE);
    append(txn(Operation.WRITE), "{\"id\":2}");
    CommitResult r = append(slow, "{\"id\":3}");
    assertThat(r.getVersion()).isEqualTo(2);
    assertThat(r.isChecksumWritten()).isFalse();
    assertThat(crc(2)).doesNotExist();
    assertThat(crc(1)).exists();
    // the chain stays broken until a version has a checksum again
    assertThat(append(txn(Operation.WRITE), "{\"id\":4}").isChecksumWritten()).isFalse();
    assertThat(
            TestBatches.canonicalRows(
                engine, Table.forPath(engine, table).getLatestSnapshot(engine)))
        .hasSize(4);
  }

  @Test
  void recordsTheInCommitTimestamp() throws IOException {
    Transaction create =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.CREATE_TABLE)
            .withSchema(SCHEMA)
            .withTableProperties(Map.of("delta.enableInCommitTimestamps", "true"))
            .build(engine);
    append(create, "{\"id\":1}");
    append(txn(Operation.WRITE), "{\"id\":2}");
    String commit = Files.readString(dir.resolve("t/_delta_log/00000000000000000001.json"));
    assertThat(field(Files.readString(crc(1)), "inCommitTimestampOpt"))
        .isEqualTo(field(commit, "inCommitTimestamp"));
    assertChecksumMatchesReplay(1);
  }
}
