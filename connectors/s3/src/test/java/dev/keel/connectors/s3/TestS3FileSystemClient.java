package dev.keel.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.connectors.s3.testing.S3ProxyServer;
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
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The S3 file system client against a real S3 API server (s3proxy). */
class TestS3FileSystemClient {
  @TempDir static Path work;
  private static S3ProxyServer server;
  private static S3FileSystemClient fs;

  @BeforeAll
  static void start() {
    server = S3ProxyServer.start(work);
    server.createBucket("bkt");
    fs =
        (S3FileSystemClient)
            new S3FileSystemProvider()
                .create(
                    Map.of(
                        "keel.s3.endpoint", server.endpoint(),
                        "keel.s3.multipartThreshold", String.valueOf(5 << 20),
                        "keel.s3.partSize", String.valueOf(5 << 20)));
  }

  @AfterAll
  static void stop() {
    if (fs != null) {
      fs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static List<String> names(CloseableIterator<FileStatus> it) throws Exception {
    List<String> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(f -> out.add(f.getName()));
    }
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putIfAbsentRefusesAnExistingFileUnlessItHoldsTheSameBytes() throws Exception {
    fs.write("s3://bkt/put/00.json", bytes("first"), false);
    assertThatThrownBy(() -> fs.write("s3://bkt/put/00.json", bytes("second"), false))
        .isInstanceOf(PathAlreadyExistsException.class)
        .hasMessage(
            "Cannot write s3://bkt/put/00.json: it exists already (another writer created it)");
    // the same bytes again: a retry of a write that landed
    fs.write("s3://bkt/put/00.json", bytes("first"), false);
    fs.write("s3://bkt/put/00.json", bytes("replaced"), true);
    try (InputStream in = fs.open("s3a://bkt/put/00.json")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("replaced");
    }
  }

  @Test
  void listsFromANameInByteOrderWithoutSubdirectories() throws Exception {
    for (String name : new String[] {"a/1.json", "a/2.json", "a/2.jsoa", "a/3.json", "a/sub/x"}) {
      fs.write("s3://bkt/list/" + name, bytes(name), false);
    }
    assertThat(names(fs.listFrom("s3://bkt/list/a/2.json"))).containsExactly("2.json", "3.json");
    assertThat(names(fs.listFrom("s3://bkt/list/a/0")))
        .containsExactly("1.json", "2.jsoa", "2.json", "3.json");
    assertThat(names(fs.listRecursively("s3://bkt/list")))
        .containsExactlyInAnyOrder("1.json", "2.json", "2.jsoa", "3.json", "x");
    FileStatus status = fs.getFileStatus("s3://bkt/list/a/1.json");
    assertThat(status.getPath()).isEqualTo("s3://bkt/list/a/1.json");
    assertThat(status.getSize()).isEqualTo(8);
    assertThat(status.getModificationTime()).isPositive();
    assertThatThrownBy(() -> fs.listFrom("s3://bkt/nothing/here/0"))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("No such directory: s3://bkt/nothing/here");
    assertThatThrownBy(() -> fs.getFileStatus("s3://bkt/list/missing"))
        .isInstanceOf(FileNotFoundException.class)
        .hasMessage("No such file: s3://bkt/list/missing");
  }

  @Test
  void listsPageByPage() throws Exception {
    S3Options small = S3Options.from(Map.of("keel.s3.endpoint", server.endpoint()), Map.of());
    small =
        new S3Options(
            small.endpoint(),
            small.region(),
            small.pathStyle(),
            small.maxAttempts(),
            small.multipartThreshold(),
            small.partSize(),
            small.requestTimeoutMillis(),
            small.retryBaseMillis(),
            3);
    try (S3FileSystemClient paged =
        new S3FileSystemClient(S3FileSystemProvider.client(small), small)) {
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String name = String.format("%020d.json", i);
        paged.write("s3://bkt/pages/" + name, bytes("x"), false);
        if (i >= 2) {
          expected.add(name);
        }
      }
      assertThat(names(paged.listFrom("s3://bkt/pages/" + String.format("%020d", 2))))
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void readsRangesAndUploadsLargeFilesInParts() throws Exception {
    byte[] large = new byte[12 << 20]; // three parts of 5 MiB at most
    new Random(7).nextBytes(large);
    fs.write("s3://bkt/big/data.parquet", large, false);
    assertThat(fs.getFileStatus("s3://bkt/big/data.parquet").getSize()).isEqualTo(large.length);
    byte[] tail = fs.readRange("s3://bkt/big/data.parquet", large.length - 8, 8);
    assertThat(tail)
        .containsExactly(java.util.Arrays.copyOfRange(large, large.length - 8, large.length));
    byte[] middle = fs.readRange("s3://bkt/big/data.parquet", 5 << 20, 1000);
    assertThat(middle)
        .containsExactly(java.util.Arrays.copyOfRange(large, 5 << 20, (5 << 20) + 1000));
    assertThatThrownBy(() -> fs.readRange("s3://bkt/big/data.parquet", large.length - 4, 8))
        .isInstanceOf(EOFException.class)
        .hasMessage(
            "Cannot read 8 bytes at "
                + (large.length - 4)
                + " of s3://bkt/big/data.parquet: it has "
                + large.length
                + " bytes");
    byte[] other = large.clone();
    other[0]++;
    assertThatThrownBy(() -> fs.write("s3://bkt/big/data.parquet", other, false))
        .as("a multipart upload is put-if-absent too")
        .isInstanceOf(PathAlreadyExistsException.class);
  }

  @Test
  void deleteSaysWhetherTheFileExisted() throws Exception {
    fs.write("s3://bkt/del/x", bytes("x"), false);
    assertThat(fs.delete("s3://bkt/del/x")).isTrue();
    assertThat(fs.delete("s3://bkt/del/x")).isFalse();
    assertThat(fs.mkdirs("s3://bkt/del/dir")).isTrue();
    assertThat(fs.resolvePath("s3a://bkt//del/dir/")).isEqualTo("s3a://bkt/del/dir");
  }

  @Test
  void refusesPathsAndOptionsThatAreNotS3() {
    assertThatThrownBy(() -> fs.getFileStatus("gs://bkt/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not an S3 path: `gs://bkt/x`. Use s3://bucket/key or s3a://bucket/key.");
    assertThatThrownBy(() -> fs.getFileStatus("s3:///x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("No bucket in `s3:///x`. Use s3://bucket/key or s3a://bucket/key.");
    assertThatThrownBy(() -> S3Options.from(Map.of("keel.s3.partSize", "1"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keel.s3.partSize must be a whole number from 5242880 to 2147483647, not `1`");
    assertThatThrownBy(() -> S3Options.from(Map.of("keel.s3.pathStyle", "yes"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keel.s3.pathStyle must be true or false, not `yes`");
    assertThatThrownBy(() -> S3Options.from(Map.of("keel.s3.endpoint", "localhost"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "keel.s3.endpoint must be a URL such as http://127.0.0.1:9000, not `localhost`");
    S3Options env = S3Options.from(Map.of(), Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1"));
    assertThat(env.endpoint()).hasValue(java.net.URI.create("http://127.0.0.1:1"));
    assertThat(env.pathStyle()).as("path style when an endpoint is set").isTrue();
    assertThat(S3Options.from(Map.of(), Map.of()).pathStyle()).isFalse();
  }
}
