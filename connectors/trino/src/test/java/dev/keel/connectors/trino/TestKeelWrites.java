package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.testing.TableTestBase;
import io.trino.spi.TrinoException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The coordinator's side of writes: pending Keel transactions, commits and their failures. */
class TestKeelWrites extends TableTestBase {
  private final KeelTransactionHandle trino = new KeelTransactionHandle(UUID.randomUUID());

  @Test
  void aLostConflictIsATrinoErrorWithKeelsMessage() {
    createIdTable(Map.of());
    append("a", 1, 2);
    KeelWrites writes = new KeelWrites(engine);
    Transaction delete =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    String id = writes.start(trino, delete);
    // another writer removes the partition's file first
    removePartition("a");
    assertThatThrownBy(
            () ->
                writes.commit(
                    id,
                    List.of(),
                    t ->
                        t.delete(
                            engine,
                            dev.keel.kernel.expressions.Expressions.equal(
                                dev.keel.kernel.expressions.Expressions.column("id"),
                                dev.keel.kernel.expressions.Literal.ofLong(1)))))
        .isInstanceOf(TrinoException.class)
        .satisfies(
            e ->
                assertThat(((TrinoException) e).getErrorCode())
                    .isEqualTo(KeelErrorCode.KEEL_COMMIT_CONFLICT.toErrorCode()))
        .hasMessageMatching(
            java.util.regex.Pattern.quote("Cannot commit to `file:" + dir.resolve("t") + "`:")
                + " version 2 \\(committed concurrently\\) removed the file"
                + " `p=a/part-[0-9a-f-]+\\.c000\\.snappy\\.parquet` that this transaction also"
                + " changes\\. Re-read the table and retry\\.");
  }

  @Test
  void aRolledBackWriteCannotCommit() {
    createIdTable(Map.of());
    KeelWrites writes = new KeelWrites(engine);
    String id =
        writes.start(
            trino,
            Table.forPath(engine, table)
                .createTransactionBuilder("test", Operation.WRITE)
                .build(engine));
    writes.end(trino);
    assertThatThrownBy(() -> writes.commit(id, List.of(), t -> {}))
        .isInstanceOf(TrinoException.class)
        .hasMessage(
            "The write " + id + " is not in progress: it was rolled back or committed already");
  }
}
