package dev.keel.kernel.defaults.corrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Table;
import dev.keel.kernel.defaults.conformance.ConformanceCase;
import dev.keel.kernel.defaults.engine.DefaultEngine;
import dev.keel.kernel.defaults.testing.TestBatches;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.exceptions.KernelException;
import dev.keel.kernel.exceptions.MalformedDataException;
import dev.keel.kernel.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged tables, made here from shared cases by code: each is either read correctly through a
 * fallback (as Spark does for a lying {@code _last_checkpoint}) or refused with a typed error
 * naming the file; never a wrong answer. {@code {t}} in an expected message is the table's path.
 */
class TestCorruptLogs {
  private static final String CLASSIC = "spark/checkpoint_classic";
  private static final String DVS = "golden/dv-partitioned-with-checkpoint";

  @TempDir static Path dir;
  private static DefaultEngine engine;

  @BeforeAll
  static void open() {
    engine = DefaultEngine.create();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /** What is done to the copy's {@code _delta_log}. */
  interface Damage {
    void apply(Path log) throws Exception;
  }

  /** The required outcome: the case's rows, or an error of this type whose message starts so. */
  record Outcome(Class<? extends KernelException> error, String messageStart) {
    static final Outcome ROWS = new Outcome(null, null);

    static Outcome error(Class<? extends KernelException> type, String messageStart) {
      return new Outcome(type, messageStart);
    }
  }

  static Stream<Arguments> damages() {
    List<Arguments> out = new ArrayList<>();
    // -- commits
    out.add(
        of(
            CLASSIC,
            "a truncated last commit line",
            log -> truncate(commit(log, 12), 40),
            Outcome.error(
                MalformedDataException.class,
                "Malformed JSON in `file:{t}/_delta_log/00000000000000000012.json` at line 2:")));
    out.add(
        of(
            CLASSIC,
            "a commit with a NUL-filled tail",
            log -> Files.write(commit(log, 12), new byte[64], StandardOpenOption.APPEND),
            Outcome.error(
                MalformedDataException.class,
                "Malformed JSON in `file:{t}/_delta_log/00000000000000000012.json` at line 3:")));
    out.add(
        of(
            CLASSIC,
            "a gap in versions after the checkpoint",
            log -> Files.delete(commit(log, 11)),
            Outcome.error(
                InvalidTableException.class,
                "Cannot load `file:{t}`: the log is missing the commit file(s) for version(s) [11]"
                    + " after the checkpoint at version 10. Commits must be contiguous; the table"
                    + " is corrupted or was partially copied.")));
    out.add(
        of(
            CLASSIC,
            "a missing commit below the checkpoint",
            log -> Files.delete(commit(log, 5)),
            Outcome.ROWS));
    out.add(
        of(
            CLASSIC,
            "a version file of 21 digits beside the real one",
            log -> Files.copy(commit(log, 12), log.resolve("000000000000000000012.json")),
            Outcome.ROWS));
    out.add(
        of(
            CLASSIC,
            "a log that starts after version 0 without a checkpoint",
            log -> {
              Files.delete(log.resolve("00000000000000000010.checkpoint.parquet"));
              Files.delete(log.resolve("_last_checkpoint"));
              for (int v = 0; v < 3; v++) {
                Files.delete(commit(log, v));
              }
            },
            Outcome.error(
                InvalidTableException.class,
                "Cannot load `file:{t}`: the log is missing the commit file(s) for version(s) [0,"
                    + " 1, 2]. Commits must be contiguous; the table is corrupted or was partially"
                    + " copied.")));
    out.add(
        of(
            CLASSIC,
            "a checkpoint whose own commit is missing, with no commit after it",
            log -> {
              for (int v = 10; v <= 12; v++) {
                Files.delete(commit(log, v));
              }
            },
            Outcome.error(
                InvalidTableException.class,
                "Cannot load `file:{t}`: the commit of version 10 is missing; its checkpoint is"
                    + " there, but no commit follows it.")));
    // -- _last_checkpoint: a hint, checked against the listing
    for (String[] lie :
        new String[][] {
          {"a missing checkpoint", "{\"version\":20,\"size\":13}"},
          {"a newer checkpoint", "{\"version\":12,\"size\":13}"},
          {"a truncated file", "{\"version\":1"},
          {"a wrong size", "{\"version\":10,\"size\":999}"},
          {"a part count of a checkpoint in one file", "{\"version\":10,\"size\":13,\"parts\":3}"}
        }) {
      out.add(
          of(
              CLASSIC,
              "_last_checkpoint naming " + lie[0],
              log -> Files.writeString(log.resolve("_last_checkpoint"), lie[1]),
              Outcome.ROWS));
    }
    // -- checkpoints
    out.add(
        of(
            "golden/multi-part-checkpoint",
            "a multi-part checkpoint with a part missing (the commits are there)",
            log ->
                Files.delete(
                    log.resolve("00000000000000000001.checkpoint.0000000002.0000000002.parquet")),
            Outcome.ROWS));
    out.add(
        of(
            "golden/v2-checkpoint-parquet",
            "a V2 checkpoint with a sidecar missing",
            log -> {
              try (Stream<Path> sidecars = Files.list(log.resolve("_sidecars"))) {
                Files.delete(sidecars.sorted().reduce((a, b) -> b).orElseThrow());
              }
            },
            Outcome.error(
                InvalidTableException.class,
                "Cannot load `file:{t}`: the V2 checkpoint references the sidecar file"
                    + " `file:{t}/_delta_log/_sidecars/00000000000000000002.checkpoint.0000000002.0000000002.33321cc1-9c55-4d1f-8511-fafe6d2e1133.parquet`,"
                    + " which does not exist.")));
    String checkpoint =
        "Cannot read Parquet file `file:{t}/_delta_log/00000000000000000010.checkpoint.parquet`: ";
    out.add(
        of(
            CLASSIC,
            "a checkpoint with a corrupt footer",
            log -> flip(log.resolve("00000000000000000010.checkpoint.parquet"), -10, -6),
            Outcome.error(MalformedDataException.class, checkpoint)));
    out.add(
        of(
            CLASSIC,
            "a checkpoint with a corrupt page",
            log -> overwrite(log.resolve("00000000000000000010.checkpoint.parquet"), 100, 400),
            Outcome.error(MalformedDataException.class, checkpoint)));
    out.add(
        of(
            CLASSIC,
            "a truncated checkpoint",
            log -> truncate(log.resolve("00000000000000000010.checkpoint.parquet"), -1),
            Outcome.error(
                MalformedDataException.class,
                checkpoint
                    + "{t}/_delta_log/00000000000000000010.checkpoint.parquet is not a Parquet file.")));
    // -- checksums and compactions: never trusted for the files
    out.add(
        of(
            CLASSIC,
            "a checksum whose totals disagree with the log",
            log ->
                edit(log.resolve("00000000000000000012.crc"), "\"numFiles\":9", "\"numFiles\":3"),
            Outcome.ROWS));
    out.add(
        of(
            "kernel-rs/compacted-log-files-table",
            "a compaction file that lost its adds",
            log -> {
              Path c = log.resolve("00000000000000000006.00000000000000000015.compacted.json");
              List<String> lines = new ArrayList<>(Files.readAllLines(c));
              lines.removeIf(l -> l.startsWith("{\"add\""));
              Files.write(c, lines);
            },
            Outcome.ROWS));
    // -- actions that lie
    out.add(
        of(
            CLASSIC,
            "an add with a negative size",
            log -> edit(commit(log, 12), "\"size\":761", "\"size\":-761"),
            Outcome.error(
                InvalidTableException.class,
                "Cannot read the log file `file:{t}/_delta_log/00000000000000000012.json`: its add"
                    + " action for the data file"
                    + " `part-00000-fef7ff50-f970-4080-bb8f-679812598b6a-c000.snappy.parquet` gives"
                    + " the size -761, and a size cannot be negative. The log is corrupt.")));
    out.add(
        of(
            CLASSIC,
            "an add without a size",
            log -> edit(commit(log, 12), "\"size\":761,", ""),
            Outcome.error(
                InvalidTableException.class,
                "Cannot read the log file `file:{t}/_delta_log/00000000000000000012.json`: its add"
                    + " action for the data file"
                    + " `part-00000-fef7ff50-f970-4080-bb8f-679812598b6a-c000.snappy.parquet` has no"
                    + " size, which the protocol requires. The log is corrupt.")));
    out.add(
        of(
            CLASSIC,
            "a protocol action without its reader version",
            log -> {
              // without the checksum, which would give the protocol without reading the commit
              Files.delete(log.resolve("00000000000000000012.crc"));
              Files.writeString(
                  commit(log, 12),
                  "{\"protocol\":{\"minWriterVersion\":2}}\n",
                  StandardOpenOption.APPEND);
            },
            Outcome.error(
                InvalidTableException.class,
                "Cannot read the log file `file:{t}/_delta_log/00000000000000000012.json`: its"
                    + " protocol action has no minReaderVersion, which the protocol requires. The"
                    + " log is corrupt.")));
    String dvFile = "part=8/part-00001-7c58de64-d72f-4373-8d86-dfdc00fb264e.c000.snappy.parquet";
    out.add(
        of(
            DVS,
            "a deletion vector whose cardinality is wrong",
            log -> edit(commit(log, 15), "\"cardinality\":1", "\"cardinality\":5"),
            Outcome.error(
                InvalidTableException.class,
                "Cannot apply the deletion vector of `file:{t}/"
                    + dvFile
                    + "` stored file:{t}/deletion_vector_179561f5-946c-40d8-b088-0d890e8c854c.bin: it"
                    + " holds 1 rows but the log says 5.")));
    out.add(
        of(
            DVS,
            "a deletion vector whose offset is outside its file",
            log -> edit(commit(log, 15), "\"offset\":1,", "\"offset\":100000,"),
            Outcome.error(
                EngineException.class,
                "Failed to read the deletion vector of `file:{t}/"
                    + dvFile
                    + "` from `file:{t}/deletion_vector_179561f5-946c-40d8-b088-0d890e8c854c.bin`:")));
    out.add(
        of(
            "kernel-rs/cdf-table",
            "a partition value that is not of its column's type",
            log ->
                edit(
                    commit(log, 2),
                    "{\"birthday\":\"2023-12-29\"},\"size\":911",
                    "{\"birthday\":\"not-a-date\"},\"size\":911"),
            Outcome.error(
                InvalidTableException.class,
                "Cannot read the partition value `not-a-date` of column `birthday` of the data file"
                    + " `birthday=2023-12-29/part-00001-8334a9a7-7041-4d88-8377-aa36cfe5762f.c000.snappy.parquet`"
                    + " as date:")));
    // -- hostile paths
    out.add(
        of(
            CLASSIC,
            "an add path that climbs out of the table",
            log -> edit(commit(log, 12), "\"path\":\"part-", "\"path\":\"../part-"),
            Outcome.error(
                InvalidTableException.class,
                "Cannot load `file:{t}`: the log names the data file"
                    + " `../part-00000-fef7ff50-f970-4080-bb8f-679812598b6a-c000.snappy.parquet`, a"
                    + " relative path that leads out of the table's directory.")));
    out.add(
        of(
            DVS,
            "a deletion vector path that climbs out of the table",
            log -> edit(commit(log, 15), "\"pathOrInlineDv\":\"", "\"pathOrInlineDv\":\"../"),
            Outcome.error(
                InvalidTableException.class,
                "Cannot apply the deletion vector of `file:{t}/"
                    + dvFile
                    + "` stored by the descriptor `../7NnC4LX-RqU.S:B4VD9n`: a relative deletion"
                    + " vector's prefix may not lead out of the table")));
    return out.stream();
  }

  private static Arguments of(String caseName, String damage, Damage d, Outcome outcome) {
    return Arguments.of(caseName, damage, d, outcome);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("damages")
  void damagedTablesAreReadRightOrRefused(String caseName, String damage, Damage d, Outcome outcome)
      throws Exception {
    Path table = copy(caseName, damage);
    d.apply(table.resolve("_delta_log"));
    if (outcome.error() == null) {
      ConformanceCase c =
          ConformanceCase.all().stream()
              .filter(x -> x.name.equals(caseName))
              .findFirst()
              .orElseThrow();
      ConformanceCase.compareRows(
          caseName + " with " + damage, read(table), c.expectedLatestRows().orElseThrow());
    } else {
      assertThatThrownBy(() -> read(table))
          .as(damage)
          .isInstanceOf(outcome.error())
          .hasMessageStartingWith(outcome.messageStart().replace("{t}", table.toString()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cdcPaths")
  void aChangeFilePathThatClimbsOutIsRefused(String path) throws Exception {
    Path table = copy("kernel-rs/cdf-table", "cdc " + path.replace('/', '_'));
    edit(commit(table.resolve("_delta_log"), 3), "\"path\":\"_change_data/", "\"path\":\"" + path);
    assertThatThrownBy(
            () ->
                TestBatches.canonicalChangeRows(
                    Table.forPath(engine, table.toString())
                        .getChanges()
                        .fromVersion(3)
                        .toVersion(3)
                        .build(engine)
                        .readData(engine)))
        .isInstanceOf(InvalidTableException.class)
        .hasMessageContaining("leads out of the table's directory");
  }

  static Stream<String> cdcPaths() {
    return Stream.of("../", "_change_data/../../");
  }

  private static List<String> read(Path table) {
    return TestBatches.canonicalRows(
        engine, Table.forPath(engine, table.toString()).getLatestSnapshot(engine));
  }

  private static Path copy(String caseName, String damage) throws Exception {
    assertThat(damage).isNotBlank();
    return SharedData.copyTable(caseName, Files.createTempDirectory(dir, "t"));
  }

  private static Path commit(Path log, long version) {
    return log.resolve(String.format("%020d.json", version));
  }

  /** Cuts {@code n} bytes off the end, or (negative) keeps half the file. */
  private static void truncate(Path f, int n) throws Exception {
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, n < 0 ? b.length / 2 : b.length - n));
  }

  private static void flip(Path f, int... fromEnd) throws Exception {
    byte[] b = Files.readAllBytes(f);
    for (int i : fromEnd) {
      b[b.length + i] ^= 0x55;
    }
    Files.write(f, b);
  }

  private static void overwrite(Path f, int from, int to) throws Exception {
    byte[] b = Files.readAllBytes(f);
    Arrays.fill(b, from, to, (byte) 0xFF);
    Files.write(f, b);
  }

  /** Replaces the first occurrence. */
  private static void edit(Path f, String from, String to) throws Exception {
    String s = Files.readString(f);
    int i = s.indexOf(from);
    assertThat(i).as(from + " in " + f).isNotNegative();
    Files.writeString(f, s.substring(0, i) + to + s.substring(i + from.length()));
  }
}
