package dev.keel.kernel.defaults.txn;

import dev.keel.kernel.Operation;
import dev.keel.kernel.Table;
import dev.keel.kernel.Transaction;
import dev.keel.kernel.TransactionBuilder;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.ConcurrentWriteException;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * A separate writer process for the multi-process tests: appends {@code count} one-row commits (ids
 * {@code writer * 1_000_000 + k}) to a table, or forever when count is negative, printing each
 * committed version. With a fifth argument, an application id, it replays an idempotent stream
 * instead: commit {@code k} writes id {@code k} with {@code txn(appId, k)}, and a commit the
 * application already made (by this or another process) is skipped, printing {@code skipped k}.
 */
public final class AppendWorker {
  static final StructType SCHEMA =
      new StructType(List.of(new StructField("id", DataTypes.LONG, true)));

  public static void main(String[] args) {
    String table = args[0];
    int writer = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Path scratch = Paths.get(args[3]);
    try (DefaultEngine engine = DefaultEngine.create()) {
      String appId = args.length > 4 ? args[4] : null;
      for (int k = 0; count < 0 || k < count; k++) {
        TransactionBuilder builder =
            Table.forPath(engine, table)
                .createTransactionBuilder("worker-" + writer, Operation.WRITE);
        long id = writer * 1_000_000L + k;
        if (appId != null) {
          builder = builder.withTransactionId(appId, k);
          id = k;
        }
        try {
          Transaction t = builder.build(engine);
          t.write(
              engine,
              Map.of(),
              TestBatches.owningIterator(engine, SCHEMA, scratch, "{\"id\":" + id + "}"));
          System.out.println("committed " + t.commit(engine).getVersion());
        } catch (ConcurrentWriteException alreadyCommitted) {
          if (appId == null) {
            throw alreadyCommitted;
          }
          System.out.println("skipped " + k);
        }
        System.out.flush();
      }
    }
  }
}
