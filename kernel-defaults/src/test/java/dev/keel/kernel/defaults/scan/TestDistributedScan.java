package dev.keel.kernel.defaults.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Scan;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.ScanState;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.expressions.Expressions;
import dev.keel.kernel.expressions.Literal;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distributed read contract: a coordinator plans a scan and serializes the scan state and each
 * scan file to JSON text; workers, each with a fresh engine, deserialize them and read their file.
 * The union of the workers' rows must equal what the coordinator reads by itself.
 */
class TestDistributedScan {

  private static List<String> render(CloseableIterator<FilteredColumnarBatch> it) {
    return TestBatches.canonicalRows(it);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spark/dv_partitioned",
        "spark/column_mapping_name",
        "golden/dv-with-columnmapping",
        "golden/table-with-columnmapping-mode-id",
        "spark/nested_types",
        "golden/data-reader-partition-values"
      })
  void workersReadSerializedScanFilesLikeTheCoordinator(String name) {
    String path = SharedData.casesDir().resolve(name).resolve("table").toString();
    List<String> stateJson = new ArrayList<>();
    List<String> fileJson = new ArrayList<>();
    List<String> coordinatorRows;
    try (DefaultEngine coordinator = DefaultEngine.create()) {
      Snapshot snapshot = Table.forPath(coordinator, path).getLatestSnapshot(coordinator);
      StructType schema = snapshot.getSchema();
      // read all but the first column: a projection, with partition columns where the table has
      // them
      Scan scan =
          snapshot
              .getScanBuilder()
              .withReadSchema(new StructType(schema.getFields().subList(1, schema.length())))
              .build();
      stateJson.add(scan.getScanState().toJson());
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(coordinator)) {
        while (files.hasNext()) {
          try (FilteredColumnarBatch b = files.next();
              CloseableIterator<Row> rows = b.getRows()) {
            rows.forEachRemaining(r -> fileJson.add(ScanFile.toJson(r)));
          }
        }
      }
      coordinatorRows = render(scan.readData(coordinator));
    }
    assertThat(fileJson).isNotEmpty();
    List<String> workerRows = new ArrayList<>();
    for (String file : fileJson) {
      try (DefaultEngine worker = DefaultEngine.create()) {
        ScanState state = ScanState.fromJson(stateJson.get(0));
        workerRows.addAll(render(state.readFile(worker, ScanFile.fromJson(file))));
      }
    }
    workerRows.sort(null);
    assertThat(workerRows).isEqualTo(coordinatorRows).isNotEmpty();
  }

  @Test
  void serializedFormsAreStableAndValidated() {
    String path = SharedData.casesDir().resolve("spark/dv_partitioned/table").toString();
    try (DefaultEngine engine = DefaultEngine.create()) {
      Scan scan =
          Table.forPath(engine, path)
              .getLatestSnapshot(engine)
              .getScanBuilder()
              .withFilter(Expressions.greaterThan(Expressions.column("id"), Literal.ofLong(0)))
              .build();
      ScanState state = scan.getScanState();
      ScanState copy = ScanState.fromJson(state.toJson());
      assertThat(copy.toJson()).isEqualTo(state.toJson());
      assertThat(copy.getLogicalSchema()).isEqualTo(state.getLogicalSchema());
      assertThat(copy.getPartitionPhysicalNames()).isEqualTo(state.getPartitionPhysicalNames());
      try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine);
          FilteredColumnarBatch b = files.next();
          CloseableIterator<Row> rows = b.getRows()) {
        String json = ScanFile.toJson(rows.next());
        assertThat(ScanFile.toJson(ScanFile.fromJson(json))).isEqualTo(json);
      }
    }
    assertThatThrownBy(() -> ScanState.fromJson("{\"nope\":1}"))
        .isInstanceOf(KernelException.class)
        .hasMessageStartingWith(
            "Cannot read a scan state from `{\"nope\":1}`: it was not written by ScanState.toJson");
    assertThatThrownBy(() -> ScanFile.fromJson("[1]"))
        .isInstanceOf(KernelException.class)
        .hasMessageStartingWith(
            "Cannot read a scan file from `[1]`: it was not written by ScanFile.toJson");
  }
}
