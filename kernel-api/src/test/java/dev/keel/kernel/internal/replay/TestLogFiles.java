package dev.keel.kernel.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.internal.engine.Forwarding;
import dev.keel.kernel.internal.engine.ForwardingEngine;
import dev.keel.kernel.testing.InMemoryEngine;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TestLogFiles {
  private static List<FileStatus> files(long... sizes) {
    List<FileStatus> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      out.add(FileStatus.of(String.format("/t/_delta_log/%020d.json", i), sizes[i], 0));
    }
    return out;
  }

  @Test
  void smallCommitsAreGroupedInOrderByCountAndBytes() {
    long[] sizes = new long[150];
    java.util.Arrays.fill(sizes, 600);
    List<List<FileStatus>> groups = LogFiles.groups(files(sizes));
    assertThat(groups).extracting(List::size).containsExactly(64, 64, 22);
    List<FileStatus> flat = new ArrayList<>();
    groups.forEach(flat::addAll);
    assertThat(flat).isEqualTo(files(sizes));
  }

  @Test
  void largeCommitsGetGroupsOfTheirOwn() {
    List<List<FileStatus>> groups =
        LogFiles.groups(files(100, 15_000_000, 200, 300, 900_000, 200_000, 5));
    assertThat(groups).extracting(List::size).containsExactly(1, 1, 3, 2);
  }

  /** Five one-line commits, {"n": version * 10}, and an engine whose JSON handler renames paths. */
  private static final class RenamingEngine {
    final List<FileStatus> commits = new ArrayList<>();
    final ForwardingEngine engine;

    RenamingEngine(Function<String, String> rename) {
      InMemoryEngine memory = new InMemoryEngine();
      for (int v = 0; v < 5; v++) {
        String path = String.format("/t/_delta_log/%020d.json", v);
        memory.files().put(path, "{\"n\":" + (v * 10) + "}\n");
        commits.add(FileStatus.of(path, 8, 0));
      }
      Forwarding.Json renaming =
          new Forwarding.Json(memory.getJsonHandler()) {
            @Override
            public CloseableIterator<FileReadResult> readJsonFiles(
                CloseableIterator<FileStatus> files,
                StructType schema,
                Optional<Predicate> predicate)
                throws IOException {
              return delegate
                  .readJsonFiles(files, schema, predicate)
                  .map(r -> new FileReadResult(r.getData(), rename.apply(r.getFilePath())));
            }
          };
      engine =
          new ForwardingEngine(
              memory,
              memory.getFileSystemClient(),
              renaming,
              memory.getParquetHandler(),
              memory.getExpressionHandler()) {
            @Override
            public int getLogReadParallelism() {
              return 3; // groups of commits, read with one call each
            }
          };
    }

    List<String> read() {
      StructType schema =
          StructType.fromJson(
              "{\"type\":\"struct\",\"fields\":["
                  + "{\"name\":\"n\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}");
      List<String> seen = new ArrayList<>();
      try (CloseableIterator<LogFiles.ActionBatch> it =
          LogFiles.commitsInOrder(engine, commits, schema)) {
        while (it.hasNext()) {
          try (LogFiles.ActionBatch b = it.next()) {
            seen.add(b.version + " " + b.batch.getColumnVector(0).getLong(0) + " " + b.path);
          }
        }
      }
      return seen;
    }
  }

  @Test
  void commitBatchesCarryTheirFilesVersionsWhateverPathTheHandlerNamesThemBy() {
    // a handler that hands results back under a qualified name of the same file
    assertThat(new RenamingEngine(path -> "mem://" + path).read())
        .containsExactly(
            "0 0 mem:///t/_delta_log/00000000000000000000.json",
            "1 10 mem:///t/_delta_log/00000000000000000001.json",
            "2 20 mem:///t/_delta_log/00000000000000000002.json",
            "3 30 mem:///t/_delta_log/00000000000000000003.json",
            "4 40 mem:///t/_delta_log/00000000000000000004.json");
  }

  @Test
  void aResultForAFileTheHandlerWasNotAskedToReadIsRefused() {
    assertThatThrownBy(() -> new RenamingEngine(path -> "/cache/blob-7.tmp").read())
        .isInstanceOf(EngineException.class)
        .hasMessage(
            "The JSON handler returned a batch for `/cache/blob-7.tmp`, which is none of the files"
                + " it was asked to read (the first was `/t/_delta_log/00000000000000000000.json`)."
                + " A handler must give each result the path of the file it was read from.");
  }
}
