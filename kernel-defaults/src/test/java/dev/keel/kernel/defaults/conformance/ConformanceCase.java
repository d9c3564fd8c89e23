package dev.keel.kernel.defaults.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/** One case of {@code shared/cases}: its table and the expected answers (see cases/README.md). */
/** One shared case: its directory, name and {@code expected/meta.json}. */
public final class ConformanceCase {
  /** The case's directory. */
  public final Path dir;

  /** The case's name, such as {@code spark/row_tracking}. */
  public final String name;

  /** Its {@code expected/meta.json}. */
  public final Map<String, Object> meta;

  private ConformanceCase(Path dir) {
    this.dir = dir;
    this.name = SharedData.caseName(dir);
    this.meta = readJsonObject(dir.resolve("expected/meta.json"));
  }

  /** Every case with an {@code expected/meta.json}. */
  public static List<ConformanceCase> all() {
    List<ConformanceCase> out = new ArrayList<>();
    for (Path dir : SharedData.allCases()) {
      if (Files.exists(dir.resolve("expected/meta.json"))) {
        out.add(new ConformanceCase(dir));
      }
    }
    return out;
  }

  /** The case's table directory. */
  public Path table() {
    return dir.resolve("table");
  }

  /** No {@code version} in meta.json: Spark could not load the snapshot. */
  public boolean isErrorExpectation() {
    return !meta.containsKey("version");
  }

  Optional<Object> meta(String key) {
    return Optional.ofNullable(meta.get(key));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> metaAtVersion(long version) {
    return readJsonObject(dir.resolve("expected/meta_v" + version + ".json"));
  }

  /**
   * @return the versions with {@code rows_v<N>.jsonl} answers ({@code timeTravelVersions})
   */
  @SuppressWarnings("unchecked")
  public List<Long> timeTravelVersions() {
    List<Long> out = new ArrayList<>();
    Object v = meta.get("timeTravelVersions");
    if (v instanceof List) {
      for (Object o : (List<Object>) v) {
        out.add((Long) o);
      }
    }
    return out;
  }

  /**
   * @return the {@code [S, E]} change data feed ranges that have a {@code cdf_<S>_<E>.jsonl}
   */
  @SuppressWarnings("unchecked")
  public List<long[]> cdfRanges() {
    List<long[]> out = new ArrayList<>();
    Object v = meta.get("cdfRanges");
    if (v instanceof List) {
      for (Object r : (List<Object>) v) {
        List<Object> pair = (List<Object>) r;
        out.add(new long[] {(Long) pair.get(0), (Long) pair.get(1)});
      }
    }
    return out;
  }

  /**
   * @return {@code notes.cdfError}: Spark's error by range ({@code "S..E"})
   */
  @SuppressWarnings("unchecked")
  public Map<String, String> cdfErrors() {
    Object notes = meta.get("notes");
    if (notes instanceof Map && ((Map<String, Object>) notes).get("cdfError") instanceof Map) {
      Map<String, String> out = new java.util.TreeMap<>();
      ((Map<String, Object>) ((Map<String, Object>) notes).get("cdfError"))
          .forEach((k, v) -> out.put(k, String.valueOf(v)));
      return out;
    }
    return Map.of();
  }

  /**
   * @return the lines of an expected file, parsed, or empty when the file is absent
   */
  @SuppressWarnings("unchecked")
  Optional<List<Map<String, Object>>> jsonLines(String file) {
    Path p = dir.resolve("expected").resolve(file);
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : read(p).split("\n")) {
      if (!line.isEmpty()) {
        out.add((Map<String, Object>) Json.parse(line));
      }
    }
    return Optional.of(out);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readJsonObject(Path p) {
    return (Map<String, Object>) Json.parse(read(p));
  }

  static Object readJson(Path p) {
    return Json.parse(read(p));
  }

  static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Spark's rows of the latest version ({@code expected/rows.jsonl}, or its {@code .gz}).
   *
   * @return the lines, or empty when the case has no rows file
   */
  public java.util.Optional<List<String>> expectedLatestRows() {
    Path rows = dir.resolve("expected/rows.jsonl");
    Path rowsGz = dir.resolve("expected/rows.jsonl.gz");
    if (Files.exists(rows)) {
      return java.util.Optional.of(expectedLines(rows));
    }
    return Files.exists(rowsGz)
        ? java.util.Optional.of(expectedLines(rowsGz))
        : java.util.Optional.empty();
  }

  /**
   * @return the lines of an expected row file ({@code .gz} too), without empty ones
   */
  public static List<String> expectedLines(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>();
      for (String l : text.split("\n")) {
        if (!l.isEmpty()) {
          lines.add(l);
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts two row lists are equal as multisets, naming missing and unexpected rows. */
  public static void compareRows(String name, List<String> actual, List<String> expected) {
    List<String> a = new ArrayList<>(actual);
    List<String> e = new ArrayList<>(expected);
    a.sort(null);
    e.sort(null);
    if (!a.equals(e)) {
      List<String> missing = new ArrayList<>(e);
      actual.forEach(missing::remove);
      List<String> extra = new ArrayList<>(a);
      expected.forEach(extra::remove);
      assertThat(a)
          .as(
              name
                  + ": "
                  + a.size()
                  + " rows, expected "
                  + e.size()
                  + "; missing "
                  + head(missing)
                  + "; unexpected "
                  + head(extra))
          .isEqualTo(e);
    }
  }

  private static List<String> head(List<String> l) {
    return l.size() <= 3 ? l : l.subList(0, 3);
  }

  @Override
  public String toString() {
    return name;
  }
}
