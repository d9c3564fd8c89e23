package dev.keel.kernel.defaults.txn;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * A separate writer process for the multi-process tests: appends {@code count} one-row commits
 * (ids {@code writer * 1_000_000 + k}) to a table, or forever when count is negative, printing
 * each committed version.
 */
public final class AppendWorker {
  static final StructType SCHEMA = new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  public static void main(String[] args) {
    String table = args[0];
    int writer = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Path scratch = Paths.get(args[3]);
    try (DefaultEngine engine = DefaultEngine.create()) {
      for (int k = 0; count < 0 || k < count; k++) {
        Transaction t = Table.forPath(engine, table).createTransactionBuilder("worker-" + writer, Operation.WRITE).build(engine);
        t.write(engine, Map.of(), TestBatches.owningIterator(engine, SCHEMA, scratch, "{\"id\":" + (writer * 1_000_000L + k) + "}"));
        System.out.println("committed " + t.commit(engine).getVersion());
        System.out.flush();
      }
    }
  }
}
