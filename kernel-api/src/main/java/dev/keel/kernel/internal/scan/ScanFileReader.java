package dev.keel.kernel.internal.scan;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.MapValue;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.MetadataColumns;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.data.Batches;
import dev.keel.kernel.internal.data.ConstantColumnVector;
import dev.keel.kernel.internal.data.RetypedColumnVector;
import dev.keel.kernel.internal.deletionvectors.DeletionVectors;
import dev.keel.kernel.internal.deletionvectors.RoaringBitmapArray;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one scan file and turns its physical batches into logical ones: physical columns get their
 * logical names and types (column mapping), partition columns become constant columns parsed from
 * {@code partitionValues}, and the deletion vector becomes a selection vector over the file's row
 * indexes.
 */
public final class ScanFileReader {
  private ScanFileReader() {}

  public static CloseableIterator<FilteredColumnarBatch> read(
      Engine engine, ScanState state, Row scanFile) {
    return read(engine, state, scanFile, 0, Long.MAX_VALUE);
  }

  /** Reads the row groups of the byte range {@code [start, start + length)} of the file. */
  public static CloseableIterator<FilteredColumnarBatch> read(
      Engine engine, ScanState state, Row scanFile, long start, long length) {
    String rawPath = scanFile.getString(ScanFile.PATH);
    String path = DataFilePaths.absolute(state.getTablePath(), rawPath);
    boolean hasDv = !scanFile.isNullAt(ScanFile.DELETION_VECTOR);
    StructType physical =
        hasDv && RowTracking.ordinal(state.getPhysicalSchema(), "row_index") < 0
            ? state.getPhysicalSchema().add(MetadataColumns.ROW_INDEX)
            : state.getPhysicalSchema();
    RoaringBitmapArray dv =
        hasDv
            ? DeletionVectors.load(
                engine, state.getTablePath(), scanFile.getStruct(ScanFile.DELETION_VECTOR), path)
            : null;
    Map<String, Literal> partitionValues = partitionValues(state, scanFile);
    if (scanFile.getLong(ScanFile.SIZE) < 0) {
      throw Errors.negativeFileSize(state.getTablePath(), rawPath, scanFile.getLong(ScanFile.SIZE));
    }
    FileStatus status =
        FileStatus.of(
            path,
            scanFile.getLong(ScanFile.SIZE),
            scanFile.isNullAt(ScanFile.MODIFICATION_TIME)
                ? 0
                : scanFile.getLong(ScanFile.MODIFICATION_TIME));
    CloseableIterator<FileReadResult> physicalBatches;
    try {
      physicalBatches =
          start <= 0 && length >= status.getSize()
              ? engine
                  .getParquetHandler()
                  .readParquetFiles(
                      CloseableIterator.of(List.of(status)), physical, Optional.empty())
              : engine
                  .getParquetHandler()
                  .readParquetFileRange(status, start, length, physical, Optional.empty());
    } catch (IOException e) {
      throw Errors.engineFailure("read", path, e);
    }
    return physicalBatches.map(
        r -> toLogical(engine, state, r.getData(), dv, partitionValues, scanFile));
  }

  private static Map<String, Literal> partitionValues(ScanState state, Row scanFile) {
    Map<String, Literal> out = new HashMap<>();
    List<String> read = state.getPartitionColumnsRead();
    if (read.isEmpty()) {
      return out;
    }
    Map<String, String> raw = new HashMap<>();
    if (!scanFile.isNullAt(ScanFile.PARTITION_VALUES)) {
      MapValue m = scanFile.getMap(ScanFile.PARTITION_VALUES);
      for (int i = 0; i < m.getSize(); i++) {
        raw.put(
            m.getKeys().getString(i),
            m.getValues().isNullAt(i) ? null : m.getValues().getString(i));
      }
    }
    for (String column : read) {
      StructField field = state.getLogicalSchema().get(column).orElseThrow();
      String physicalName = state.getPartitionPhysicalNames().get(column);
      String value = raw.containsKey(physicalName) ? raw.get(physicalName) : raw.get(column);
      out.put(
          column,
          PartitionValues.parse(
              column, value, field.getDataType(), scanFile.getString(ScanFile.PATH)));
    }
    return out;
  }

  static FilteredColumnarBatch toLogical(
      Engine engine,
      ScanState state,
      ColumnarBatch physical,
      RoaringBitmapArray dv,
      Map<String, Literal> partitionValues,
      Row scanFile) {
    int n = physical.getSize();
    Optional<ColumnVector> selection = Optional.empty();
    try {
      StructType ps = physical.getSchema();
      int rowIndexOrdinal = RowTracking.ordinal(ps, "row_index");
      ColumnVector rowIndex =
          rowIndexOrdinal < 0 ? null : physical.getColumnVector(rowIndexOrdinal);
      if (dv != null) {
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
          keep[i] = !dv.contains(rowIndex.getLong(i));
        }
        selection = Optional.of(engine.getExpressionHandler().createSelectionVector(keep, 0, n));
      }
      List<ColumnVector> columns = new ArrayList<>();
      int next = 0;
      for (StructField f : state.getLogicalSchema().getFields()) {
        Literal partition = partitionValues.get(f.getName());
        String role = RowTracking.roleKey(f);
        if ("row_index".equals(role)) {
          columns.add(new dev.keel.kernel.internal.data.VectorView(rowIndex));
        } else if ("row_id".equals(role)) {
          int m = RowTracking.ordinal(ps, RowTracking.MATERIALIZED_ROW_ID);
          columns.add(
              RowTracking.rowIds(
                  m < 0 ? null : physical.getColumnVector(m), rowIndex, scanFile, n));
        } else if ("row_commit_version".equals(role)) {
          int m = RowTracking.ordinal(ps, RowTracking.MATERIALIZED_ROW_COMMIT_VERSION);
          columns.add(
              RowTracking.rowCommitVersions(
                  m < 0 ? null : physical.getColumnVector(m), scanFile, n));
        } else if (partition != null) {
          columns.add(new ConstantColumnVector(partition, n));
        } else {
          columns.add(RetypedColumnVector.of(physical.getColumnVector(next++), f.getDataType()));
        }
      }
      ColumnarBatch logical =
          new Batches.VectorBatch(state.getLogicalSchema(), columns, n, List.of(physical));
      return new FilteredColumnarBatch(logical, selection);
    } catch (RuntimeException e) {
      physical.close();
      throw e;
    }
  }
}
