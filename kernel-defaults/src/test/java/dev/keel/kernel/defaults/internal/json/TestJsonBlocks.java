package dev.keel.kernel.defaults.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.KernelException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestJsonBlocks {
  private static List<String> blocks(String text, int blockBytes) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    try (JsonBlocks blocks =
        new JsonBlocks(
            "f.json",
            () -> new ByteArrayInputStream(bytes),
            new JsonBlocks.Buffers(blockBytes, 2))) {
      blocks.forEachRemaining(
          b -> out.add(new String(b.bytes(), 0, b.length(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void cutsAfterTheLastNewlineThatFitsAndLosesNoByte() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      text.append("{\"i\":").append(i).append("}\n");
      if (i % 7 == 0) {
        text.append('\n');
      }
    }
    List<String> blocks = blocks(text.toString(), 32);
    assertThat(String.join("", blocks)).isEqualTo(text.toString());
    assertThat(blocks).hasSizeGreaterThan(10).allMatch(b -> b.endsWith("\n"));
    assertThat(blocks).allMatch(b -> b.length() <= 32);
  }

  @Test
  void aLineLongerThanABlockMakesALongerBlock() {
    String longLine = "{\"s\":\"" + "x".repeat(100) + "\"}\n";
    String text = "{\"i\":1}\n" + longLine + "{\"i\":2}\n".repeat(40) + "{\"i\":3}";
    List<String> blocks = blocks(text, 16);
    assertThat(String.join("", blocks)).isEqualTo(text);
    assertThat(blocks.get(0)).isEqualTo("{\"i\":1}\n");
    assertThat(blocks.get(1))
        .startsWith(longLine)
        .endsWith("\n"); // whole lines, the long one included
    assertThat(blocks.subList(0, blocks.size() - 1)).allMatch(b -> b.endsWith("\n"));
    assertThat(blocks.get(blocks.size() - 1))
        .endsWith("{\"i\":3}"); // the last line needs no newline
  }

  @Test
  void anEmptyFileHasNoBlocks() {
    assertThat(blocks("", 16)).isEmpty();
    assertThat(blocks("{}\n", 16)).containsExactly("{}\n");
  }

  @Test
  void readFailuresNameTheFile() {
    JsonBlocks failing =
        new JsonBlocks(
            "gone.json",
            () -> {
              throw new IOException("no such file");
            },
            new JsonBlocks.Buffers(16, 2));
    assertThatThrownBy(failing::hasNext)
        .isInstanceOf(KernelException.class)
        .hasMessage("Failed to open JSON file `gone.json`: IOException: no such file");
  }

  @Test
  void blockSizedBuffersAreReusedAndOthersAreNot() {
    JsonBlocks.Buffers buffers = new JsonBlocks.Buffers(16, 1);
    byte[] first = buffers.take(10);
    assertThat(first).hasSize(16);
    buffers.give(first);
    assertThat(buffers.take(16)).isSameAs(first);
    assertThat(buffers.take(16)).isNotSameAs(first); // the pool is empty again
    byte[] large = buffers.take(40);
    assertThat(large).hasSize(40);
    buffers.give(large);
    assertThat(buffers.take(16)).isNotSameAs(large).hasSize(16);
  }
}
