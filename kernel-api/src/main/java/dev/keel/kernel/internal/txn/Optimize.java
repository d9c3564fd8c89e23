package dev.keel.kernel.internal.txn;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.MaintenanceProgress;
import dev.keel.kernel.MaintenanceResult;
import dev.keel.kernel.Operation;
import dev.keel.kernel.OptimizeBuilder;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.scan.DataFilePaths;
import dev.keel.kernel.internal.scan.ScanFileCodec;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.snapshot.SnapshotLoader;
import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Optimize: compacts a table's small files (and files with deletion vectors) per partition into
 * files near a target size, optionally ordering each partition's rows along a Z-order curve, in one
 * {@code OPTIMIZE} commit that changes no data.
 */
public final class Optimize {
  private Optimize() {}

  /**
   * @return a builder of an optimize of the table at {@code tablePath}
   */
  public static OptimizeBuilder builder(String tablePath) {
    return new Builder(
        tablePath,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        List.of(),
        MaintenanceProgress.NONE);
  }

  private record Builder(
      String tablePath,
      Optional<Predicate> partitionFilter,
      OptionalLong targetFileSize,
      OptionalLong minFileSize,
      List<String> zOrderBy,
      MaintenanceProgress progress)
      implements OptimizeBuilder {
    @Override
    public OptimizeBuilder withPartitionFilter(Predicate filter) {
      return new Builder(
          tablePath,
          Optional.of(requireNonNull(filter, "partitionFilter")),
          targetFileSize,
          minFileSize,
          zOrderBy,
          progress);
    }

    @Override
    public OptimizeBuilder withTargetFileSize(long bytes) {
      return new Builder(
          tablePath,
          partitionFilter,
          OptionalLong.of(positive("targetFileSize", bytes)),
          minFileSize,
          zOrderBy,
          progress);
    }

    @Override
    public OptimizeBuilder withMinFileSize(long bytes) {
      return new Builder(
          tablePath,
          partitionFilter,
          targetFileSize,
          OptionalLong.of(positive("minFileSize", bytes)),
          zOrderBy,
          progress);
    }

    @Override
    public OptimizeBuilder zOrderBy(List<String> columns) {
      return new Builder(
          tablePath, partitionFilter, targetFileSize, minFileSize, List.copyOf(columns), progress);
    }

    @Override
    public OptimizeBuilder withProgress(MaintenanceProgress listener) {
      return new Builder(
          tablePath,
          partitionFilter,
          targetFileSize,
          minFileSize,
          zOrderBy,
          requireNonNull(listener, "progress"));
    }

    @Override
    public MaintenanceResult execute(Engine engine) {
      return optimize(engine, this);
    }

    private static long positive(String name, long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException(name + " must be positive, got " + bytes);
      }
      return bytes;
    }
  }

  private static MaintenanceResult optimize(Engine engine, Builder options) {
    String tablePath = options.tablePath;
    Optional<Predicate> partitionFilter = options.partitionFilter;
    // refused up front when Keel does not write the table, even when there is nothing to compact
    new TransactionBuilderImpl(tablePath, TableMaintenance.ENGINE_INFO, Operation.OPTIMIZE)
        .build(engine);
    SnapshotImpl latest = SnapshotLoader.latest(engine, tablePath);
    long targetFileSize =
        options.targetFileSize.orElse(
            dev.keel.kernel.TableProperties.of(latest.getProperties()).getTargetFileSize());
    long minFileSize = options.minFileSize.orElse(targetFileSize);
    if (minFileSize > targetFileSize) {
      throw new IllegalArgumentException(
          "minFileSize ("
              + minFileSize
              + " bytes) must not exceed the target file size ("
              + targetFileSize
              + " bytes): files between the two would be compacted into bins that cannot hold"
              + " two of them");
    }
    List<String> partitionColumns = latest.getPartitionColumns();
    if (partitionFilter.isPresent()
        && !partitionColumns.containsAll(
            dev.keel.kernel.internal.scan.Filters.topLevelColumns(partitionFilter.get()))) {
      throw Errors.notAPartitionPredicate(partitionFilter.get(), partitionColumns);
    }
    int[] zColumns = zOrderColumns(latest, options.zOrderBy);
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
                || ScanFile.getSize(r) < minFileSize
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
      return new MaintenanceResultImpl("OPTIMIZE", Optional.empty(), List.of(), 0, 0, 0, false, 0);
    }
    TransactionImpl t =
        (TransactionImpl)
            new TransactionBuilderImpl(tablePath, TableMaintenance.ENGINE_INFO, Operation.OPTIMIZE)
                .build(engine);
    t.rearrangeOnly();
    // rewritten rows keep their row ids and commit versions in the materialized columns
    List<dev.keel.kernel.types.StructField> materialized =
        RowIds.materializedColumns(t.protocol(), latest.getProperties());
    if (RowIds.isSupported(t.protocol()) && materialized.isEmpty()) {
      t.rowsCopied(); // no materialized columns named: fresh row ids (recorded as not preserved)
    }
    List<dev.keel.kernel.types.StructField> dataFields = new ArrayList<>();
    for (dev.keel.kernel.types.StructField f : latest.getSchema().getFields()) {
      if (!partitionColumns.contains(f.getName())) {
        dataFields.add(f);
      }
    }
    if (!materialized.isEmpty()) {
      dataFields.addAll(RowIds.READ_COLUMNS);
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
    long totalBytes = 0;
    for (List<Row> bin : bins) {
      totalBytes += bin.stream().mapToLong(ScanFile::getSize).sum();
    }
    options.progress.update("rewrite", 0, totalBytes);
    for (List<Row> bin : bins) {
      partitions.add(partitionKey(bin.get(0)));
      CloseableIterator<dev.keel.kernel.data.ColumnarBatch> rows =
          CloseableIterator.of(bin)
              .flatMap(f -> dev.keel.kernel.internal.scan.ScanFileReader.read(engine, dataState, f))
              .map(Optimize::selectedRows);
      List<dev.keel.kernel.AddFile> written =
          zColumns.length == 0
              ? DataWriter.write(
                  engine, t.getState(), partitionValues(latest, bin.get(0)), rows, materialized)
              : writeZOrdered(engine, t, latest, bin, rows, zColumns, targetFileSize, materialized);
      for (Row f : bin) {
        t.remove(f);
        paths.add(DataFilePaths.absolute(tablePath, ScanFile.getPath(f)));
        bytes += ScanFile.getSize(f);
        removed++;
      }
      t.addFiles(written);
      added += written.size();
      options.progress.update("rewrite", bytes, totalBytes);
    }
    long committed = t.commit(engine).getVersion();
    return new MaintenanceResultImpl(
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
      long targetFileSize,
      List<dev.keel.kernel.types.StructField> materialized) {
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
                CloseableIterator.of(List.of(chunk)),
                materialized));
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
