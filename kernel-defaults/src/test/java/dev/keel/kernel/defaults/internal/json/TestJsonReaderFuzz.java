package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The JSON reader under the fuzzer, held to Jackson ({@link JsonOracle}). In every build the fuzz
 * target runs its regression inputs (the {@code TestJsonReaderFuzzInputs} resources: seeds and past
 * findings) and every line of every commit of the shared cases; {@code -Pfuzz} (with {@code
 * JAZZER_FUZZ=1}) mutates inputs for the time the README gives.
 */
class TestJsonReaderFuzz {
  @FuzzTest(maxDuration = "30m")
  void readsAsJacksonDoes(byte[] input) {
    JsonOracle.check(input);
  }

  @Test
  void everyCommitLineOfTheSharedCasesReadsAsJacksonDoes() throws IOException {
    int lines = 0;
    try (Stream<Path> files = Files.walk(SharedData.casesDir())) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (f.toString().contains("_delta_log")
            && (name.endsWith(".json") || name.endsWith(".crc"))) {
          byte[] bytes = Files.readAllBytes(f);
          int start = 0;
          for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
              JsonOracle.check(java.util.Arrays.copyOfRange(bytes, start, i));
              lines++;
              start = i + 1;
            }
          }
        }
      }
    }
    assertThat(lines).isGreaterThan(4_000); // the shared cases hold 4,452 lines today
  }
}
