package dev.keel.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default of {@link ParquetHandler#readParquetFileRange} for handlers that cannot split. */
class TestParquetHandler {
  private final List<String> read = new ArrayList<>();

  private final ParquetHandler wholeFilesOnly =
      new ParquetHandler() {
        @Override
        public CloseableIterator<FileReadResult> readParquetFiles(
            CloseableIterator<FileStatus> files,
            StructType physicalSchema,
            Optional<Predicate> predicate) {
          files.forEachRemaining(f -> read.add(f.getPath()));
          return CloseableIterator.of(List.of());
        }

        @Override
        public CloseableIterator<DataFileStatus> writeParquetFiles(
            String directoryPath,
            CloseableIterator<ColumnarBatch> data,
            List<Column> statsColumns) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void writeParquetFileAtomically(
            String filePath, CloseableIterator<ColumnarBatch> data) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void aRangeCoveringTheFileReadsItWholeAndAnyOtherIsRefused() throws Exception {
    FileStatus file = FileStatus.of("file:/t/a.parquet", 100, 0);
    wholeFilesOnly.readParquetFileRange(file, 0, 100, StructType.empty(), Optional.empty());
    assertThat(read).containsExactly("file:/t/a.parquet");
    assertThatThrownBy(
            () ->
                wholeFilesOnly.readParquetFileRange(
                    file, 50, 50, StructType.empty(), Optional.empty()))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessage(
            wholeFilesOnly.getClass().getName()
                + " does not implement ParquetHandler.readParquetFileRange");
  }
}
