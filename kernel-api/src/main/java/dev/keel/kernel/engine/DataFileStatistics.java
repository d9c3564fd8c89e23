package dev.keel.kernel.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Evolving;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Literal;
import java.util.Collections;
import java.util.LinkedHashMap;
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
