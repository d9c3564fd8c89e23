package dev.keel.kernel.defaults.snapshot;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.testing.InMemoryFileSystemClient;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds Delta logs in an in-memory file system, for log-segment and replay tests. */
final class MemTable {
  static final String ROOT = "mem:/t";
  static final String LOG = ROOT + "/_delta_log";
  static final String SCHEMA = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
  static final String PROTOCOL = "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}";
  static final String METADATA = "{\"metaData\":{\"id\":\"t-1\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
      + "\"schemaString\":\"" + SCHEMA + "\",\"partitionColumns\":[],\"configuration\":{},\"createdTime\":1}}";
  static final StructType CHECKPOINT_SCHEMA = ActionSchemas.of(ActionSchemas.PROTOCOL_FIELD, ActionSchemas.METADATA_FIELD,
      ActionSchemas.ADD_FIELD, ActionSchemas.REMOVE_FIELD, ActionSchemas.TXN_FIELD, ActionSchemas.DOMAIN_METADATA_FIELD,
      ActionSchemas.SIDECAR_FIELD);

  final InMemoryFileSystemClient fs = new InMemoryFileSystemClient();
  final DefaultEngine engine = DefaultEngine.builder().fileSystemClient(fs).build();

  static String version(long v) {
    return String.format("%020d", v);
  }

  static String add(String path, long size) {
    return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":" + size + ",\"modificationTime\":1,\"dataChange\":true}}";
  }

  static String addWithDv(String path, long size, String dv) {
    return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{},\"size\":" + size + ",\"modificationTime\":1,\"dataChange\":true,"
        + "\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\"" + dv + "\",\"sizeInBytes\":10,\"cardinality\":1}}}";
  }

  static String remove(String path) {
    return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":1,\"dataChange\":true}}";
  }

  static String removeWithDv(String path, String dv) {
    return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":1,\"dataChange\":true,"
        + "\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\"" + dv + "\",\"sizeInBytes\":10,\"cardinality\":1}}}";
  }

  MemTable commit(long v, String... actions) {
    fs.put(LOG + "/" + version(v) + ".json", String.join("\n", actions) + "\n");
    return this;
  }

  /** Writes actions as a Parquet file at {@code path} (a checkpoint part or sidecar). */
  MemTable parquet(String path, String... actions) {
    String scratch = ROOT + "/_scratch/" + System.nanoTime() + ".json";
    fs.put(scratch, String.join("\n", actions) + "\n");
    List<ColumnarBatch> batches = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it = engine.getJsonHandler().readJsonFiles(
        CloseableIterator.of(List.of(fs.getFileStatus(scratch))), CHECKPOINT_SCHEMA, Optional.empty())) {
      it.forEachRemaining(r -> batches.add(r.getData()));
      engine.getParquetHandler().writeParquetFileAtomically(path, CloseableIterator.of(batches));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fs.remove(scratch);
    return this;
  }

  MemTable checkpoint(long v, String... actions) {
    return parquet(LOG + "/" + version(v) + ".checkpoint.parquet", actions);
  }

  MemTable checkpointPart(long v, int part, int parts, String... actions) {
    return parquet(LOG + "/" + version(v) + ".checkpoint." + String.format("%010d.%010d", part, parts) + ".parquet", actions);
  }

  MemTable lastCheckpoint(String json) {
    fs.put(LOG + "/_last_checkpoint", json);
    return this;
  }

  void close() {
    engine.close();
  }
}
