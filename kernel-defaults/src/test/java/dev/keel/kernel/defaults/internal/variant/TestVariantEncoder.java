package dev.keel.kernel.defaults.internal.variant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.internal.variant.VariantJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestVariantEncoder {
  private static String roundTrip(String json) {
    byte[][] mv = VariantEncoder.fromJson(json);
    return VariantJson.toJson(mv[0], mv[1]);
  }

  @Test
  void encodesJsonDocumentsThatDecodeToTheSameJson() {
    assertThat(
            roundTrip("{\"b\":[1,-200,70000,5000000000,true,null],\"a\":{\"x\":\"é\",\"y\":1.25}}"))
        .isEqualTo("{\"a\":{\"x\":\"é\",\"y\":1.25},\"b\":[1,-200,70000,5000000000,true,null]}");
    assertThat(roundTrip("\"just text\"")).isEqualTo("\"just text\"");
    assertThat(roundTrip("null")).isEqualTo("null");
    assertThat(roundTrip("[]")).isEqualTo("[]");
    assertThat(roundTrip("1e300"))
        .as("too many digits for a decimal: a double")
        .isEqualTo("1.0E300");
  }

  @Test
  void largeObjectsAndLongStringsUseWiderOffsets() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 300; i++) {
      sb.append(i == 0 ? "" : ",")
          .append("\"k")
          .append(String.format("%03d", i))
          .append("\":\"")
          .append("v".repeat(100))
          .append('"');
    }
    String json = sb.append('}').toString();
    assertThat(roundTrip(json)).isEqualTo(json);
  }

  @Test
  void metadataListsTheSortedDictionary() {
    byte[] m = VariantEncoder.metadata(List.of("a", "bb", "c"));
    assertThat(m[0] & 0xff).as("version 1, sorted, 1-byte offsets").isEqualTo(0x11);
    assertThat(VariantJson.dictionary(m)).containsExactly("a", "bb", "c");
    assertThat(VariantJson.dictionary(VariantEncoder.metadata(List.of("z", "a")))[0])
        .isEqualTo("z");
    assertThat(VariantEncoder.metadata(List.of("z", "a"))[0] & 0x10).as("not sorted").isZero();
  }
}
