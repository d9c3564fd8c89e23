package dev.keel.kernel.defaults.corrupt;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.Snapshot;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole commit file under the fuzzer: the bytes are a table's only commit, and the table's latest
 * snapshot is loaded (protocol, metadata, schema, partition columns, set transactions, domains) and
 * its files listed, each scan file read field by field and its path resolved. Any bytes give an
 * answer or a {@link KernelException} subclass; never another exception, a hang or an {@link
 * OutOfMemoryError}. This drives the default engine's JSON reader into action batches and the
 * kernel's log replay together. {@code -Pfuzz -Dfuzz.target=TestCommitFileFuzz} fuzzes it; the
 * seeds are hand-written commits, and every first commit of the shared cases is checked in each
 * build.
 */
class TestCommitFileFuzz {
  @TempDir static Path dir;
  private static DefaultEngine engine;
  private static Path table;

  @BeforeAll
  static void open() throws IOException {
    engine = DefaultEngine.create();
    table = Files.createDirectories(dir.resolve("fuzzed/_delta_log")).getParent();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @FuzzTest(maxDuration = "30m")
  void loadsListsOrRefuses(byte[] commit) throws IOException {
    Files.write(table.resolve("_delta_log/00000000000000000000.json"), commit);
    try {
      listed(table);
    } catch (KernelException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /** Loads and lists the table; returns the number of live files. */
  private static int listed(Path table) {
    Snapshot snapshot = Table.forPath(engine, table.toString()).getLatestSnapshot(engine);
    assertThat(snapshot.getSchema()).isNotNull();
    assertThat(snapshot.getProtocol()).isNotNull();
    snapshot.getPartitionColumns();
    snapshot.getLatestTransactionVersion(engine, "app");
    snapshot.getDomainMetadata(engine, "d");
    int files = 0;
    try (CloseableIterator<FilteredColumnarBatch> batches =
        snapshot.getScanBuilder().build().getScanFiles(engine)) {
      while (batches.hasNext()) {
        try (FilteredColumnarBatch batch = batches.next();
            CloseableIterator<Row> rows = batch.getRows()) {
          while (rows.hasNext()) {
            Row file = rows.next();
            assertThat(ScanFile.getSize(file)).isNotNegative();
            ScanFile.getStats(file);
            ScanFile.toJson(file);
            ScanFile.resolvePath(snapshot.getTablePath(), ScanFile.getPath(file));
            files++;
          }
        }
      }
    }
    return files;
  }

  @Test
  void everyFirstCommitOfTheSharedCasesLoadsOrIsRefusedWithAKernelError() throws IOException {
    int loaded = 0;
    int cases = 0;
    try (Stream<Path> all = Files.walk(SharedData.casesDir())) {
      for (Path f : (Iterable<Path>) all::iterator) {
        if (f.getFileName().toString().equals("00000000000000000000.json")
            && f.getParent().getFileName().toString().equals("_delta_log")) {
          Path copy = Files.createTempDirectory(dir, "case");
          Files.createDirectories(copy.resolve("_delta_log"));
          Files.copy(f, copy.resolve("_delta_log/00000000000000000000.json"));
          cases++;
          try {
            listed(copy);
            loaded++;
          } catch (KernelException refused) {
            assertThat(refused.getMessage()).isNotBlank();
          }
        }
      }
    }
    assertThat(cases).isGreaterThan(200);
    assertThat(loaded).isGreaterThan(cases * 3 / 4);
  }
}
