package dev.keel.connectors.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.PathAlreadyExistsException;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import io.trino.filesystem.local.LocalFileSystem;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keel's file access on Trino's local file system. */
class TestTrinoFileSystemClient {
  @TempDir Path dir;

  private TrinoFileSystemClient client() {
    return new TrinoFileSystemClient(new LocalFileSystem(Path.of("/")));
  }

  private String uri(String relative) {
    return "file:" + dir.resolve(relative);
  }

  @Test
  void listsTheDirectorysOwnFilesFromANameInByteOrder() throws Exception {
    Path log = Files.createDirectories(dir.resolve("_delta_log"));
    Files.createDirectories(log.resolve("_sidecars"));
    Files.writeString(log.resolve("_sidecars/a.parquet"), "x");
    for (String name : List.of("00002.json", "00000.json", "00001.json", "_last_checkpoint")) {
      Files.writeString(log.resolve(name), name);
    }
    List<String> names = new ArrayList<>();
    try (CloseableIterator<FileStatus> it = client().listFrom(uri("_delta_log/00001"))) {
      it.forEachRemaining(f -> names.add(f.getName()));
    }
    assertThat(names).containsExactly("00001.json", "00002.json", "_last_checkpoint");
    assertThatThrownBy(() -> client().listFrom(uri("missing/00000")))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void writesExclusivelyAndReadsBack() throws Exception {
    TrinoFileSystemClient c = client();
    assertThat(c.mkdirs(uri("t/_delta_log"))).isTrue();
    String path = uri("t/_delta_log/00000.json");
    c.write(path, "one".getBytes(StandardCharsets.UTF_8), false);
    assertThatThrownBy(() -> c.write(path, "two".getBytes(StandardCharsets.UTF_8), false))
        .isInstanceOf(PathAlreadyExistsException.class)
        .hasMessage("Cannot write " + path + ": it exists already (another writer created it)");
    try (InputStream in = c.open(path)) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("one");
    }
    assertThat(new String(c.readRange(path, 1, 2), StandardCharsets.UTF_8)).isEqualTo("ne");
    assertThat(c.getFileStatus(path).getSize()).isEqualTo(3);
    c.write(path, "three".getBytes(StandardCharsets.UTF_8), true);
    assertThat(c.getFileStatus(path).getSize()).isEqualTo(5);
    assertThat(c.delete(path)).isTrue();
    assertThat(c.delete(path)).isFalse();
    assertThatThrownBy(() -> c.getFileStatus(path)).isInstanceOf(FileNotFoundException.class);
    assertThat(c.resolvePath(dir.toString() + "/")).isEqualTo("file:" + dir);
  }
}
