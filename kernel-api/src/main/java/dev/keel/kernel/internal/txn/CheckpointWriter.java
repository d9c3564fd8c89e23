package dev.keel.kernel.internal.txn;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.data.ObjectVector;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Writes a classic single-file checkpoint (PROTOCOL.md, "Checkpoints", V1 spec): the protocol,
 * metadata, transactions, domain metadata and live add actions of a version (statistics as JSON),
 * then {@code _last_checkpoint}. Remove tombstones are not written. Action rows are turned into
 * engine batches through the engine's JSON handler, a chunk at a time.
 */
public final class CheckpointWriter {
  private CheckpointWriter() {}

  static final StructType SCHEMA = ActionSchemas.of(ActionSchemas.TXN_FIELD, ActionSchemas.ADD_FIELD,
      ActionSchemas.METADATA_FIELD, ActionSchemas.PROTOCOL_FIELD, ActionSchemas.DOMAIN_METADATA_FIELD);
  private static final int CHUNK = 10_000;

  public static void write(Engine engine, String tablePath, long version) {
    SnapshotImpl snapshot = (SnapshotImpl) dev.keel.kernel.Table.forPath(engine, tablePath).getSnapshotAsOfVersion(engine, version);
    List<String> head = new ArrayList<>();
    head.add(ActionJson.protocol(snapshot.getProtocol()));
    head.add(ActionJson.metadata(snapshot.getMetadata()));
    for (Map.Entry<String, Long> t : snapshot.getSetTransactions(engine).entrySet()) {
      head.add(ActionJson.txn(t.getKey(), t.getValue(), System.currentTimeMillis()));
    }
    for (Map.Entry<String, String> d : snapshot.getDomainMetadata(engine).entrySet()) {
      head.add(ActionJson.domainMetadata(d.getKey(), d.getValue()));
    }
    long[] count = {0};
    Iterator<String> lines = new Iterator<>() {
      private final Iterator<String> first = head.iterator();
      private CloseableIterator<FilteredColumnarBatch> files;
      private final List<String> pending = new ArrayList<>();

      @Override
      public boolean hasNext() {
        if (first.hasNext() || !pending.isEmpty()) {
          return true;
        }
        if (files == null) {
          files = snapshot.getFiles(engine);
        }
        while (pending.isEmpty() && files.hasNext()) {
          try (FilteredColumnarBatch b = files.next(); CloseableIterator<Row> rows = b.getRows()) {
            rows.forEachRemaining(r -> pending.add(ActionJson.add(ScanFileCodec.toJson(r))));
          }
        }
        if (pending.isEmpty()) {
          files.close();
          return false;
        }
        return true;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        count[0]++;
        return first.hasNext() ? first.next() : pending.remove(pending.size() - 1);
      }
    };
    CloseableIterator<ColumnarBatch> batches = new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public ColumnarBatch next() {
        List<Object> chunk = new ArrayList<>();
        while (chunk.size() < CHUNK && lines.hasNext()) {
          chunk.add(lines.next());
        }
        return engine.getJsonHandler().parseJson(new ObjectVector(DataTypes.STRING, chunk.toArray()), SCHEMA, Optional.empty());
      }

      @Override
      public void close() {}
    };
    String logDir = FileNames.logDir(tablePath);
    String path = logDir + "/" + FileNames.version(version) + ".checkpoint.parquet";
    try {
      engine.getParquetHandler().writeParquetFileAtomically(path, batches);
    } catch (PathAlreadyExistsException exists) {
      return; // another writer checkpointed this version
    } catch (IOException e) {
      throw Errors.engineFailure("write the checkpoint", path, e);
    }
    String last = "{\"version\":" + version + ",\"size\":" + count[0] + "}";
    try {
      engine.getFileSystemClient().write(logDir + "/" + FileNames.LAST_CHECKPOINT, last.getBytes(StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw Errors.engineFailure("write", logDir + "/" + FileNames.LAST_CHECKPOINT, e);
    }
  }
}
