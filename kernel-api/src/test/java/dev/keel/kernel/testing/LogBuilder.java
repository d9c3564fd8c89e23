package dev.keel.kernel.testing;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds Delta logs by hand in an {@link InMemoryFileSystemClient}: commit files from action lines,
 * checkpoints and sidecars written through the engine's Parquet handler, and {@code
 * _last_checkpoint}. With an {@link InMemoryEngine} a whole table lives in memory.
 */
public final class LogBuilder {
  /** The default table root. */
  public static final String ROOT = "mem:/t";

  /** A one-column schema ({@code id long}) as it stands escaped inside a metaData action. */
  public static final String SCHEMA =
      "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":[{\\\"name\\\":\\\"id\\\",\\\"type\\\":\\\"long\\\","
          + "\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";

  /** Reader 1, writer 2. */
  public static final String PROTOCOL = protocol(1, 2);

  /** Table {@code t-1} with {@link #SCHEMA}, unpartitioned, no properties. */
  public static final String METADATA = metadata(SCHEMA, "", "");

  /** What a checkpoint holds. */
  public static final StructType CHECKPOINT_SCHEMA =
      ActionSchemas.of(
          ActionSchemas.PROTOCOL_FIELD,
          ActionSchemas.METADATA_FIELD,
          ActionSchemas.ADD_FIELD,
          ActionSchemas.REMOVE_FIELD,
          ActionSchemas.TXN_FIELD,
          ActionSchemas.DOMAIN_METADATA_FIELD,
          ActionSchemas.SIDECAR_FIELD);

  private final Engine engine;
  private final InMemoryFileSystemClient fs;
  private final String root;

  /**
   * @param engine writes checkpoints through its Parquet handler
   * @param fs where the files go (the engine's file system)
   * @param root the table root
   */
  public LogBuilder(Engine engine, InMemoryFileSystemClient fs, String root) {
    this.engine = engine;
    this.fs = fs;
    this.root = root;
  }

  /** A table at {@link #ROOT} in a fresh in-memory engine. */
  public static LogBuilder inMemory() {
    InMemoryEngine engine = new InMemoryEngine();
    return new LogBuilder(engine, engine.files(), ROOT);
  }

  /**
   * @return the engine
   */
  public Engine engine() {
    return engine;
  }

  /**
   * @return the file system
   */
  public InMemoryFileSystemClient fs() {
    return fs;
  }

  /**
   * @return the table root
   */
  public String root() {
    return root;
  }

  /**
   * @return the log directory
   */
  public String log() {
    return root + "/_delta_log";
  }

  /**
   * @return a version as a log file name's 20 digits
   */
  public static String version(long v) {
    return String.format("%020d", v);
  }

  public static String protocol(int reader, int writer) {
    return "{\"protocol\":{\"minReaderVersion\":"
        + reader
        + ",\"minWriterVersion\":"
        + writer
        + "}}";
  }

  /** A protocol with table features (reader 3, writer 7). */
  public static String protocol(List<String> readerFeatures, List<String> writerFeatures) {
    return "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":"
        + strings(readerFeatures)
        + ",\"writerFeatures\":"
        + strings(writerFeatures)
        + "}}";
  }

  private static String strings(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v + "\"")
        .reduce((a, b) -> a + "," + b)
        .map(s -> "[" + s + "]")
        .orElse("[]");
  }

  /**
   * @param escapedSchema the schema JSON escaped for a JSON string
   * @param partitionColumns quoted, comma-separated names (e.g. {@code "\"p\""}), or empty
   * @param configuration the body of the configuration object (e.g. {@code "\"k\":\"v\""}), or
   *     empty
   */
  public static String metadata(
      String escapedSchema, String partitionColumns, String configuration) {
    return "{\"metaData\":{\"id\":\"t-1\",\"format\":{\"provider\":\"parquet\",\"options\":{}},\"schemaString\":\""
        + escapedSchema
        + "\",\"partitionColumns\":["
        + partitionColumns
        + "],\"configuration\":{"
        + configuration
        + "},\"createdTime\":1}}";
  }

  public static String add(String path, long size) {
    return "{\"add\":{\"path\":\""
        + path
        + "\",\"partitionValues\":{},\"size\":"
        + size
        + ",\"modificationTime\":1,\"dataChange\":true}}";
  }

  /**
   * An add with partition values (the body of the object, e.g. {@code "\"p\":\"a\""}) and
   * statistics JSON.
   */
  public static String add(String path, String partitionValues, long size, String stats) {
    return "{\"add\":{\"path\":\""
        + path
        + "\",\"partitionValues\":{"
        + partitionValues
        + "},\"size\":"
        + size
        + ",\"modificationTime\":1,\"dataChange\":true"
        + (stats == null ? "" : ",\"stats\":\"" + stats.replace("\"", "\\\"") + "\"")
        + "}}";
  }

  public static String addWithDv(String path, long size, String dv) {
    return "{\"add\":{\"path\":\""
        + path
        + "\",\"partitionValues\":{},\"size\":"
        + size
        + ",\"modificationTime\":1,\"dataChange\":true,"
        + "\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\""
        + dv
        + "\",\"sizeInBytes\":10,\"cardinality\":1}}}";
  }

  public static String remove(String path) {
    return "{\"remove\":{\"path\":\"" + path + "\",\"deletionTimestamp\":1,\"dataChange\":true}}";
  }

  public static String removeWithDv(String path, String dv) {
    return "{\"remove\":{\"path\":\""
        + path
        + "\",\"deletionTimestamp\":1,\"dataChange\":true,"
        + "\"deletionVector\":{\"storageType\":\"i\",\"pathOrInlineDv\":\""
        + dv
        + "\",\"sizeInBytes\":10,\"cardinality\":1}}}";
  }

  public static String txn(String appId, long version) {
    return "{\"txn\":{\"appId\":\"" + appId + "\",\"version\":" + version + ",\"lastUpdated\":1}}";
  }

  /** Writes commit {@code v} from action lines. */
  public LogBuilder commit(long v, String... actions) {
    fs.put(log() + "/" + version(v) + ".json", String.join("\n", actions) + "\n");
    return this;
  }

  /** Writes actions as a Parquet file at {@code path} (a checkpoint part or sidecar). */
  public LogBuilder parquet(String path, String... actions) {
    String scratch = root + "/_scratch/" + System.nanoTime() + ".json";
    fs.put(scratch, String.join("\n", actions) + "\n");
    List<ColumnarBatch> batches = new ArrayList<>();
    try (CloseableIterator<FileReadResult> it =
        engine
            .getJsonHandler()
            .readJsonFiles(
                CloseableIterator.of(List.of(fs.getFileStatus(scratch))),
                CHECKPOINT_SCHEMA,
                Optional.empty())) {
      it.forEachRemaining(r -> batches.add(r.getData()));
      engine.getParquetHandler().writeParquetFileAtomically(path, CloseableIterator.of(batches));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    fs.remove(scratch);
    return this;
  }

  public LogBuilder checkpoint(long v, String... actions) {
    return parquet(log() + "/" + version(v) + ".checkpoint.parquet", actions);
  }

  public LogBuilder checkpointPart(long v, int part, int parts, String... actions) {
    return parquet(
        log()
            + "/"
            + version(v)
            + ".checkpoint."
            + String.format("%010d.%010d", part, parts)
            + ".parquet",
        actions);
  }

  public LogBuilder lastCheckpoint(String json) {
    fs.put(log() + "/_last_checkpoint", json);
    return this;
  }
}
