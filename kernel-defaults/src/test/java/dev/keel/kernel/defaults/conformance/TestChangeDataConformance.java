package dev.keel.kernel.defaults.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Changes;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.FilteredColumnarBatch;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.ChangeDataNotAvailableException;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The change data feed of every range in {@code cdfRanges} against {@code cdf_<S>_<E>.jsonl}, as a
 * multiset of canonical rows ({@code _commit_timestamp} left out, as the answers leave it out), and
 * every range in {@code notes.cdfError} refused with a typed error.
 */
class TestChangeDataConformance {
  private static DefaultEngine engine;

  @BeforeAll
  static void open() {
    engine = DefaultEngine.create();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @TestFactory
  Stream<DynamicTest> everyRange() {
    List<DynamicTest> tests = new ArrayList<>();
    for (ConformanceCase c : ConformanceCase.all()) {
      for (long[] range : c.cdfRanges()) {
        String file = "cdf_" + range[0] + "_" + range[1] + ".jsonl";
        tests.add(
            DynamicTest.dynamicTest(
                c.name + " " + range[0] + ".." + range[1],
                () ->
                    ConformanceCase.compareRows(
                        c.name + " changes " + range[0] + ".." + range[1],
                        changes(c, range[0], range[1]),
                        ConformanceCase.expectedLines(c.dir.resolve("expected").resolve(file)))));
      }
      for (long[] range : c.cdfRanges()) {
        String file = "cdf_" + range[0] + "_" + range[1] + ".jsonl";
        tests.add(
            DynamicTest.dynamicTest(
                c.name + " " + range[0] + ".." + range[1] + " distributed",
                () ->
                    ConformanceCase.compareRows(
                        c.name + " changes " + range[0] + ".." + range[1] + ", file by file",
                        changesFileByFile(c, range[0], range[1]),
                        ConformanceCase.expectedLines(c.dir.resolve("expected").resolve(file)))));
      }
      for (Map.Entry<String, String> error : c.cdfErrors().entrySet()) {
        String[] bounds = error.getKey().split("\\.\\.");
        tests.add(
            DynamicTest.dynamicTest(
                c.name + " " + error.getKey() + " refused",
                () ->
                    assertThatThrownBy(
                            () -> changes(c, Long.parseLong(bounds[0]), Long.parseLong(bounds[1])))
                        .as("Spark: " + error.getValue())
                        .isInstanceOf(ChangeDataNotAvailableException.class)));
      }
    }
    assertThat(tests).as("change data ranges in the shared cases").hasSizeGreaterThanOrEqualTo(43);
    return tests.stream();
  }

  /** The distributed form: change files planned, serialized, and each read on its own. */
  static List<String> changesFileByFile(ConformanceCase c, long start, long end) {
    Changes changes =
        Table.forPath(engine, c.table().toString())
            .getChanges()
            .fromVersion(start)
            .toVersion(end)
            .build(engine);
    String state = changes.getStateJson();
    List<String> out = new ArrayList<>();
    for (String file : changes.getChangeFiles(engine)) {
      try (CloseableIterator<FilteredColumnarBatch> it =
          Changes.readChangeFile(engine, state, file)) {
        collect(it, out);
      }
    }
    return out;
  }

  private static void collect(CloseableIterator<FilteredColumnarBatch> it, List<String> out) {
    out.addAll(TestBatches.canonicalChangeRows(it));
  }

  static List<String> changes(ConformanceCase c, long start, long end) {
    Changes changes =
        Table.forPath(engine, c.table().toString())
            .getChanges()
            .fromVersion(start)
            .toVersion(end)
            .build(engine);
    List<String> out = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> it = changes.readData(engine)) {
      collect(it, out);
    }
    return out;
  }
}
