package dev.keel.kernel.internal.txn;

import dev.keel.kernel.MaintenanceResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.TableProperties;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.deletionvectors.DeletionVectors;
import dev.keel.kernel.internal.log.FileNames;
import dev.keel.kernel.internal.replay.Tombstones;
import dev.keel.kernel.internal.scan.DataFilePaths;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Table maintenance that needs no data rewritten: restore (one commit re-adding and removing
 * files), repair (one commit removing entries whose files are gone), vacuum (deleting files no
 * version within the retention needs) and log cleanup (deleting log files a later checkpoint
 * covers, older than the log retention).
 */
public final class TableMaintenance {
  private TableMaintenance() {}

  private static final String ENGINE_INFO = "keel-maintenance";

  /** A result of one operation. */
  private record Result(
      String getOperation,
      Optional<Long> getVersion,
      List<String> getPaths,
      long getFilesAdded,
      long getFilesRemoved,
      long getBytes,
      boolean isDryRun,
      long getPartitionsTouched)
      implements MaintenanceResult {
    Result(
        String operation,
        Optional<Long> version,
        List<String> paths,
        long added,
        long removed,
        long bytes,
        boolean dryRun) {
      this(operation, version, paths, added, removed, bytes, dryRun, 0);
    }
  }

  /** The live files of a snapshot by key (path and deletion vector), detached. */
  private static Map<String, Row> liveFiles(Engine engine, SnapshotImpl snapshot) {
    Map<String, Row> out = new LinkedHashMap<>();
    try (CloseableIterator<FilteredColumnarBatch> files = snapshot.getFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = ScanFileCodec.detach(rows.next());
            out.put(key(snapshot.getTablePath(), r), r);
          }
        }
      }
    }
    return out;
  }

  private static String key(String tablePath, Row file) {
    String dv =
        file.isNullAt(ScanFile.DELETION_VECTOR)
            ? ""
            : Json.toJson(
                ScanFileCodec.toMap(
                    file.getStruct(ScanFile.DELETION_VECTOR), ScanFile.DELETION_VECTOR_SCHEMA));
    return DataFilePaths.absolute(tablePath, ScanFile.getPath(file)) + "\u0000" + dv;
  }

  private static boolean exists(Engine engine, String path) {
    try {
      engine.getFileSystemClient().getFileStatus(path);
      return true;
    } catch (FileNotFoundException | NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw Errors.engineFailure("read the status of", path, e);
    }
  }

  /** See {@code Table.restore}. */
  public static MaintenanceResult restore(Engine engine, String tablePath, long version) {
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    if (version == latest.getVersion()) {
      return new Result("RESTORE", Optional.empty(), List.of(), 0, 0, 0, false);
    }
    if (version > latest.getVersion()) {
      throw Errors.versionAfterLatest(tablePath, version, 0, latest.getVersion());
    }
    SnapshotImpl target = SnapshotLoader.atVersion(engine, latest, version);
    Map<String, Row> now = liveFiles(engine, latest);
    Map<String, Row> then = liveFiles(engine, target);
    List<Row> toAdd = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Row> e : then.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        toAdd.add(e.getValue());
        String path = DataFilePaths.absolute(tablePath, ScanFile.getPath(e.getValue()));
        if (!exists(engine, path)) {
          missing.add(path);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new KernelException(
          "Cannot restore `"
              + tablePath
              + "` to version "
              + version
              + ": "
              + missing.size()
              + " data file(s) of that version no longer exist (vacuumed?), e.g. `"
              + missing.get(0)
              + "`. Restore a later version.");
    }
    TransactionImpl t =
        (TransactionImpl)
            new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.RESTORE).build(engine);
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    long removed = 0;
    for (Map.Entry<String, Row> e : now.entrySet()) {
      if (!then.containsKey(e.getKey())) {
        t.remove(e.getValue());
        paths.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(e.getValue())));
        bytes += ScanFile.getSize(e.getValue());
        removed++;
      }
    }
    for (Row r : toAdd) {
      Map<String, Object> add = ScanFileCodec.toMap(r, ScanFile.SCHEMA);
      add.put("dataChange", true);
      t.addAction(add);
      paths.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(r)));
      bytes += ScanFile.getSize(r);
    }
    long committed = t.commit(engine).getVersion();
    return new Result(
        "RESTORE", Optional.of(committed), paths, toAdd.size(), removed, bytes, false);
  }

  /** See {@code Table.repair}. */
  public static MaintenanceResult repair(Engine engine, String tablePath, boolean dryRun) {
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    List<Row> gone = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    for (Row r : liveFiles(engine, latest).values()) {
      String path = DataFilePaths.absolute(tablePath, ScanFile.getPath(r));
      if (!exists(engine, path)) {
        gone.add(r);
        paths.add(path);
        bytes += ScanFile.getSize(r);
      }
    }
    if (dryRun || gone.isEmpty()) {
      return new Result("FSCK", Optional.empty(), paths, 0, gone.size(), bytes, dryRun);
    }
    TransactionImpl t =
        (TransactionImpl)
            new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.FSCK).build(engine);
    gone.forEach(t::remove);
    long committed = t.commit(engine).getVersion();
    return new Result("FSCK", Optional.of(committed), paths, 0, gone.size(), bytes, false);
  }

  /** See {@code Table.vacuum}. */
  @SuppressWarnings("unchecked")
  public static MaintenanceResult vacuum(
      Engine engine,
      String tablePath,
      Optional<Duration> retention,
      boolean dryRun,
      boolean force) {
    // only a writer that understands every writer feature may delete files (PROTOCOL.md,
    // "Vacuum Protocol Check"): the same check a write makes
    new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.MANUAL_UPDATE).build(engine);
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    long tableRetention =
        TableProperties.of(latest.getProperties()).getDeletedFileRetentionMillis();
    long retain = retention.map(Duration::toMillis).orElse(tableRetention);
    if (retain < 0) {
      throw new IllegalArgumentException("retention must not be negative: " + retention.get());
    }
    if (retain < tableRetention && !force) {
      throw new KernelException(
          "Cannot vacuum `"
              + tablePath
              + "` keeping removed files for "
              + Duration.ofMillis(retain)
              + ": the table keeps them for "
              + Duration.ofMillis(tableRetention)
              + " (delta.deletedFileRetentionDuration), and readers of older versions or writers"
              + " still committing may need them. Force it if no one does.");
    }
    long cutoff = System.currentTimeMillis() - retain;
    Set<String> needed = new HashSet<>();
    for (Row r : liveFiles(engine, latest).values()) {
      needed.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(r)));
      if (!r.isNullAt(ScanFile.DELETION_VECTOR)) {
        Row dv = r.getStruct(ScanFile.DELETION_VECTOR);
        if (!"i".equals(dv.getString(0))) {
          needed.add(DeletionVectors.filePath(tablePath, dv.getString(0), dv.getString(1)));
        }
      }
    }
    try (CloseableIterator<String> tombstones =
        Tombstones.live(engine, latest.getLogSegment(), cutoff)) {
      while (tombstones.hasNext()) {
        Map<String, Object> remove =
            (Map<String, Object>)
                ((Map<String, Object>) Json.parse(tombstones.next())).get("remove");
        needed.add(DataFilePaths.absolute(tablePath, (String) remove.get("path")));
        if (remove.get("deletionVector") instanceof Map) {
          Map<String, Object> dv = (Map<String, Object>) remove.get("deletionVector");
          if (!"i".equals(dv.get("storageType"))) {
            needed.add(
                DeletionVectors.filePath(
                    tablePath, (String) dv.get("storageType"), (String) dv.get("pathOrInlineDv")));
          }
        }
      }
    }
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    String root = tablePath + "/";
    try (CloseableIterator<FileStatus> all =
        engine.getFileSystemClient().listRecursively(tablePath)) {
      while (all.hasNext()) {
        FileStatus f = all.next();
        String relative =
            f.getPath().startsWith(root) ? f.getPath().substring(root.length()) : f.getPath();
        if (hidden(relative) || needed.contains(f.getPath()) || f.getModificationTime() >= cutoff) {
          continue;
        }
        paths.add(f.getPath());
        bytes += f.getSize();
      }
    } catch (IOException e) {
      throw Errors.engineFailure("list", tablePath, e);
    }
    if (!dryRun) {
      for (String p : paths) {
        try {
          engine.getFileSystemClient().delete(p);
        } catch (IOException e) {
          throw Errors.engineFailure("delete", p, e);
        }
      }
    }
    return new Result("VACUUM", Optional.empty(), paths, 0, paths.size(), bytes, dryRun);
  }

  /**
   * Files vacuum never touches: the log, and files or directories whose name starts with {@code _}
   * or {@code .}, except change data ({@code _change_data}); partition directories ({@code
   * name=value}) are searched.
   */
  private static boolean hidden(String relative) {
    if (relative.startsWith(FileNames.LOG_DIR + "/")) {
      return true;
    }
    for (String part : relative.split("/")) {
      if ((part.startsWith("_") && !part.equals("_change_data") && !part.contains("="))
          || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** See {@code Table.cleanUpLog}. */
  public static MaintenanceResult cleanUpLog(Engine engine, String tablePath) {
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    long cutoff =
        System.currentTimeMillis()
            - TableProperties.of(latest.getProperties()).getLogRetentionMillis();
    String logDir = FileNames.logDir(tablePath);
    List<FileStatus> files = new ArrayList<>();
    try (CloseableIterator<FileStatus> it =
        engine.getFileSystemClient().listFrom(FileNames.listingPrefix(logDir, 0))) {
      it.forEachRemaining(files::add);
    } catch (IOException e) {
      throw Errors.engineFailure("list", logDir, e);
    }
    // the newest complete checkpoint whose files are all older than the retention: everything
    // before its version can go, as no version within the retention is rebuilt from before it
    long keepFrom = -1;
    Map<Long, List<FileStatus>> checkpoints = new java.util.TreeMap<>();
    for (FileStatus f : files) {
      FileNames.Parsed p = FileNames.parse(f.getName());
      if (p.kind == FileNames.Kind.CLASSIC_CHECKPOINT
          || p.kind == FileNames.Kind.MULTIPART_CHECKPOINT
          || p.kind == FileNames.Kind.V2_CHECKPOINT) {
        checkpoints.computeIfAbsent(p.version, v -> new ArrayList<>()).add(f);
      }
    }
    for (Map.Entry<Long, List<FileStatus>> c : checkpoints.entrySet()) {
      if (c.getKey() <= latest.getVersion()
          && c.getValue().stream().allMatch(f -> f.getModificationTime() < cutoff)) {
        keepFrom = c.getKey();
      }
    }
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    if (keepFrom > 0) {
      for (FileStatus f : files) {
        FileNames.Parsed p = FileNames.parse(f.getName());
        boolean logFile = p.kind != FileNames.Kind.OTHER;
        if (logFile && p.version < keepFrom && f.getModificationTime() < cutoff) {
          paths.add(f.getPath());
          bytes += f.getSize();
        }
      }
      for (String p : paths) {
        try {
          engine.getFileSystemClient().delete(p);
        } catch (IOException e) {
          throw Errors.engineFailure("delete", p, e);
        }
      }
    }
    return new Result("CLEANUP LOG", Optional.empty(), paths, 0, paths.size(), bytes, false);
  }

  /** See {@code Table.optimize}. */
  public static MaintenanceResult optimize(
      Engine engine,
      String tablePath,
      Optional<dev.keel.kernel.expressions.Predicate> partitionFilter,
      OptionalLong requestedFileSize,
      List<String> zOrderBy) {
    if (requestedFileSize.isPresent() && requestedFileSize.getAsLong() < 1) {
      throw new IllegalArgumentException(
          "targetFileSize must be positive, got " + requestedFileSize.getAsLong());
    }
    // refused up front when Keel does not write the table, even when there is nothing to compact
    new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.OPTIMIZE).build(engine);
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    long targetFileSize =
        requestedFileSize.orElse(
            dev.keel.kernel.TableProperties.of(latest.getProperties()).getTargetFileSize());
    List<String> partitionColumns = latest.getPartitionColumns();
    if (partitionFilter.isPresent()
        && !partitionColumns.containsAll(
            dev.keel.kernel.internal.scan.Filters.topLevelColumns(partitionFilter.get()))) {
      throw Errors.notAPartitionPredicate(partitionFilter.get(), partitionColumns);
    }
    int[] zColumns = zOrderColumns(latest, zOrderBy);
    // the small files (and files with deletion vectors) of each partition; with Z-order, all
    dev.keel.kernel.ScanBuilder sb = latest.getScanBuilder().withFileStatistics(false);
    if (partitionFilter.isPresent()) {
      sb = sb.withFilter(partitionFilter.get());
    }
    Map<String, List<Row>> byPartition = new LinkedHashMap<>();
    try (CloseableIterator<FilteredColumnarBatch> files = sb.build().getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch b = files.next();
            CloseableIterator<Row> rows = b.getRows()) {
          while (rows.hasNext()) {
            Row r = ScanFileCodec.detach(rows.next());
            if (zColumns.length > 0
                || ScanFile.getSize(r) < targetFileSize
                || !r.isNullAt(ScanFile.DELETION_VECTOR)) {
              byPartition.computeIfAbsent(partitionKey(r), k -> new ArrayList<>()).add(r);
            }
          }
        }
      }
    }
    List<List<Row>> bins = new ArrayList<>();
    for (List<Row> files : zColumns.length > 0 ? List.<List<Row>>of() : byPartition.values()) {
      files.sort(java.util.Comparator.comparingLong(ScanFile::getSize));
      List<Row> bin = new ArrayList<>();
      long size = 0;
      for (Row f : files) {
        if (!bin.isEmpty() && size + ScanFile.getSize(f) > targetFileSize) {
          bins.add(bin);
          bin = new ArrayList<>();
          size = 0;
        }
        bin.add(f);
        size += ScanFile.getSize(f);
      }
      bins.add(bin);
    }
    bins.removeIf(
        b -> b.size() < 2 && (b.isEmpty() || b.get(0).isNullAt(ScanFile.DELETION_VECTOR)));
    if (zColumns.length > 0) {
      bins.addAll(byPartition.values()); // every file of each partition, ordered together
    }
    if (bins.isEmpty()) {
      return new Result("OPTIMIZE", Optional.empty(), List.of(), 0, 0, 0, false, 0);
    }
    TransactionImpl t =
        (TransactionImpl)
            new TransactionBuilderImpl(tablePath, ENGINE_INFO, Operation.OPTIMIZE).build(engine);
    t.rearrangeOnly();
    if (RowIds.isSupported(t.protocol())) {
      t.rowsCopied(); // rewritten rows get fresh row ids (recorded as not preserved)
    }
    List<dev.keel.kernel.types.StructField> dataFields = new ArrayList<>();
    for (dev.keel.kernel.types.StructField f : latest.getSchema().getFields()) {
      if (!partitionColumns.contains(f.getName())) {
        dataFields.add(f);
      }
    }
    dev.keel.kernel.ScanState dataState =
        latest
            .getScanBuilder()
            .withReadSchema(new dev.keel.kernel.types.StructType(dataFields))
            .build()
            .getScanState();
    List<String> paths = new ArrayList<>();
    long bytes = 0;
    long added = 0;
    long removed = 0;
    Set<String> partitions = new HashSet<>();
    for (List<Row> bin : bins) {
      partitions.add(partitionKey(bin.get(0)));
      CloseableIterator<dev.keel.kernel.data.ColumnarBatch> rows =
          CloseableIterator.of(bin)
              .flatMap(f -> dev.keel.kernel.internal.scan.ScanFileReader.read(engine, dataState, f))
              .map(TableMaintenance::selectedRows);
      List<dev.keel.kernel.AddFile> written =
          zColumns.length == 0
              ? DataWriter.write(engine, t.getState(), partitionValues(latest, bin.get(0)), rows)
              : writeZOrdered(engine, t, latest, bin, rows, zColumns, targetFileSize);
      for (Row f : bin) {
        t.remove(f);
        paths.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(f)));
        bytes += ScanFile.getSize(f);
        removed++;
      }
      t.addFiles(written);
      added += written.size();
    }
    long committed = t.commit(engine).getVersion();
    return new Result(
        "OPTIMIZE", Optional.of(committed), paths, added, removed, bytes, false, partitions.size());
  }

  /** A scan file's partition values as a canonical key. */
  private static String partitionKey(Row scanFile) {
    Object pv = ScanFileCodec.toMap(scanFile, ScanFile.SCHEMA).get("partitionValues");
    return Json.toJson(pv == null ? Map.of() : pv);
  }

  /** The ordinals (among the data columns) of the columns to Z-order by, checked. */
  private static int[] zOrderColumns(SnapshotImpl snapshot, List<String> names) {
    List<String> data = new ArrayList<>();
    for (dev.keel.kernel.types.StructField f : snapshot.getSchema().getFields()) {
      if (!snapshot.getPartitionColumns().contains(f.getName())) {
        data.add(f.getName());
      }
    }
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.indexOf(names.get(i));
      if (out[i] < 0) {
        throw new dev.keel.kernel.exceptions.InvalidExpressionException(
            "Cannot Z-order `"
                + snapshot.getTablePath()
                + "` by `"
                + names.get(i)
                + "`: it is not a data column of the table"
                + (snapshot.getPartitionColumns().contains(names.get(i))
                    ? " (partition columns are already grouped by partition)"
                    : "")
                + ". Data columns: "
                + data
                + ".");
      }
    }
    return out;
  }

  /**
   * Reads a partition's rows, orders them along the Z-order curve of the columns, and writes them
   * in files of about {@code targetFileSize} (estimated from the input's bytes per row).
   */
  private static List<dev.keel.kernel.AddFile> writeZOrdered(
      Engine engine,
      TransactionImpl t,
      SnapshotImpl snapshot,
      List<Row> files,
      CloseableIterator<dev.keel.kernel.data.ColumnarBatch> rows,
      int[] zColumns,
      long targetFileSize) {
    List<dev.keel.kernel.data.ColumnarBatch> input = new ArrayList<>();
    try {
      try (rows) {
        rows.forEachRemaining(input::add);
      }
      long totalRows = input.stream().mapToLong(dev.keel.kernel.data.ColumnarBatch::getSize).sum();
      if (totalRows == 0) {
        return List.of();
      }
      long bytes = files.stream().mapToLong(ScanFile::getSize).sum();
      long fileCount = Math.max(1, (bytes + targetFileSize - 1) / targetFileSize);
      int rowsPerFile = (int) Math.max(1, (totalRows + fileCount - 1) / fileCount);
      List<dev.keel.kernel.AddFile> out = new ArrayList<>();
      for (dev.keel.kernel.data.ColumnarBatch chunk : ZOrder.sort(input, zColumns, rowsPerFile)) {
        out.addAll(
            DataWriter.write(
                engine,
                t.getState(),
                partitionValues(snapshot, files.get(0)),
                CloseableIterator.of(List.of(chunk))));
      }
      return out;
    } finally {
      dev.keel.kernel.internal.util.Iterators.closeAll(input);
    }
  }

  /** A batch of only its selected rows; closing it closes the batch it shows. */
  private static dev.keel.kernel.data.ColumnarBatch selectedRows(FilteredColumnarBatch b) {
    dev.keel.kernel.data.ColumnarBatch data = b.getData();
    int n = data.getSize();
    int[] keep = new int[b.getSelectedCount()];
    for (int i = 0, k = 0; i < n; i++) {
      if (b.isSelected(i)) {
        keep[k++] = i;
      }
    }
    int[] columns = new int[data.getSchema().length()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = c;
    }
    dev.keel.kernel.data.ColumnarBatch view = data.view(columns, keep);
    List<dev.keel.kernel.data.ColumnVector> vectors = new ArrayList<>();
    for (int c = 0; c < columns.length; c++) {
      vectors.add(view.getColumnVector(c));
    }
    return new dev.keel.kernel.internal.data.Batches.VectorBatch(
        view.getSchema(), vectors, keep.length, List.of(b));
  }

  private static Map<String, dev.keel.kernel.expressions.Literal> partitionValues(
      SnapshotImpl snapshot, Row file) {
    Map<String, dev.keel.kernel.expressions.Literal> out = new java.util.HashMap<>();
    Map<String, String> raw = new java.util.HashMap<>();
    if (!file.isNullAt(ScanFile.PARTITION_VALUES)) {
      dev.keel.kernel.data.MapValue m = file.getMap(ScanFile.PARTITION_VALUES);
      for (int i = 0; i < m.getSize(); i++) {
        raw.put(
            m.getKeys().getString(i),
            m.getValues().isNullAt(i) ? null : m.getValues().getString(i));
      }
    }
    dev.keel.kernel.internal.scan.ColumnMapping.Mode mode =
        dev.keel.kernel.internal.scan.ColumnMapping.mode(snapshot.getProperties());
    for (String column : snapshot.getPartitionColumns()) {
      dev.keel.kernel.types.StructField f = snapshot.getSchema().get(column).orElseThrow();
      String physical = dev.keel.kernel.internal.scan.ColumnMapping.physicalName(f, mode);
      String value = raw.containsKey(physical) ? raw.get(physical) : raw.get(column);
      out.put(
          column,
          dev.keel.kernel.internal.scan.PartitionValues.parse(column, value, f.getDataType()));
    }
    return out;
  }
}
