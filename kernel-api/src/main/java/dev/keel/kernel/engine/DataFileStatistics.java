package dev.keel.kernel.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.stats.StatsCollector;
import dev.keel.kernel.types.StructType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-file statistics in the shape of Delta's {@code stats}: the row count, and per leaf column the
 * minimum, maximum and null count. A column without a min/max (all null, or a type without
 * ordering) is absent from those maps.
 */
@Evolving
public final class DataFileStatistics {
  private final long numRecords;
  private final Map<Column, Literal> minValues;
  private final Map<Column, Literal> maxValues;
  private final Map<Column, Long> nullCounts;

  /**
   * @param numRecords the number of rows
   * @param minValues minimum per column
   * @param maxValues maximum per column
   * @param nullCounts null count per column
   */
  /**
   * Starts collecting the statistics of one data file as an engine's Parquet writer writes its
   * batches, the way the default engine does: the row count, and for each requested leaf column
   * (top level or inside structs) the null count and, for ordered types (numbers, decimals,
   * strings, dates, timestamps), the exact minimum and maximum; NaN is left out of floating-point
   * bounds and strings compare by code point. Booleans, binaries and nested values get null counts
   * only.
   *
   * @param schema the schema of the batches
   * @param columns the leaf columns to collect for ({@code writeParquetFiles}' {@code
   *     statsColumns})
   * @return a collector for one file; not thread-safe
   * @throws dev.keel.kernel.exceptions.InvalidExpressionException if a column is not a field path
   *     of {@code schema}
   */
  public static Collector collector(StructType schema, List<Column> columns) {
    return new StatsCollector(schema, columns);
  }

  /** Accumulates the statistics of one file; see {@link #collector}. */
  public interface Collector {
    /**
     * Adds a batch's rows; the batch stays the caller's.
     *
     * @param batch rows of the collector's schema
     */
    void add(ColumnarBatch batch);

    /**
     * @return the statistics of the rows added so far
     */
    DataFileStatistics result();
  }

  public DataFileStatistics(
      long numRecords,
      Map<Column, Literal> minValues,
      Map<Column, Literal> maxValues,
      Map<Column, Long> nullCounts) {
    this.numRecords = numRecords;
    this.minValues =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(minValues, "minValues is null")));
    this.maxValues =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(maxValues, "maxValues is null")));
    this.nullCounts =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(requireNonNull(nullCounts, "nullCounts is null")));
  }

  /**
   * @return the number of rows
   */
  public long getNumRecords() {
    return numRecords;
  }

  /**
   * @return minimum per column
   */
  public Map<Column, Literal> getMinValues() {
    return minValues;
  }

  /**
   * @return maximum per column
   */
  public Map<Column, Literal> getMaxValues() {
    return maxValues;
  }

  /**
   * @return null count per column
   */
  public Map<Column, Long> getNullCounts() {
    return nullCounts;
  }

  @Override
  public String toString() {
    return "DataFileStatistics{numRecords="
        + numRecords
        + ", min="
        + minValues
        + ", max="
        + maxValues
        + ", nullCount="
        + nullCounts
        + "}";
  }
}
