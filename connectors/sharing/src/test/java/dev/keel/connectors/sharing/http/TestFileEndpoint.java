package dev.keel.connectors.sharing.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.connectors.sharing.SharingConfig;
import dev.keel.connectors.sharing.read.SharedTables;
import dev.keel.kernel.testing.InMemoryEngine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file endpoint with signatures the test makes itself (it knows the key): even a correctly
 * signed path cannot leave its table, by {@code ..}, by an absolute path or by a symbolic link.
 */
class TestFileEndpoint {
  private static final byte[] SECRET =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final long NOW = 1_000_000;

  @TempDir Path dir;
  private FileEndpoint files;
  private Hmac hmac;

  @BeforeEach
  void setUp() throws Exception {
    Path table = Files.createDirectories(dir.resolve("t/p=1"));
    Files.writeString(table.resolve("data.parquet"), "0123456789");
    Files.writeString(dir.resolve("outside.parquet"), "secret");
    Files.createSymbolicLink(table.resolve("link.parquet"), dir.resolve("outside.parquet"));
    SharingConfig config =
        SharingConfig.parse(
            "version: 1\nshares:\n- name: s\n  schemas:\n  - name: d\n    tables:\n    - name: t\n"
                + "      location: t\nauthorization:\n  bearerToken: x\n",
            "test",
            dir);
    hmac = Hmac.derive(SECRET, LocalFiles.PURPOSE);
    files = new FileEndpoint(hmac, new SharedTables(config, new InMemoryEngine()), () -> NOW);
  }

  private FileEndpoint.Answer resolve(String relative, long expires, String range)
      throws Exception {
    return files.resolve(
        Hmac.encode("s/d/t"),
        Hmac.encode(relative),
        Long.toString(expires),
        hmac.sign(LocalFiles.message("s/d/t", relative, expires)),
        range);
  }

  @Test
  void aSignedFileOfTheTableIsServedWholeOrByRange() throws Exception {
    FileEndpoint.Answer whole = resolve("p=1/data.parquet", NOW + 60, null);
    assertThat(whole.partial()).isFalse();
    assertThat(whole.length()).isEqualTo(10);
    assertThat(send(whole)).isEqualTo("0123456789");
    assertThat(send(resolve("p=1/data.parquet", NOW + 60, "bytes=2-4"))).isEqualTo("234");
    assertThat(send(resolve("p=1/data.parquet", NOW + 60, "bytes=7-"))).isEqualTo("789");
    assertThat(send(resolve("p=1/data.parquet", NOW + 60, "bytes=-2"))).isEqualTo("89");
    assertThat(send(resolve("p=1/data.parquet", NOW + 60, "bytes=8-99"))).isEqualTo("89");
    // several ranges, or a range that is no range, get the whole file
    assertThat(resolve("p=1/data.parquet", NOW + 60, "bytes=0-1,4-5").partial()).isFalse();
    assertThat(resolve("p=1/data.parquet", NOW + 60, "bytes=x-y").partial()).isFalse();
    assertThatThrownBy(() -> resolve("p=1/data.parquet", NOW + 60, "bytes=10-12"))
        .isInstanceOf(SharingException.class)
        .hasMessage("The range bytes=10-12 is outside the file's 10 bytes.");
  }

  @Test
  void signedPathsOutOfTheTableAreRefused() throws Exception {
    for (String escape :
        new String[] {
          "../outside.parquet",
          "p=1/../../outside.parquet",
          "/etc/passwd",
          "p=1/link.parquet",
          "",
          "p=1"
        }) {
      assertThatThrownBy(() -> resolve(escape, NOW + 60, null))
          .as(escape)
          .isInstanceOf(SharingException.class)
          .hasMessage("The file URL is not valid: query the table again for a new one.");
    }
  }

  @Test
  void expiredAndMissingFilesAreTold() {
    assertThatThrownBy(() -> resolve("p=1/data.parquet", NOW - 1, null))
        .hasMessage("The file URL has expired: query the table again for a new one.");
    assertThatThrownBy(() -> resolve("p=1/gone.parquet", NOW + 60, null))
        .hasMessage("The file no longer exists; query the table again.");
    assertThatThrownBy(
            () ->
                files.resolve(
                    Hmac.encode("s/d/other"),
                    Hmac.encode("x"),
                    Long.toString(NOW + 60),
                    hmac.sign(LocalFiles.message("s/d/other", "x", NOW + 60)),
                    null))
        .hasMessage("The file's table is no longer shared.");
  }

  private static String send(FileEndpoint.Answer a) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FileEndpoint.send(a, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
