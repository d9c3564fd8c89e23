package dev.keel.kernel.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.internal.util.JacksonTree;
import dev.keel.kernel.testing.InMemoryEngine;
import dev.keel.kernel.testing.SharedData;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checksum files ({@code NNN.crc}) under the fuzzer. A checksum is optional: whatever its bytes,
 * reading it never fails; it is ignored (and the log read instead) unless it is complete, and what
 * is read from it is what Jackson reads from the same text: the totals, both protocol versions, the
 * table id and its schema string. The kernel's JSON reader is held to Jackson on every input
 * ({@link JacksonTree}). {@code -Pfuzz -Dfuzz.target=TestChecksumFuzz} fuzzes it.
 */
class TestChecksumFuzz {
  @FuzzTest(maxDuration = "30m")
  void readsOrIgnores(byte[] input) {
    check(input);
  }

  private static Optional<Checksum> check(byte[] input) {
    InMemoryEngine engine = new InMemoryEngine();
    String path = "mem:/t/_delta_log/00000000000000000003.crc";
    engine.files().put(path, input, 1);
    Optional<Checksum> read = Checksum.read(engine, FileStatus.of(path, input.length, 1));
    Object tree = JacksonTree.check(new String(input, StandardCharsets.UTF_8));
    if (read.isPresent()) {
      Checksum c = read.get();
      Map<?, ?> m = (Map<?, ?>) tree;
      Map<?, ?> protocol = (Map<?, ?>) m.get("protocol");
      Map<?, ?> metadata = (Map<?, ?>) m.get("metadata");
      assertThat(c.tableSizeBytes).isEqualTo(m.get("tableSizeBytes"));
      assertThat(c.numFiles).isEqualTo(m.get("numFiles"));
      assertThat((long) c.protocol.getMinReaderVersion())
          .isEqualTo(protocol.get("minReaderVersion"));
      assertThat((long) c.protocol.getMinWriterVersion())
          .isEqualTo(protocol.get("minWriterVersion"));
      assertThat(c.metadata.getId()).isEqualTo(metadata.get("id"));
      assertThat(c.metadata.getSchemaString()).isEqualTo(metadata.get("schemaString"));
    }
    return read;
  }

  @Test
  void theChecksumsOfTheSharedCasesAreReadAsJacksonReadsThem() throws IOException {
    int files = 0;
    try (Stream<Path> all = Files.walk(SharedData.casesDir())) {
      for (Path f : (Iterable<Path>) all::iterator) {
        if (f.getFileName().toString().endsWith(".crc") && f.toString().contains("_delta_log")) {
          files += check(Files.readAllBytes(f)).isPresent() ? 1 : 0;
        }
      }
    }
    assertThat(files).isGreaterThan(20); // and crc-malformed's is ignored
  }
}
