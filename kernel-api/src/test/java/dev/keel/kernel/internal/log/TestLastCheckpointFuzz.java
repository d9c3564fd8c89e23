package dev.keel.kernel.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.internal.util.JacksonTree;
import dev.keel.kernel.testing.InMemoryEngine;
import dev.keel.kernel.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code _last_checkpoint} under the fuzzer. It is only a hint: whatever its bytes, reading it
 * never fails, and gives the {@code version} Jackson reads from the same text (an integer field of
 * a JSON object) or nothing, so that the loader lists the log instead. The kernel's JSON reader is
 * held to Jackson on every input ({@link JacksonTree}). {@code -Pfuzz
 * -Dfuzz.target=TestLastCheckpointFuzz} fuzzes it.
 */
class TestLastCheckpointFuzz {
  @FuzzTest(maxDuration = "30m")
  void hintsOrIgnores(byte[] input) {
    check(input);
  }

  private static Optional<Long> check(byte[] input) {
    InMemoryEngine engine = new InMemoryEngine();
    engine.files().put("mem:/t/_delta_log/_last_checkpoint", input, 1);
    Optional<Long> hint = LogSegmentLoader.readLastCheckpointVersion(engine, "mem:/t/_delta_log");
    Object tree = JacksonTree.check(new String(input, StandardCharsets.UTF_8));
    Object version = tree instanceof Map ? ((Map<?, ?>) tree).get("version") : null;
    assertThat(hint)
        .isEqualTo(version instanceof Long ? Optional.of((Long) version) : Optional.empty());
    return hint;
  }

  @Test
  void theLastCheckpointsOfTheSharedCasesGiveTheVersionJacksonReads() throws IOException {
    int files = 0;
    try (Stream<Path> all = Files.walk(SharedData.casesDir())) {
      for (Path f : (Iterable<Path>) all::iterator) {
        if (f.getFileName().toString().equals("_last_checkpoint")) {
          files += check(Files.readAllBytes(f)).isPresent() ? 1 : 0;
        }
      }
    }
    assertThat(files).isGreaterThan(20);
  }
}
