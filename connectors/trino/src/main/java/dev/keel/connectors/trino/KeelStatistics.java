package dev.keel.connectors.trino;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.types.ByteType;
import dev.keel.kernel.types.DataType;
import dev.keel.kernel.types.DateType;
import dev.keel.kernel.types.DecimalType;
import dev.keel.kernel.types.DoubleType;
import dev.keel.kernel.types.FloatType;
import dev.keel.kernel.types.IntegerType;
import dev.keel.kernel.types.LongType;
import dev.keel.kernel.types.ShortType;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.types.TimestampNTZType;
import dev.keel.kernel.types.TimestampType;
import dev.keel.kernel.utils.CloseableIterator;
import io.trino.spi.statistics.ColumnStatistics;
import io.trino.spi.statistics.DoubleRange;
import io.trino.spi.statistics.Estimate;
import io.trino.spi.statistics.TableStatistics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Table statistics for Trino's cost-based optimizer, from Keel's typed per-file statistics of the
 * files a scan keeps (after pruning and skipping): rows (less those deletion vectors delete), and
 * per column null fractions and value ranges; partition columns also get their distinct count. A
 * file without statistics makes the row count unknown, and the statistics empty.
 */
final class KeelStatistics {
  private KeelStatistics() {}

  static TableStatistics of(
      Engine engine,
      Snapshot snapshot,
      KeelTableHandle table,
      Map<String, KeelColumnHandle> columns) {
    Scan scan =
        KeelSplitManager.scanBuilder(snapshot, table.withoutProjection())
            .withTypedStatistics(true)
            .build();
    StructType schema = snapshot.getSchema();
    Map<String, Column> stats = new LinkedHashMap<>();
    columns.values().forEach(c -> stats.put(c.name(), new Column()));
    long rows = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (FilteredColumnarBatch batch = files.next()) {
          ColumnarBatch data = batch.getData();
          ColumnVector typed = data.getColumnVector(ScanFile.SCHEMA.length());
          StructType typedSchema = (StructType) typed.getDataType();
          for (int i = 0; i < data.getSize(); i++) {
            if (!batch.isSelected(i)) {
              continue;
            }
            if (typed.isNullAt(i) || typed.getChild(0).isNullAt(i)) {
              return TableStatistics.empty();
            }
            long records = typed.getChild(0).getLong(i);
            ColumnVector dv = data.getColumnVector(ScanFile.DELETION_VECTOR);
            if (!dv.isNullAt(i)) {
              records -= dv.getChild(4).getLong(i);
            }
            rows += records;
            for (Map.Entry<String, Column> e : stats.entrySet()) {
              DataType type = schema.get(e.getKey()).orElseThrow().getDataType();
              if (snapshot.getPartitionColumns().contains(e.getKey())) {
                e.getValue()
                    .partition(
                        data.getColumnVector(ScanFile.PARTITION_VALUES), i, e.getKey(), records);
              } else {
                e.getValue().file(typed, typedSchema, i, e.getKey(), type);
              }
            }
          }
        }
      }
    }
    TableStatistics.Builder out = TableStatistics.builder().setRowCount(Estimate.of(rows));
    for (KeelColumnHandle c : columns.values()) {
      out.setColumnStatistics(c, stats.get(c.name()).toTrino(rows));
    }
    return out.build();
  }

  /** What the files say of one column. */
  private static final class Column {
    private boolean nullsKnown = true;
    private long nulls;
    private boolean rangeKnown = true;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private Set<String> partitionValues;

    void file(ColumnVector typed, StructType typedSchema, int row, String name, DataType type) {
      ColumnVector nullCounts = field(typed, typedSchema, "nullCount", name);
      if (nullCounts == null || nullCounts.isNullAt(row)) {
        nullsKnown = false;
      } else {
        nulls += nullCounts.getLong(row);
      }
      OptionalDouble low = value(field(typed, typedSchema, "minValues", name), row, type);
      OptionalDouble high = value(field(typed, typedSchema, "maxValues", name), row, type);
      if (low.isEmpty() || high.isEmpty()) {
        rangeKnown = false;
      } else {
        min = Math.min(min, low.getAsDouble());
        max = Math.max(max, high.getAsDouble());
      }
    }

    void partition(ColumnVector partitionValues, int row, String name, long records) {
      if (this.partitionValues == null) {
        this.partitionValues = new HashSet<>();
      }
      rangeKnown = false;
      MapValue m = partitionValues.getMap(row);
      for (int k = 0; k < m.getSize(); k++) {
        if (m.getKeys().getString(k).equals(name)) {
          if (m.getValues().isNullAt(k)) {
            nulls += records;
          } else {
            this.partitionValues.add(m.getValues().getString(k));
          }
        }
      }
    }

    ColumnStatistics toTrino(long rows) {
      ColumnStatistics.Builder b = ColumnStatistics.builder();
      if (nullsKnown && rows > 0) {
        b.setNullsFraction(Estimate.of(Math.min(1.0, (double) nulls / rows)));
      }
      if (rangeKnown && min <= max) {
        b.setRange(new DoubleRange(min, max));
      }
      if (partitionValues != null) {
        b.setDistinctValuesCount(Estimate.of(partitionValues.size()));
      }
      return b.build();
    }
  }

  /** The field of statistics {@code kind} for column {@code name}, or null when absent. */
  private static ColumnVector field(
      ColumnVector typed, StructType typedSchema, String kind, String name) {
    int k = typedSchema.indexOf(kind);
    if (k < 0) {
      return null;
    }
    StructType kindSchema = (StructType) typedSchema.at(k).getDataType();
    int c = kindSchema.indexOf(name);
    return c < 0 ? null : typed.getChild(k).getChild(c);
  }

  /**
   * A statistic as Trino's cost model represents values of the column's type; empty if it cannot.
   */
  private static OptionalDouble value(ColumnVector v, int row, DataType type) {
    if (v == null || v.isNullAt(row)) {
      return OptionalDouble.empty();
    }
    if (type instanceof LongType) {
      return OptionalDouble.of(v.getLong(row));
    } else if (type instanceof IntegerType || type instanceof DateType) {
      return OptionalDouble.of(v.getInt(row));
    } else if (type instanceof ShortType) {
      return OptionalDouble.of(v.getShort(row));
    } else if (type instanceof ByteType) {
      return OptionalDouble.of(v.getByte(row));
    } else if (type instanceof DoubleType) {
      return OptionalDouble.of(v.getDouble(row));
    } else if (type instanceof FloatType) {
      return OptionalDouble.of(v.getFloat(row));
    } else if (type instanceof DecimalType) {
      return OptionalDouble.of(v.getDecimal(row).doubleValue());
    } else if (type instanceof TimestampNTZType) {
      return OptionalDouble.of(v.getLong(row)); // timestamp(6): micros
    } else if (type instanceof TimestampType) {
      return OptionalDouble.of(Math.floorDiv(v.getLong(row), 1000)); // with time zone: millis
    }
    return OptionalDouble.empty();
  }
}
