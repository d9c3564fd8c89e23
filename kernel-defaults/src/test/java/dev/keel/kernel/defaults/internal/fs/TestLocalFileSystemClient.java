package dev.keel.kernel.defaults.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestLocalFileSystemClient {
  @TempDir Path dir;
  private final LocalFileSystemClient fs = new LocalFileSystemClient();

  private List<String> names(CloseableIterator<FileStatus> it) {
    List<String> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(s -> out.add(s.getName()));
    }
    return out;
  }

  @Test
  void listsFilesFromANameInOrder() throws Exception {
    Path log = Files.createDirectories(dir.resolve("_delta_log"));
    for (String n :
        List.of(
            "00000000000000000002.json",
            "00000000000000000000.json",
            "00000000000000000001.checkpoint.parquet",
            "00000000000000000001.json",
            "_last_checkpoint")) {
      Files.write(log.resolve(n), new byte[] {1});
    }
    Files.createDirectories(log.resolve("00000000000000000001.zzz")); // directories are not listed
    assertThat(names(fs.listFrom("file:" + log.resolve("00000000000000000001"))))
        .containsExactly(
            "00000000000000000001.checkpoint.parquet",
            "00000000000000000001.json",
            "00000000000000000002.json",
            "_last_checkpoint");
    FileStatus first = fs.listFrom(log.resolve("0").toString()).next();
    assertThat(first.getPath()).isEqualTo("file:" + log.resolve("00000000000000000000.json"));
    assertThat(first.getSize()).isEqualTo(1);
  }

  @Test
  void listingAMissingDirectoryFails() {
    assertThatThrownBy(() -> fs.listFrom("file:" + dir.resolve("nope/_delta_log/0")))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("Directory does not exist: file:" + dir.resolve("nope/_delta_log"));
  }

  @Test
  void resolvesPathsToFileUris() {
    assertThat(fs.resolvePath("/tmp/a/../b/")).isEqualTo("file:/tmp/b");
    assertThat(fs.resolvePath("file:///tmp/x")).isEqualTo("file:/tmp/x");
    assertThat(fs.resolvePath("file:/tmp/x y")).isEqualTo("file:/tmp/x y");
  }

  @Test
  void readsRangesAndStreams() throws Exception {
    Path f = dir.resolve("f");
    Files.write(f, "0123456789".getBytes(StandardCharsets.US_ASCII));
    assertThat(new String(fs.readRange(f.toString(), 3, 4), StandardCharsets.US_ASCII))
        .isEqualTo("3456");
    try (InputStream in = fs.open("file:" + f)) {
      assertThat(in.readAllBytes()).hasSize(10);
    }
    assertThatThrownBy(() -> fs.readRange(f.toString(), 8, 4))
        .isInstanceOf(EOFException.class)
        .hasMessage("Reached the end of " + f + " (10 bytes) while reading 4 bytes at offset 8");
    // a length the file cannot hold is refused before anything of that length is allocated
    assertThatThrownBy(() -> fs.readRange(f.toString(), 0, Integer.MAX_VALUE))
        .isInstanceOf(EOFException.class)
        .hasMessage(
            "Reached the end of " + f + " (10 bytes) while reading 2147483647 bytes at offset 0");
    assertThatThrownBy(() -> fs.getFileStatus(dir.resolve("missing").toString()))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("File does not exist: " + dir.resolve("missing"));
  }

  @Test
  void putIfAbsentHasExactlyOneWinnerAmongRacingWriters() throws Exception {
    int writers = 8;
    for (int round = 0; round < 20; round++) {
      Path target = dir.resolve("race/" + String.format("%020d", round) + ".json");
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        byte[] content = ("writer-" + w + "\n").repeat(1000).getBytes(StandardCharsets.US_ASCII);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    fs.write(target.toString(), content, false);
                    return true;
                  } catch (PathAlreadyExistsException lost) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int winners = 0;
      for (Future<Boolean> r : results) {
        winners += r.get() ? 1 : 0;
      }
      pool.shutdown();
      assertThat(winners).as("round %d", round).isEqualTo(1);
      String content = Files.readString(target);
      assertThat(content.lines().distinct().count())
          .as("one writer's complete content")
          .isEqualTo(1);
      assertThat(content.lines().count()).isEqualTo(1000);
    }
    try (Stream<Path> left = Files.list(dir.resolve("race"))) {
      assertThat(left.filter(p -> p.getFileName().toString().endsWith(".tmp")))
          .as("no temporary files left")
          .isEmpty();
    }
  }

  @Test
  void overwriteReplacesAtomicallyAndDeleteReportsWhetherAFileWasThere() throws Exception {
    Path f = dir.resolve("sub/dir/_last_checkpoint");
    fs.write(f.toString(), "a".getBytes(StandardCharsets.UTF_8), true);
    fs.write(f.toString(), "b".getBytes(StandardCharsets.UTF_8), true);
    assertThat(Files.readString(f)).isEqualTo("b");
    assertThatThrownBy(() -> fs.write(f.toString(), new byte[0], false))
        .isInstanceOf(PathAlreadyExistsException.class);
    assertThat(fs.delete(f.toString())).isTrue();
    assertThat(fs.delete(f.toString())).isFalse();
    assertThat(fs.mkdirs("file:" + dir.resolve("x/y"))).isTrue();
    assertThat(Files.isDirectory(dir.resolve("x/y"))).isTrue();
  }
}
