package dev.keel.kernel.internal.scan;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.PredicateEvaluator;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.Values;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.ProjectedStructVector;
import dev.keel.kernel.internal.data.RetypedColumnVector;
import dev.keel.kernel.internal.data.StructOfVectors;
import dev.keel.kernel.internal.metrics.Reports;
import dev.keel.kernel.internal.replay.FileReplay;
import dev.keel.kernel.internal.snapshot.SnapshotImpl;
import dev.keel.kernel.internal.types.StructPaths;
import dev.keel.kernel.internal.util.Iterators;
import dev.keel.kernel.internal.util.ReadAhead;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A planned scan: read schema, filter split into partition pruning and the remaining filter. */
public final class ScanImpl implements Scan {
  /** How many batches each data file read in the background may be ahead of the caller. */
  private static final int READ_AHEAD_BATCHES = 2;

  private final SnapshotImpl snapshot;
  private final StructType readSchema;
  private final Optional<Predicate> filter;
  private final ScanState state;
  private final Optional<Predicate> partitionFilter;
  private final Optional<Predicate> remainingFilter;
  private final StructType partitionSchema;
  private final Optional<Predicate> skippingPredicate;
  private final StructType statsSchema;
  private final boolean fileStatistics;

  /**
   * The typed statistics' schema as the JSON names them, and under logical names; null when not
   * asked for.
   */
  private final StructType[] typedStatistics;

  ScanImpl(
      SnapshotImpl snapshot,
      StructType readSchema,
      Optional<Predicate> filter,
      boolean fileStatistics,
      boolean typedStatistics) {
    this.snapshot = snapshot;
    this.fileStatistics = fileStatistics;
    this.readSchema = readSchema;
    this.filter = filter;
    ColumnMapping.Mode mode = ColumnMapping.mode(snapshot.getProperties());
    StructType tableSchema = snapshot.getSchema();
    Map<String, String> partitionPhysical = new LinkedHashMap<>();
    List<StructField> partitionFields = new ArrayList<>();
    for (String p : snapshot.getPartitionColumns()) {
      int i = tableSchema.indexOfIgnoreCase(p);
      StructField f =
          i >= 0
              ? tableSchema.at(i)
              : new StructField(p, dev.keel.kernel.types.DataTypes.STRING, true);
      partitionPhysical.put(f.getName(), ColumnMapping.physicalName(f, mode));
      partitionFields.add(f);
    }
    this.partitionSchema = new StructType(partitionFields);
    List<StructField> dataFields = new ArrayList<>();
    java.util.Set<String> roles = new java.util.HashSet<>();
    for (StructField f : readSchema.getFields()) {
      String role = RowTracking.roleKey(f);
      if (role != null) {
        roles.add(role);
      } else if (!partitionPhysical.containsKey(f.getName())) {
        dataFields.add(f);
      }
    }
    StructType physical = ColumnMapping.toPhysical(new StructType(dataFields), mode);
    physical = RowTracking.withPhysicalColumns(physical, roles, snapshot.getProperties());
    this.state =
        Values.make().scanState(snapshot.getTablePath(), readSchema, physical, partitionPhysical);
    this.partitionFilter =
        filter.flatMap(f -> Filters.partitionPart(f, partitionPhysical.keySet()));
    this.remainingFilter = filter.flatMap(f -> Filters.dataPart(f, partitionPhysical.keySet()));
    DataSkipping skipping = new DataSkipping(tableSchema, mode);
    this.skippingPredicate = remainingFilter.flatMap(skipping::rewrite);
    this.statsSchema = skipping.statsSchema();
    this.typedStatistics =
        typedStatistics
            ? new DataSkipping(tableSchema, mode).typedStatisticsSchemas(new StructType(dataFields))
            : null;
  }

  @Override
  public Optional<Predicate> getRemainingFilter() {
    return remainingFilter;
  }

  @Override
  public ScanState getScanState() {
    return state;
  }

  @Override
  public CloseableIterator<FilteredColumnarBatch> getScanFiles(Engine engine) {
    long start = System.nanoTime();
    boolean counting = Reports.wanted(engine);
    long[] counts = new long[4]; // considered, pruned by partition, skipped by statistics, returned
    List<AutoCloseable> evaluators = new ArrayList<>();
    CloseableIterator<FilteredColumnarBatch> files =
        snapshot.getFiles(
            engine,
            structuredStatsSchema(),
            fileStatistics || skippingPredicate.isPresent() || typedStatistics != null);
    files = applyFilters(engine, files, counting, counts, evaluators);
    if (typedStatistics != null) {
      files = files.map(b -> withTypedStatistics(engine, b));
    }
    files = files.map(ScanImpl::withoutStructuredStatistics);
    return Iterators.onClose(
        files,
        complete -> {
          Iterators.closeAll(evaluators);
          if (counting) {
            long considered = counts[0];
            long afterPruning = partitionFilter.isPresent() ? counts[1] : considered;
            long returned = skippingPredicate.isPresent() ? counts[2] : afterPruning;
            Reports.emit(
                engine,
                new Reports.Scan(
                    snapshot.getTablePath(),
                    snapshot.getVersion(),
                    considered,
                    considered - afterPruning,
                    afterPruning - returned,
                    returned,
                    System.nanoTime() - start,
                    complete));
          }
        });
  }

  /**
   * The batch with its typed statistics appended: the stats JSON of its selected files parsed once.
   */
  /**
   * The shape of a checkpoint's {@code stats_parsed} worth reading: the columns data skipping needs
   * and those of the typed statistics; empty when neither is asked for.
   */
  private Optional<StructType> structuredStatsSchema() {
    if (typedStatistics == null) {
      return skippingPredicate.isPresent() ? Optional.of(statsSchema) : Optional.empty();
    }
    return Optional.of(
        skippingPredicate.isPresent()
            ? StructPaths.merge(statsSchema, typedStatistics[0])
            : typedStatistics[0]);
  }

  /**
   * The batch with its typed statistics appended: taken from a checkpoint's {@code stats_parsed}
   * where it has them for every file of the batch that has statistics, else parsed once from the
   * statistics JSON of the selected files.
   */
  private FilteredColumnarBatch withTypedStatistics(Engine engine, FilteredColumnarBatch files) {
    ColumnarBatch data = files.getData();
    ColumnVector json = data.getColumnVector(ScanFile.STATS);
    StructType logical = typedStatistics[1];
    int structured = data.getSchema().indexOf(FileReplay.STATS_PARSED);
    List<ColumnVector> children = new ArrayList<>();
    AutoCloseable owned;
    if (structured >= 0 && coversEveryFileWithStatistics(files, data.getColumnVector(structured))) {
      ColumnVector parsed =
          ProjectedStructVector.of(data.getColumnVector(structured), typedStatistics[0]);
      for (int i = 0; i < logical.length(); i++) {
        children.add(RetypedColumnVector.of(parsed.getChild(i), logical.at(i).getDataType()));
      }
      owned = () -> {}; // the vectors belong to the batch
    } else {
      ColumnarBatch parsed;
      try {
        parsed =
            engine.getJsonHandler().parseJson(json, typedStatistics[0], files.getSelectionVector());
      } catch (RuntimeException e) {
        files.close();
        throw e;
      }
      for (int i = 0; i < logical.length(); i++) {
        children.add(
            RetypedColumnVector.of(parsed.getColumnVector(i), logical.at(i).getDataType()));
      }
      owned = parsed;
    }
    ColumnVector stats = new StructOfVectors(logical, children, data.getSize(), json, owned);
    return new FilteredColumnarBatch(
        data.withNewColumn(
            data.getSchema().length(),
            new StructField(ScanFile.TYPED_STATISTICS, logical, true),
            stats),
        files.getSelectionVector());
  }

  /** Whether every selected file with statistics has them structured too. */
  private static boolean coversEveryFileWithStatistics(
      FilteredColumnarBatch files, ColumnVector structured) {
    ColumnVector json = files.getData().getColumnVector(ScanFile.STATS);
    for (int i = 0; i < files.getData().getSize(); i++) {
      if (files.isSelected(i) && !json.isNullAt(i) && structured.isNullAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Drops the checkpoint's structured statistics column, used inside the scan only. */
  private static FilteredColumnarBatch withoutStructuredStatistics(FilteredColumnarBatch files) {
    int structured = files.getData().getSchema().indexOf(FileReplay.STATS_PARSED);
    if (structured < 0) {
      return files;
    }
    return new FilteredColumnarBatch(
        files.getData().withDeletedColumnAt(structured), files.getSelectionVector());
  }

  /**
   * Applies this scan's partition pruning and data skipping to batches of scan files (rows of
   * {@link ScanFile#SCHEMA}, from a snapshot's listing or a commit's adds) and drops batches left
   * with no file. The evaluators it opens go into {@code evaluators}, for the caller to close.
   */
  private CloseableIterator<FilteredColumnarBatch> applyFilters(
      Engine engine,
      CloseableIterator<FilteredColumnarBatch> files,
      boolean counting,
      long[] counts,
      List<AutoCloseable> evaluators) {
    try {
      if (counting) {
        files = files.map(b -> count(counts, 0, b));
      }
      if (partitionFilter.isPresent()) {
        PredicateEvaluator evaluator =
            engine
                .getExpressionHandler()
                .getPredicateEvaluator(partitionSchema, partitionFilter.get());
        evaluators.add(evaluator);
        files = files.map(b -> prune(evaluator, b));
        if (counting) {
          files = files.map(b -> count(counts, 1, b));
        }
      }
      if (skippingPredicate.isPresent()) {
        PredicateEvaluator evaluator =
            engine
                .getExpressionHandler()
                .getPredicateEvaluator(statsSchema, skippingPredicate.get());
        evaluators.add(evaluator);
        files = files.map(b -> skip(engine, evaluator, b));
        if (counting) {
          files = files.map(b -> count(counts, 2, b));
        }
      }
    } catch (RuntimeException e) {
      Iterators.closeAll(evaluators);
      files.close();
      throw e;
    }
    if (partitionFilter.isPresent() || skippingPredicate.isPresent()) {
      files =
          files.filter(
              b -> {
                if (b.getSelectedCount() == 0) {
                  b.close();
                  return false;
                }
                return true;
              });
    }
    return files;
  }

  /**
   * This scan's partition pruning and data skipping over other batches of scan files than the
   * snapshot's listing (a streaming read's new files). Statistics come from each file's {@code
   * stats} JSON.
   *
   * @param files batches of {@link ScanFile#SCHEMA} rows; closed with the result
   * @return the files the filter may match; the caller closes the iterator and each batch
   */
  public CloseableIterator<FilteredColumnarBatch> filterFiles(
      Engine engine, CloseableIterator<FilteredColumnarBatch> files) {
    List<AutoCloseable> evaluators = new ArrayList<>();
    return Iterators.onClose(
        applyFilters(engine, files, false, new long[4], evaluators),
        complete -> Iterators.closeAll(evaluators));
  }

  /** Adds a batch's selected files to {@code counts[slot]}. */
  private static FilteredColumnarBatch count(long[] counts, int slot, FilteredColumnarBatch files) {
    counts[slot] += files.getSelectedCount();
    return files;
  }

  /**
   * Data skipping: parses the stats of the selected files and keeps those the statistics do not
   * rule out.
   */
  private FilteredColumnarBatch skip(
      Engine engine, PredicateEvaluator evaluator, FilteredColumnarBatch files) {
    ColumnarBatch data = files.getData();
    ColumnVector selection;
    try (ColumnarBatch stats =
        engine
            .getJsonHandler()
            .parseJson(
                data.getColumnVector(ScanFile.STATS), statsSchema, files.getSelectionVector())) {
      selection = evaluator.eval(stats, files.getSelectionVector());
    }
    files.getSelectionVector().ifPresent(ColumnVector::close);
    return new FilteredColumnarBatch(data, Optional.of(selection));
  }

  /** Evaluates the partition filter on each file's typed partition values. */
  private FilteredColumnarBatch prune(PredicateEvaluator evaluator, FilteredColumnarBatch files) {
    ColumnarBatch data = files.getData();
    int n = data.getSize();
    ColumnVector partitionValues = data.getColumnVector(ScanFile.PARTITION_VALUES);
    List<ColumnVector> columns = new ArrayList<>();
    for (StructField f : partitionSchema.getFields()) {
      String physical = state.getPartitionPhysicalNames().get(f.getName());
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        if (files.isSelected(i) && !partitionValues.isNullAt(i)) {
          Literal l =
              PartitionValues.parse(
                  f.getName(),
                  lookup(partitionValues.getMap(i), physical, f.getName()),
                  f.getDataType(),
                  data.getColumnVector(ScanFile.PATH).getString(i));
          values[i] = l.getValue().orElse(null);
        }
      }
      columns.add(new dev.keel.kernel.internal.data.ObjectVector(f.getDataType(), values));
    }
    ColumnVector selection;
    try (ColumnarBatch partitionBatch =
        new Batches.VectorBatch(partitionSchema, columns, n, List.of())) {
      selection = evaluator.eval(partitionBatch, files.getSelectionVector());
    }
    files.getSelectionVector().ifPresent(ColumnVector::close);
    return new FilteredColumnarBatch(data, Optional.of(selection));
  }

  private static String lookup(MapValue m, String physical, String logical) {
    String fallback = null;
    for (int j = 0; j < m.getSize(); j++) {
      String key = m.getKeys().getString(j);
      if (key.equals(physical)) {
        return m.getValues().isNullAt(j) ? null : m.getValues().getString(j);
      }
      if (key.equals(logical)) {
        fallback = m.getValues().isNullAt(j) ? null : m.getValues().getString(j);
      }
    }
    return fallback;
  }

  @Override
  public CloseableIterator<FilteredColumnarBatch> readData(Engine engine) {
    long start = System.nanoTime();
    boolean counting = Reports.wanted(engine);
    AtomicLong files = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong rows = new AtomicLong();
    // Scan files are copied out of their batches (which are closed at once), so files of several
    // batches can be read at the same time.
    CloseableIterator<Row> scanFiles =
        getScanFiles(engine)
            .flatMap(
                batch -> {
                  List<Row> detached = new ArrayList<>();
                  try (batch;
                      CloseableIterator<Row> selected = batch.getRows()) {
                    selected.forEachRemaining(r -> detached.add(ScanFileCodec.detach(r)));
                  }
                  return CloseableIterator.of(detached);
                });
    java.util.function.Function<Row, CloseableIterator<FilteredColumnarBatch>> read =
        f -> {
          if (counting) {
            files.incrementAndGet();
            bytes.addAndGet(f.getLong(ScanFile.SIZE));
          }
          return ScanFileReader.read(engine, state, f);
        };
    int parallelism = engine.getDataReadParallelism();
    CloseableIterator<FilteredColumnarBatch> data =
        parallelism <= 1
            ? scanFiles.flatMap(read)
            : ReadAhead.interleaved(
                engine.getExecutor(), scanFiles, parallelism, READ_AHEAD_BATCHES, read);
    if (!counting) {
      return data;
    }
    data =
        data.map(
            b -> {
              rows.addAndGet(b.getSelectedCount());
              return b;
            });
    return Iterators.onClose(
        data,
        complete ->
            Reports.emit(
                engine,
                new Reports.DataRead(
                    snapshot.getTablePath(),
                    snapshot.getVersion(),
                    files.get(),
                    rows.get(),
                    bytes.get(),
                    System.nanoTime() - start)));
  }

  @Override
  public String toString() {
    return "Scan{table="
        + snapshot.getTablePath()
        + ", version="
        + snapshot.getVersion()
        + ", readSchema="
        + readSchema
        + ", filter="
        + filter.map(Object::toString).orElse("none")
        + "}";
  }
}
