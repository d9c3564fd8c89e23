package dev.keel.kernel.internal.txn;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks the commits that beat a transaction to its version against what the transaction does. */
final class ConflictChecker {
  private static final StructType CONFLICT_SCHEMA =
      ActionSchemas.of(
          ActionSchemas.PROTOCOL_FIELD,
          ActionSchemas.METADATA_FIELD,
          ActionSchemas.TXN_FIELD,
          ActionSchemas.COMMIT_INFO_FIELD,
          ActionSchemas.REMOVE_FIELD);

  private ConflictChecker() {}

  /**
   * Reads the commits that won from {@code from} on and checks them against a transaction with
   * these options that removes {@code removedPaths}: a protocol or metadata change, the same {@code
   * txn} application id, or a remove of a file it removes is a conflict.
   *
   * @return the next free version and the newest in-commit timestamp seen
   */
  static long[] checkWinners(
      Engine engine,
      TransactionBuilderImpl options,
      Set<String> removedPaths,
      String logDir,
      long from) {
    long v = from;
    long newestTimestamp = Long.MIN_VALUE;
    while (true) {
      String path = FileNames.deltaFile(logDir, v);
      FileStatus status;
      try {
        status = engine.getFileSystemClient().getFileStatus(path);
      } catch (FileNotFoundException | NoSuchFileException e) {
        return new long[] {v, newestTimestamp};
      } catch (IOException e) {
        throw Errors.engineFailure("read the status of", path, e);
      }
      try (CloseableIterator<FileReadResult> it =
          engine
              .getJsonHandler()
              .readJsonFiles(
                  CloseableIterator.of(List.of(status)), CONFLICT_SCHEMA, Optional.empty())) {
        while (it.hasNext()) {
          try (FileReadResult r = it.next()) {
            ColumnarBatch b = r.getData();
            ColumnVector txn = b.getColumnVector(2);
            ColumnVector ci = b.getColumnVector(3);
            ColumnVector remove = b.getColumnVector(4);
            for (int i = 0; i < b.getSize(); i++) {
              if (!b.getColumnVector(0).isNullAt(i) || !b.getColumnVector(1).isNullAt(i)) {
                throw Errors.concurrentMetadataChange(options.tablePath, v);
              }
              if (!txn.isNullAt(i)
                  && options.transactionIds.containsKey(txn.getChild(0).getString(i))) {
                String app = txn.getChild(0).getString(i);
                throw Errors.concurrentTransaction(
                    options.tablePath,
                    app,
                    options.transactionIds.get(app),
                    txn.getChild(1).getLong(i),
                    v);
              }
              if (!remove.isNullAt(i)
                  && !removedPaths.isEmpty()
                  && removedPaths.contains(remove.getChild(0).getString(i))) {
                throw Errors.concurrentRemove(
                    options.tablePath, v, remove.getChild(0).getString(i));
              }
              if (!ci.isNullAt(i) && !ci.getChild(1).isNullAt(i)) {
                newestTimestamp = Math.max(newestTimestamp, ci.getChild(1).getLong(i));
              }
            }
          }
        }
      } catch (IOException e) {
        throw Errors.engineFailure("read", path, e);
      }
      v++;
    }
  }
}
