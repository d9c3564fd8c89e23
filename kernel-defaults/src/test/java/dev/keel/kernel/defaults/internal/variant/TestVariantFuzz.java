package dev.keel.kernel.defaults.internal.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.data.Variants;
import dev.keel.kernel.exceptions.MalformedDataException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Variant decoding under the fuzzer, held to parquet-variant ({@link VariantOracle}). An input is a
 * little-endian two-byte metadata length, the metadata, and the value. Whatever the bytes, {@link
 * Variants#toJson(byte[], byte[])} gives the text the oracle gives, or a {@link
 * MalformedDataException}: where the oracle reads the bytes too, only for the rules Keel keeps that
 * parquet-variant does not (values that overlap or lie outside the container that holds them,
 * nesting past 1,000 levels, decimals beyond their precision, the time type Spark does not have).
 * {@code -Pfuzz -Dfuzz.target=TestVariantFuzz} fuzzes it; the seeds in {@code
 * TestVariantFuzzInputs} are documents encoded as Spark's {@code parse_json} does.
 */
class TestVariantFuzz {
  private static final List<String> STRICTER_THAN_THE_ORACLE =
      List.of(
          "its values overlap",
          "lies outside its container",
          "runs past its container",
          "it nests deeper than",
          "decimal ",
          "unsupported variant primitive type 17");

  @FuzzTest(maxDuration = "30m")
  void rendersAsParquetReadsIt(byte[] input) {
    if (input.length < 2) {
      return;
    }
    int metadataLength = Math.min((input[0] & 0xff) | (input[1] & 0xff) << 8, input.length - 2);
    byte[] metadata = Arrays.copyOfRange(input, 2, 2 + metadataLength);
    byte[] value = Arrays.copyOfRange(input, 2 + metadataLength, input.length);
    check(metadata, value);
  }

  static void check(byte[] metadata, byte[] value) {
    String expected;
    try {
      expected = VariantOracle.toJson(metadata, value);
    } catch (RuntimeException oracleRefuses) {
      expected = null;
    }
    String actual;
    try {
      actual = Variants.toJson(metadata, value);
    } catch (MalformedDataException e) {
      if (expected != null) {
        assertThat(STRICTER_THAN_THE_ORACLE)
            .as("Keel refuses a variant parquet-variant reads as %s: %s", expected, e.getMessage())
            .anyMatch(rule -> e.getMessage().contains(rule));
      }
      return;
    }
    assertThat(expected)
        .as("Keel reads a variant parquet-variant refuses as %s", actual)
        .isNotNull();
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void documentsEncodedAsSparkDoesRenderAsTheOracleDoes() {
    for (String json :
        List.of(
            "null",
            "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\\u0001\"}}",
            "[1.5,-3,12345678901234567890,1e300,\"\"]",
            "{\"\":{\"\":[[[]]]}}",
            "\"" + "x".repeat(300) + "\"")) {
      byte[][] encoded = VariantEncoder.fromJson(json);
      check(encoded[0], encoded[1]);
      assertThat(Variants.toJson(encoded[0], encoded[1]))
          .isEqualTo(VariantOracle.toJson(encoded[0], encoded[1]));
    }
  }

  @Test
  void valuesThatShareTheirBytesAreRefusedNotRenderedOncePerReference() {
    // [v, v] where v is [w, w] ... 40 levels down: every element of each array is the same bytes
    byte[] value = VariantEncoder.nullValue();
    for (int level = 0; level < 40; level++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(3 | (3 << 2)); // an array with four-byte offsets
      out.write(2); // two elements
      int size = value.length;
      for (int offset : new int[] {0, 0, size}) {
        for (int b = 0; b < 4; b++) {
          out.write(offset >>> (8 * b));
        }
      }
      out.write(value, 0, value.length);
      value = out.toByteArray();
    }
    byte[] metadata = {1, 0, 0};
    byte[] bomb = value;
    assertThatThrownBy(() -> Variants.toJson(metadata, bomb))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Cannot read a variant value: its bytes are not a valid variant encoding (its values"
                + " overlap).");
  }

  @Test
  void aBinaryLongerThanItsBytesIsRefusedBeforeAnyAllocation() {
    byte[] value = {(byte) (15 << 2), (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
    assertThatThrownBy(() -> Variants.toJson(new byte[] {1, 0, 0}, value))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Cannot read a variant value: its bytes are not a valid variant encoding (the value at"
                + " byte 0 runs past its container).");
  }

  @Test
  void nestingIsReadTo1000LevelsAndRefusedBeyond() {
    byte[] value = VariantEncoder.nullValue();
    for (int level = 1; level <= 1_001; level++) {
      value = VariantEncoder.ofArray(List.of(value));
      if (level == 1_000) {
        assertThat(Variants.toJson(new byte[] {1, 0, 0}, value))
            .isEqualTo("[".repeat(1_000) + "null" + "]".repeat(1_000));
      }
    }
    byte[] tooDeep = value;
    assertThatThrownBy(() -> Variants.toJson(new byte[] {1, 0, 0}, tooDeep))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "Cannot read a variant value: its bytes are not a valid variant encoding (it nests"
                + " deeper than 1000 levels).");
  }
}
