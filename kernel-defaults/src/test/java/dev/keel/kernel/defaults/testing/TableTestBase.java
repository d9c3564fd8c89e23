package dev.keel.kernel.defaults.testing;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.testing.LeakCheckingEngine;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the write tests: a fresh temporary directory, a default engine wrapped in a {@link
 * LeakCheckingEngine}, and the path of a table in it. After each test the test fails if the kernel
 * or the test left an evaluator, a file iterator or a stream open, or (when the default engine is
 * closed) Arrow memory.
 */
public abstract class TableTestBase {
  @TempDir protected Path dir;
  protected LeakCheckingEngine engine;
  protected DefaultEngine defaultEngine;
  protected String table;

  @BeforeEach
  protected void openEngine() {
    defaultEngine = DefaultEngine.create();
    engine = new LeakCheckingEngine(defaultEngine);
    table = dir.resolve("t").toString();
  }

  /** The small table most write tests use: {@code id} long, and {@code p} string, its partition. */
  protected static final StructType ID_P =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("p", DataTypes.STRING, true)));

  private static final StructType ID = new StructType(List.of(ID_P.at(0)));

  /** Creates {@link #table} with {@link #ID_P}, partitioned by {@code p}. */
  protected void createIdTable(Map<String, String> properties) {
    Table.forPath(engine, table)
        .createTransactionBuilder("test", Operation.CREATE_TABLE)
        .withSchema(ID_P)
        .withPartitionColumns(List.of("p"))
        .withTableProperties(properties)
        .build(engine)
        .commit(engine);
  }

  /**
   * @return a write transaction of {@link #table} holding one new file of these ids in partition
   *     {@code partition}, not committed
   */
  protected Transaction appendTransaction(String partition, long... ids) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.WRITE)
            .build(engine);
    String[] rows = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      rows[i] = "{\"id\":" + ids[i] + "}";
    }
    t.write(
        engine,
        Map.of("p", Literal.ofString(partition)),
        TestBatches.owningIterator(engine, ID, dir, rows));
    return t;
  }

  /** Commits one new file of these ids in partition {@code partition}. */
  protected void append(String partition, long... ids) {
    appendTransaction(partition, ids).commit(engine);
  }

  /** Deletes the rows with this id, in one commit. */
  protected void deleteId(long id) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    t.delete(engine, Expressions.equal(Expressions.column("id"), Literal.ofLong(id)));
    t.commit(engine);
  }

  /** Removes the files of a partition, in one commit. */
  protected void removePartition(String partition) {
    Transaction t =
        Table.forPath(engine, table)
            .createTransactionBuilder("test", Operation.DELETE)
            .build(engine);
    t.removeFiles(engine, Expressions.equal(Expressions.column("p"), Literal.ofString(partition)));
    t.commit(engine);
  }

  @AfterEach
  protected void closeEngine() {
    try {
      engine.assertAllClosed();
    } finally {
      defaultEngine.close();
    }
  }
}
