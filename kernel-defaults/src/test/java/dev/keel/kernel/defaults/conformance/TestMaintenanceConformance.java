package dev.keel.kernel.defaults.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.exceptions.UnsupportedProtocolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance on the shared cases Keel can write to, each copied to a temporary directory:
 * optimize, then the rows still equal {@code rows.jsonl} (and {@code row_tracking.jsonl}); vacuum
 * with zero retention (forced), then the rows are the same again and nothing outside the table's
 * directory was touched.
 */
class TestMaintenanceConformance {
  private static DefaultEngine engine;
  @TempDir static Path temp;
  private static int maintained;
  private static int compacted;

  @BeforeAll
  static void open() {
    engine = DefaultEngine.create();
  }

  @AfterAll
  static void close() {
    engine.close();
    System.out.println(
        "[maintenance conformance] optimized and vacuumed "
            + maintained
            + " cases ("
            + compacted
            + " had files to compact)");
  }

  @TestFactory
  Stream<DynamicTest> optimizeAndVacuumKeepTheRows() {
    List<DynamicTest> tests = new ArrayList<>();
    for (ConformanceCase c : ConformanceCase.all()) {
      Path rows = c.dir.resolve("expected/rows.jsonl");
      if (c.isErrorExpectation() || !Files.exists(rows) || c.meta.containsKey("rowsUnavailable")) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(c.name, () -> check(c, rows)));
    }
    return tests.stream();
  }

  private static void check(ConformanceCase c, Path rows) throws IOException {
    Path copy = temp.resolve(c.name.replace('/', '_'));
    copyTree(c.table(), copy);
    Path outside = temp.resolve(c.name.replace('/', '_') + ".outside");
    Files.writeString(outside, "not part of the table");
    Table table = Table.forPath(engine, copy.toString());
    try {
      if (table.optimize(engine, Optional.empty(), 128L << 20).getVersion().isPresent()) {
        compacted++;
      }
    } catch (UnsupportedProtocolException | dev.keel.kernel.exceptions.UnsupportedTypeException e) {
      // a table Keel does not write (writer features, a void column); reading it is tested
      // elsewhere
      System.out.println(
          "[maintenance conformance] " + c.name + " not writable: " + e.getMessage());
      return;
    }
    List<String> expected = ConformanceCase.expectedLines(rows);
    ConformanceCase.compareRows(
        c.name + " after optimize",
        TestRowConformance.readAll(engine, table.getLatestSnapshot(engine)),
        expected);
    Path rowTracking = c.dir.resolve("expected/row_tracking.jsonl");
    if (Files.exists(rowTracking)) {
      // rewritten rows keep their row ids and row commit versions
      ConformanceCase.compareRows(
          c.name + " row tracking after optimize",
          TestRowConformance.readWithRowTracking(engine, table.getLatestSnapshot(engine)),
          ConformanceCase.expectedLines(rowTracking));
    }
    table.vacuum(engine, Optional.of(Duration.ZERO), false, true);
    ConformanceCase.compareRows(
        c.name + " after vacuum",
        TestRowConformance.readAll(engine, table.getLatestSnapshot(engine)),
        expected);
    assertThat(Files.readString(outside)).isEqualTo("not part of the table");
    maintained++;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
