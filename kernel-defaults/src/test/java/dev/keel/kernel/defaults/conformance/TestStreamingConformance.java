package dev.keel.kernel.defaults.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.CommitActions;
import dev.keel.kernel.DeltaAction;
import dev.keel.kernel.FileStream;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.StreamPosition;
import dev.keel.kernel.Table;
import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The streaming helper and the commits API agree on the shared cases that have change data ranges
 * (appends, deletes with and without deletion vectors, updates, column mapping): streaming from
 * commit S with {@code ignoreChanges}, two files a step, hands out exactly the files that the
 * commits S..E add with {@code dataChange}, in commit order.
 */
class TestStreamingConformance {
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
  Stream<DynamicTest> streamedFilesAreTheCommitsAddedFiles() {
    List<DynamicTest> tests = new ArrayList<>();
    for (ConformanceCase c : ConformanceCase.all()) {
      for (long[] range : c.cdfRanges()) {
        tests.add(
            DynamicTest.dynamicTest(
                c.name + " " + range[0] + ".." + range[1],
                () ->
                    assertThat(streamed(c, range[0], range[1]))
                        .isEqualTo(added(c, range[0], range[1]))));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(21);
    return tests.stream();
  }

  /** "version path" of every file the stream hands out until it passes version {@code end}. */
  private static List<String> streamed(ConformanceCase c, long start, long end) {
    FileStream stream =
        Table.forPath(engine, c.table().toString())
            .getFileStream()
            .startingAt(StreamPosition.atCommit(start))
            .ignoreChanges(true)
            .maxFilesPerStep(2)
            .build(engine);
    List<String> out = new ArrayList<>();
    for (int steps = 0; stream.getPosition().getVersion() <= end; steps++) {
      assertThat(steps).as("steps").isLessThan(10_000);
      long version = stream.getPosition().getVersion();
      FileStream.Step step = stream.next(engine);
      assertThat(step.isCaughtUp()).isFalse();
      assertThat(step.getFiles().size()).isLessThanOrEqualTo(2);
      for (Row f : step.getFiles()) {
        out.add(version + " " + ScanFile.getPath(f));
      }
    }
    return out;
  }

  /** "version path" of every add with dataChange in commits start..end, in commit order. */
  private static List<String> added(ConformanceCase c, long start, long end) {
    List<String> out = new ArrayList<>();
    try (CloseableIterator<CommitActions> it =
        Table.forPath(engine, c.table().toString())
            .getCommits(engine, start, end, EnumSet.of(DeltaAction.ADD))) {
      while (it.hasNext()) {
        try (CommitActions commit = it.next()) {
          ColumnarBatch b = commit.getActions();
          ColumnVector add = b.getColumnVector(0);
          ColumnVector dataChange = add.getChild(4);
          for (int i = 0; i < b.getSize(); i++) {
            if (!add.isNullAt(i) && (dataChange.isNullAt(i) || dataChange.getBoolean(i))) {
              out.add(commit.getVersion() + " " + add.getChild(ScanFile.PATH).getString(i));
            }
          }
        }
      }
    }
    return out;
  }
}
