package dev.keel.kernel.internal.txn;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.actions.ActionSchemas;
import dev.keel.kernel.internal.data.ObjectVector;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.replay.Tombstones;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes checkpoints (PROTOCOL.md, "Checkpoints"): the protocol, metadata, transactions, domain
 * metadata, live add actions and unexpired remove tombstones of a version, then {@code
 * _last_checkpoint}.
 *
 * <ul>
 *   <li>Classic: one {@code NNN.checkpoint.parquet}, or {@code parts} multi-part files (the
 *       non-file actions in the first part).
 *   <li>V2 (tables with the {@code v2Checkpoint} feature): a UUID-named top-level file with {@code
 *       checkpointMetadata}, the non-file actions and one {@code sidecar} action per file in {@code
 *       _delta_log/_sidecars}, which hold the add and remove actions.
 * </ul>
 *
 * Statistics go in as JSON unless {@code delta.checkpoint.writeStatsAsJson} is {@code false}, and
 * also as the struct {@code stats_parsed} when {@code delta.checkpoint.writeStatsAsStruct} is
 * {@code true}. Tombstones are kept for {@code delta.deletedFileRetentionDuration} (one week by
 * default). Action lines are turned into engine batches by the engine's JSON handler a chunk at a
 * time, so memory stays bounded by the chunk, not the table.
 */
public final class CheckpointWriter {
  private CheckpointWriter() {}

  private static final int CHUNK = 10_000;
  private static final int DEFAULT_ACTIONS_PER_SIDECAR = 1_000_000;

  /** How a checkpoint is laid out in files. */
  public static final class Layout {
    final int parts;
    final boolean v2;
    final int actionsPerSidecar;

    private Layout(int parts, boolean v2, int actionsPerSidecar) {
      this.parts = parts;
      this.v2 = v2;
      this.actionsPerSidecar = actionsPerSidecar;
    }

    /** One classic {@code NNN.checkpoint.parquet}. */
    public static Layout classic() {
      return new Layout(1, false, 0);
    }

    /**
     * A classic checkpoint in {@code parts} files (deprecated by the protocol, still readable
     * everywhere).
     */
    public static Layout multiPart(int parts) {
      if (parts < 1) {
        throw new IllegalArgumentException("parts must be at least 1: " + parts);
      }
      return new Layout(parts, false, 0);
    }

    /**
     * A V2 checkpoint whose file actions are spread over sidecars of at most {@code
     * actionsPerSidecar} actions.
     */
    public static Layout v2(int actionsPerSidecar) {
      if (actionsPerSidecar < 1) {
        throw new IllegalArgumentException(
            "actionsPerSidecar must be at least 1: " + actionsPerSidecar);
      }
      return new Layout(1, true, actionsPerSidecar);
    }

    /**
     * V2 with sidecars on tables that support {@code v2Checkpoint}, a single classic file
     * otherwise.
     */
    static Layout forSnapshot(SnapshotImpl snapshot) {
      return snapshot.getProtocol().getWriterFeatures().contains("v2Checkpoint")
          ? v2(DEFAULT_ACTIONS_PER_SIDECAR)
          : classic();
    }
  }

  /** Checkpoints {@code version} in the layout its protocol calls for. */
  public static void write(Engine engine, String tablePath, long version) {
    write(engine, SnapshotLoader.atVersion(engine, tablePath, version));
  }

  /** Checkpoints a loaded snapshot in the layout its protocol calls for. */
  public static void write(Engine engine, SnapshotImpl snapshot) {
    write(engine, snapshot, Layout.forSnapshot(snapshot), System.currentTimeMillis());
  }

  /**
   * Checkpoints a snapshot in the given layout. A checkpoint of the same version written meanwhile
   * by another writer is left as it is.
   *
   * @param now the time tombstone retention counts back from
   */
  public static void write(Engine engine, SnapshotImpl snapshot, Layout layout, long now) {
    if (layout.v2 && !snapshot.getProtocol().getWriterFeatures().contains("v2Checkpoint")) {
      throw new IllegalArgumentException("a V2 checkpoint needs the v2Checkpoint table feature");
    }
    new Run(engine, snapshot, layout, now).write();
  }

  private static final class Run {
    private final Engine engine;
    private final SnapshotImpl snapshot;
    private final Layout layout;
    private final long now;
    private final String logDir;
    private final boolean statsAsJson;
    private final Optional<StructType> statsStruct;
    private final StructType addSchema;
    private int partsWritten = 1;

    Run(Engine engine, SnapshotImpl snapshot, Layout layout, long now) {
      this.engine = engine;
      this.snapshot = snapshot;
      this.layout = layout;
      this.now = now;
      this.logDir = FileNames.logDir(snapshot.getTablePath());
      Map<String, String> props = snapshot.getProperties();
      this.statsAsJson = TableProperties.of(props).isCheckpointWriteStatsAsJson();
      this.statsStruct =
          TableProperties.of(props).isCheckpointWriteStatsAsStruct()
              ? Optional.of(
                  DataWriter.statsSchema(
                      snapshot.getSchema(), snapshot.getPartitionColumns(), props))
              : Optional.empty();
      this.addSchema =
          statsStruct
              .map(s -> ScanFile.SCHEMA.add(new StructField("stats_parsed", s, true)))
              .orElse(ScanFile.SCHEMA);
    }

    void write() {
      long actions;
      if (layout.v2) {
        actions = writeV2();
      } else if (layout.parts == 1) {
        actions = writeSingle();
      } else {
        actions = writeMultiPart();
      }
      if (actions < 0) {
        return; // another writer checkpointed this version
      }
      if (dev.keel.kernel.internal.log.LogSegmentLoader.readLastCheckpointVersion(engine, logDir)
              .orElse(-1L)
          > snapshot.getVersion()) {
        return; // a checkpoint of an older version (log cleanup's); the hint stays on the newer
      }
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("version", snapshot.getVersion());
      last.put("size", actions);
      if (partsWritten > 1) {
        last.put("parts", (long) partsWritten);
      }
      String path = logDir + "/" + FileNames.LAST_CHECKPOINT;
      try {
        engine
            .getFileSystemClient()
            .write(path, Json.toJson(last).getBytes(StandardCharsets.UTF_8), true);
      } catch (IOException e) {
        throw Errors.engineFailure("write", path, e);
      }
    }

    private long writeSingle() {
      String path = logDir + "/" + FileNames.version(snapshot.getVersion()) + ".checkpoint.parquet";
      try (CloseableIterator<String> files = fileLines()) {
        Counted lines = new Counted(concat(nonFileLines().iterator(), files));
        return writeFile(path, lines, classicSchema()) ? lines.count : -1;
      }
    }

    private long writeMultiPart() {
      long fileActions = 0;
      try (CloseableIterator<String> files = fileLines()) {
        while (files.hasNext()) {
          files.next();
          fileActions++;
        }
      }
      List<String> head = nonFileLines();
      partsWritten = (int) Math.max(1, Math.min(layout.parts, fileActions)); // no empty parts
      long perPart = (fileActions + partsWritten - 1) / partsWritten;
      try (CloseableIterator<String> files = fileLines()) {
        for (int part = 1; part <= partsWritten; part++) {
          Iterator<String> taken = take(files, perPart);
          Iterator<String> lines = part == 1 ? concat(head.iterator(), taken) : taken;
          String path =
              String.format(
                  "%s/%s.checkpoint.%010d.%010d.parquet",
                  logDir, FileNames.version(snapshot.getVersion()), part, partsWritten);
          if (!writeFile(path, lines, classicSchema())) {
            return -1;
          }
        }
      }
      return head.size() + fileActions;
    }

    private long writeV2() {
      StructType sidecarSchema =
          new StructType(
              List.of(
                  new StructField(ActionSchemas.ADD_FIELD, addSchema, true),
                  new StructField(ActionSchemas.REMOVE_FIELD, ActionSchemas.TOMBSTONE, true)));
      List<String> top = new ArrayList<>();
      top.add(
          Json.toJson(
              Map.of(
                  ActionSchemas.CHECKPOINT_METADATA_FIELD,
                  Map.of("version", snapshot.getVersion()))));
      top.addAll(nonFileLines());
      long fileActions = 0;
      String sidecarDir = logDir + "/" + FileNames.SIDECAR_DIR;
      try {
        engine.getFileSystemClient().mkdirs(sidecarDir);
      } catch (IOException e) {
        throw Errors.engineFailure("create", sidecarDir, e);
      }
      try (CloseableIterator<String> files = fileLines()) {
        while (files.hasNext()) {
          Counted lines = new Counted(take(files, layout.actionsPerSidecar));
          String name = UUID.randomUUID() + ".parquet";
          String path = sidecarDir + "/" + name;
          writeFile(path, lines, sidecarSchema); // a fresh name: never already there
          fileActions += lines.count;
          FileStatus status = status(path);
          Map<String, Object> sidecar = new LinkedHashMap<>();
          sidecar.put("path", name);
          sidecar.put("sizeInBytes", status.getSize());
          sidecar.put("modificationTime", status.getModificationTime());
          top.add(Json.toJson(Map.of(ActionSchemas.SIDECAR_FIELD, sidecar)));
        }
      }
      String path =
          logDir
              + "/"
              + FileNames.version(snapshot.getVersion())
              + ".checkpoint."
              + UUID.randomUUID()
              + ".parquet";
      StructType topSchema =
          ActionSchemas.of(
              ActionSchemas.CHECKPOINT_METADATA_FIELD,
              ActionSchemas.TXN_FIELD,
              ActionSchemas.METADATA_FIELD,
              ActionSchemas.PROTOCOL_FIELD,
              ActionSchemas.DOMAIN_METADATA_FIELD,
              ActionSchemas.SIDECAR_FIELD);
      writeFile(path, top.iterator(), topSchema);
      return top.size() + fileActions;
    }

    private StructType classicSchema() {
      return new StructType(
          List.of(
              new StructField(ActionSchemas.TXN_FIELD, ActionSchemas.TXN, true),
              new StructField(ActionSchemas.ADD_FIELD, addSchema, true),
              new StructField(ActionSchemas.REMOVE_FIELD, ActionSchemas.TOMBSTONE, true),
              new StructField(ActionSchemas.METADATA_FIELD, ActionSchemas.METADATA, true),
              new StructField(ActionSchemas.PROTOCOL_FIELD, ActionSchemas.PROTOCOL, true),
              new StructField(
                  ActionSchemas.DOMAIN_METADATA_FIELD, ActionSchemas.DOMAIN_METADATA, true)));
    }

    private List<String> nonFileLines() {
      List<String> head = new ArrayList<>();
      head.add(ActionJson.protocol(snapshot.getProtocol()));
      head.add(ActionJson.metadata(snapshot.getMetadata()));
      Map<String, Long> lastUpdated = snapshot.getTransactionLastUpdated(engine);
      for (Map.Entry<String, Long> t : snapshot.getSetTransactions(engine).entrySet()) {
        head.add(
            ActionJson.txn(t.getKey(), t.getValue(), lastUpdated.getOrDefault(t.getKey(), now)));
      }
      for (Map.Entry<String, String> d : snapshot.getDomainMetadata(engine).entrySet()) {
        head.add(ActionJson.domainMetadata(d.getKey(), d.getValue()));
      }
      return head;
    }

    /** Live adds, then unexpired tombstones, one JSON line each. */
    private CloseableIterator<String> fileLines() {
      CloseableIterator<String> adds =
          snapshot
              .getFiles(engine, statsStruct, true)
              .flatMap(
                  b -> {
                    List<String> lines = new ArrayList<>();
                    try (FilteredColumnarBatch batch = b;
                        CloseableIterator<Row> rows = batch.getRows()) {
                      rows.forEachRemaining(r -> lines.add(addLine(r)));
                    }
                    return CloseableIterator.of(lines);
                  });
      long retention = TableProperties.of(snapshot.getProperties()).getDeletedFileRetentionMillis();
      return CloseableIterator.of(List.of(0, 1))
          .flatMap(
              i ->
                  i == 0
                      ? adds
                      : Tombstones.live(engine, snapshot.getLogSegment(), now - retention));
    }

    private String addLine(Row file) {
      Map<String, Object> add = ScanFileCodec.toMap(file, ScanFile.SCHEMA);
      add.put("dataChange", false);
      Object stats = add.get("stats");
      if (stats != null && statsStruct.isPresent()) {
        try {
          add.put("stats_parsed", Json.parse((String) stats));
        } catch (Json.JsonSyntaxException e) {
          // unreadable statistics stay JSON only, as they are in the log
        }
      }
      if (!statsAsJson && add.containsKey("stats_parsed")) {
        add.remove("stats");
      }
      return Json.toJson(Map.of(ActionSchemas.ADD_FIELD, add));
    }

    /**
     * @return false when the file already exists (another writer was first)
     */
    private boolean writeFile(String path, Iterator<String> lines, StructType schema) {
      CloseableIterator<ColumnarBatch> batches =
          new CloseableIterator<>() {
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
              return engine
                  .getJsonHandler()
                  .parseJson(
                      new ObjectVector(DataTypes.STRING, chunk.toArray()),
                      schema,
                      Optional.empty());
            }

            @Override
            public void close() {}
          };
      try {
        engine.getParquetHandler().writeParquetFileAtomically(path, batches);
        return true;
      } catch (PathAlreadyExistsException exists) {
        return false;
      } catch (IOException e) {
        throw Errors.engineFailure("write the checkpoint", path, e);
      }
    }

    private FileStatus status(String path) {
      try {
        return engine.getFileSystemClient().getFileStatus(path);
      } catch (IOException e) {
        throw Errors.engineFailure("read the status of", path, e);
      }
    }
  }

  /** Counts what passes through. */
  private static final class Counted implements Iterator<String> {
    private final Iterator<String> in;
    long count;

    Counted(Iterator<String> in) {
      this.in = in;
    }

    @Override
    public boolean hasNext() {
      return in.hasNext();
    }

    @Override
    public String next() {
      count++;
      return in.next();
    }
  }

  private static Iterator<String> take(Iterator<String> in, long n) {
    return new Iterator<>() {
      private long taken;

      @Override
      public boolean hasNext() {
        return taken < n && in.hasNext();
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        taken++;
        return in.next();
      }
    };
  }

  private static Iterator<String> concat(Iterator<String> first, Iterator<String> second) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return first.hasNext() || second.hasNext();
      }

      @Override
      public String next() {
        return first.hasNext() ? first.next() : second.next();
      }
    };
  }
}
