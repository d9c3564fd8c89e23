package dev.keel.connectors.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.connectors.cli.TestKeelCli.Result;
import dev.keel.kernel.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keel cat on a table whose files are partly gone: nothing is printed, and the file is named. */
class TestCatCommand {
  @TempDir Path dir;

  private Path copyOf(String caseName) {
    return SharedData.copyTable(caseName, dir.resolve("t"));
  }

  @Test
  void aMissingDataFileStopsTheReadBeforeAnyRow() throws Exception {
    Path t = copyOf("golden/dv-partitioned-with-checkpoint");
    // a file the latest version reads (the table's log adds it and never removes it)
    Path missing =
        t.resolve("part=9/part-00001-c0430af8-a8e0-4b23-8776-b2fc549b3e4e.c000.snappy.parquet");
    Files.delete(missing);
    String expected =
        "keel cat: Cannot read `file:"
            + t
            + "`: the data file `file:"
            + missing
            + "` is missing, so nothing was printed. The table's files were deleted or only partly"
            + " copied; a version from before (--version) may still be whole."
            + System.lineSeparator();
    for (List<String> format : List.of(List.of("--format", "jsonl"), List.of("--format", "csv"))) {
      Result r = run(t, format);
      assertThat(r.code).as(format.toString()).isEqualTo(1);
      assertThat(r.out).as(format.toString()).isEmpty();
      assertThat(r.err).isEqualTo(expected);
    }
    // the aligned table and --limit hold their lines until the read is done
    for (List<String> format :
        List.of(List.of("--format", "table"), List.of("--format", "jsonl", "--limit", "1000"))) {
      Result r = run(t, format);
      assertThat(r.code).as(format.toString()).isEqualTo(1);
      assertThat(r.out).as(format.toString()).isEmpty();
      assertThat(r.err)
          .as(format.toString())
          .startsWith("keel cat: ")
          .contains(missing.getFileName().toString());
    }
    // rows from before the file's absence can be fewer than the limit: those print
    assertThat(run(t, List.of("--format", "jsonl", "--limit", "1")).out.lines()).hasSize(1);
  }

  @Test
  void aMissingDeletionVectorFileStopsTheReadBeforeAnyRow() throws Exception {
    Path t = copyOf("golden/dv-partitioned-with-checkpoint");
    Path dv = t.resolve("deletion_vector_179561f5-946c-40d8-b088-0d890e8c854c.bin");
    Files.delete(dv);
    Result r = run(t, List.of("--format", "jsonl"));
    assertThat(r.code).isEqualTo(1);
    assertThat(r.out).isEmpty();
    assertThat(r.err)
        .isEqualTo(
            "keel cat: Cannot read `file:"
                + t
                + "`: the deletion vector file `file:"
                + dv
                + "` (of the data file `file:"
                + t
                + "/part=8/part-00001-7c58de64-d72f-4373-8d86-dfdc00fb264e.c000.snappy.parquet`) is"
                + " missing, so nothing was printed. The table's files were deleted or only partly"
                + " copied; a version from before (--version) may still be whole."
                + System.lineSeparator());
  }

  private static Result run(Path t, List<String> options) {
    String[] args = new String[options.size() + 2];
    args[0] = "cat";
    args[1] = t.toString();
    for (int i = 0; i < options.size(); i++) {
      args[i + 2] = options.get(i);
    }
    return TestKeelCli.run(args);
  }
}
