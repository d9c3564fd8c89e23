package dev.keel.benchmarks.replay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates and extracts the shared benchmark tables (from {@code ../shared/benchmarks}, or {@code
 * -Dkeel.shared.dir}).
 */
final class BenchmarkTables {
  private BenchmarkTables() {}

  static Path shared() {
    String configured = System.getProperty("keel.shared.dir");
    if (configured != null) {
      return Paths.get(configured);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolveSibling("shared").resolve("benchmarks"))) {
        return dir.resolveSibling("shared");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "shared/benchmarks not found beside the project; set -Dkeel.shared.dir");
  }

  /** Extracts the 300k-file table once into the system temp directory and returns its root. */
  static Path table300k() throws IOException, InterruptedException {
    Path target = Paths.get(System.getProperty("java.io.tmpdir"), "keel-bench");
    Path table = target.resolve("300k-add-files-100-col-partitioned");
    if (!Files.isDirectory(table.resolve("_delta_log"))) {
      Files.createDirectories(target);
      Path archive = shared().resolve("benchmarks/300k-add-files-100-col-partitioned.tar.gz");
      Process p =
          new ProcessBuilder("tar", "xzf", archive.toString(), "-C", target.toString())
              .inheritIO()
              .start();
      if (p.waitFor() != 0) {
        throw new IOException("tar failed to extract " + archive);
      }
    }
    return table;
  }
}
