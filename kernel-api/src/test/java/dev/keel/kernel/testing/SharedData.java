package dev.keel.kernel.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one place tests find the shared test data ({@code ../shared} beside the project: the
 * conformance cases and benchmark tables). Set {@code -Dkeel.shared.dir=/path/to/shared} to point
 * elsewhere. Tests that need it call {@link #requireShared()}, which skips them with a clear
 * message when the directory is absent (in CI it is always present).
 */
public final class SharedData {
  private SharedData() {}

  private static final Path ROOT = locate();

  private static Path locate() {
    String configured = System.getProperty("keel.shared.dir");
    if (configured != null && !configured.isBlank()) {
      return Paths.get(configured).toAbsolutePath().normalize();
    }
    // Surefire runs in the module directory; walk up to the project root's sibling "shared".
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("cases"))) {
        return candidate.normalize();
      }
      dir = dir.getParent();
    }
    return null;
  }

  /**
   * @return whether the shared directory was found
   */
  public static boolean isAvailable() {
    return ROOT != null && Files.isDirectory(ROOT.resolve("cases"));
  }

  /**
   * @return the shared directory; skips the calling test when it is absent
   */
  public static Path requireShared() {
    assumeTrue(
        isAvailable(),
        "Shared test data not found: expected a 'shared' directory with 'cases' beside the project, "
            + "or -Dkeel.shared.dir=<dir>. Skipping.");
    return ROOT;
  }

  /**
   * @return {@code shared/cases}; skips the calling test when absent
   */
  public static Path casesDir() {
    return requireShared().resolve("cases");
  }

  /**
   * @return every case directory ({@code cases/<set>/<case>}), sorted; skips when absent
   */
  public static List<Path> allCases() {
    Path cases = casesDir();
    try (Stream<Path> sets = Files.list(cases)) {
      return sets.filter(Files::isDirectory)
          .flatMap(SharedData::listDirs)
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return {@code set/case} for a case directory, e.g. {@code golden/checkpoint}
   */
  public static String caseName(Path caseDir) {
    return caseDir.getParent().getFileName() + "/" + caseDir.getFileName();
  }

  /**
   * Copies a case's table (writable) for a test that changes it: the shared data itself is never
   * written.
   *
   * @param caseName {@code set/case}, e.g. {@code golden/checkpoint}
   * @param target the directory to copy into (created)
   * @return {@code target}
   */
  public static Path copyTable(String caseName, Path target) {
    Path from = casesDir().resolve(caseName).resolve("table");
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
          to.toFile().setWritable(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static Stream<Path> listDirs(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).collect(Collectors.toList()).stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
