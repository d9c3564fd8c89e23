package dev.keel.kernel.defaults.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.testing.InMemoryFileSystemClient;
import dev.keel.kernel.types.DataTypes;
import dev.keel.kernel.types.StructField;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default handlers read and write through a file system client the engine author supplies. */
class TestDefaultEngineWithOwnFileSystem {
  private static final StructType SCHEMA =
      new StructType(
          List.of(
              new StructField("id", DataTypes.LONG, true),
              new StructField("name", DataTypes.STRING, true)));

  @Test
  void jsonAndParquetGoThroughTheSuppliedClient() throws Exception {
    InMemoryFileSystemClient mem = new InMemoryFileSystemClient();
    try (DefaultEngine engine = DefaultEngine.builder().fileSystemClient(mem).build()) {
      assertThat(engine.getFileSystemClient()).isSameAs(mem);
      mem.put("mem:/t/a.json", "{\"id\":1,\"name\":\"x\"}\n{\"id\":2}\n");
      List<String> rows = new ArrayList<>();
      try (CloseableIterator<FileReadResult> it =
          engine
              .getJsonHandler()
              .readJsonFiles(
                  CloseableIterator.of(List.of(mem.getFileStatus("mem:/t/a.json"))),
                  SCHEMA,
                  Optional.empty())) {
        while (it.hasNext()) {
          try (FileReadResult r = it.next()) {
            // write the rows straight back as Parquet into the in-memory file system
            engine
                .getParquetHandler()
                .writeParquetFileAtomically(
                    "mem:/t/a.parquet",
                    CloseableIterator.of(
                        List.of(
                            r.getData()
                                .withDeletedColumnAt(1)
                                .withNewColumn(1, SCHEMA.at(1), r.getData().getColumnVector(1)))));
          }
        }
      }
      assertThat(mem.exists("mem:/t/a.parquet")).isTrue();
      try (CloseableIterator<FileReadResult> it =
          engine
              .getParquetHandler()
              .readParquetFiles(
                  CloseableIterator.of(List.of(mem.getFileStatus("mem:/t/a.parquet"))),
                  SCHEMA,
                  Optional.empty())) {
        while (it.hasNext()) {
          try (FileReadResult r = it.next()) {
            ColumnarBatch b = r.getData();
            for (int i = 0; i < b.getSize(); i++) {
              rows.add(
                  b.getColumnVector(0).getLong(i)
                      + ":"
                      + (b.getColumnVector(1).isNullAt(i)
                          ? "null"
                          : b.getColumnVector(1).getString(i)));
            }
          }
        }
      }
      assertThat(rows).containsExactly("1:x", "2:null");
      // The footer is read once (its length and magic, then the footer itself), then the one row
      // group: three range reads (five when the footer was read a second time to build the reader).
      assertThat(mem.readPaths.stream().filter("mem:/t/a.parquet"::equals).count()).isEqualTo(3);
      assertThat(mem.readPaths).contains("mem:/t/a.json", "mem:/t/a.parquet");
      mem.put("mem:/t/b.json", "{\"id\":3}\n");
      try (CloseableIterator<FileReadResult> it =
              engine
                  .getJsonHandler()
                  .readJsonFiles(
                      CloseableIterator.of(List.of(mem.getFileStatus("mem:/t/b.json"))),
                      SCHEMA,
                      Optional.empty());
          ColumnarBatch again = it.next().getData()) {
        assertThatThrownBy(
                () ->
                    engine
                        .getParquetHandler()
                        .writeParquetFileAtomically(
                            "mem:/t/a.parquet", CloseableIterator.of(List.of(again))))
            .isInstanceOf(PathAlreadyExistsException.class);
      }
    }
  }
}
