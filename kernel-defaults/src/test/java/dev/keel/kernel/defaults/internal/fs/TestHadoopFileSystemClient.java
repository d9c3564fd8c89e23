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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Hadoop-backed client, exercised through Hadoop's own local file system (raw, no .crc files).
 */
class TestHadoopFileSystemClient {
  @TempDir Path dir;

  private HadoopFileSystemClient client() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return new HadoopFileSystemClient(conf);
  }

  private String uri(String name) {
    return "file:" + dir.resolve(name);
  }

  @Test
  void writesListsAndReadsLikeTheLocalClient() throws Exception {
    HadoopFileSystemClient fs = client();
    assertThat(fs.mkdirs(uri("t/_delta_log"))).isTrue();
    fs.write(
        uri("t/_delta_log/00000000000000000001.json"),
        "one".getBytes(StandardCharsets.UTF_8),
        false);
    fs.write(
        uri("t/_delta_log/00000000000000000000.json"),
        "zero".getBytes(StandardCharsets.UTF_8),
        false);
    fs.write(
        uri("t/_delta_log/00000000000000000002.json"),
        "two".getBytes(StandardCharsets.UTF_8),
        false);
    List<String> names = new ArrayList<>();
    try (CloseableIterator<FileStatus> it = fs.listFrom(uri("t/_delta_log/00000000000000000001"))) {
      it.forEachRemaining(s -> names.add(s.getName()));
    }
    assertThat(names).containsExactly("00000000000000000001.json", "00000000000000000002.json");
    assertThat(
            new String(
                fs.readRange(uri("t/_delta_log/00000000000000000000.json"), 1, 3),
                StandardCharsets.UTF_8))
        .isEqualTo("ero");
    try (InputStream in = fs.open(uri("t/_delta_log/00000000000000000002.json"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("two");
    }
    assertThat(fs.getFileStatus(uri("t/_delta_log/00000000000000000002.json")).getSize())
        .isEqualTo(3);
    assertThat(fs.resolvePath(uri("t"))).isEqualTo("file:" + dir.resolve("t"));
  }

  @Test
  void putIfAbsentRefusesAnExistingFileAndOverwriteReplacesIt() throws Exception {
    HadoopFileSystemClient fs = client();
    String f = uri("c.json");
    fs.write(f, "a".getBytes(StandardCharsets.UTF_8), false);
    assertThatThrownBy(() -> fs.write(f, "b".getBytes(StandardCharsets.UTF_8), false))
        .isInstanceOf(PathAlreadyExistsException.class)
        .hasMessage(
            "Cannot create `"
                + f
                + "`: the file already exists. Another writer created it first; "
                + "re-read the table and retry.");
    fs.write(f, "c".getBytes(StandardCharsets.UTF_8), true);
    assertThat(fs.readRange(f, 0, 1)).containsExactly('c');
    assertThat(fs.delete(f)).isTrue();
    assertThat(fs.delete(f)).isFalse();
  }

  @Test
  void reportsMissingFilesAndShortReads() throws Exception {
    HadoopFileSystemClient fs = client();
    assertThatThrownBy(() -> fs.getFileStatus(uri("missing")))
        .isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> fs.listFrom(uri("nodir/x")))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("Directory does not exist: " + uri("nodir"));
    fs.write(uri("short"), new byte[] {1, 2}, false);
    assertThatThrownBy(() -> fs.readRange(uri("short"), 1, 5))
        .isInstanceOf(EOFException.class)
        .hasMessage("Reached the end of " + uri("short") + " while reading 5 bytes at offset 1");
  }
}
