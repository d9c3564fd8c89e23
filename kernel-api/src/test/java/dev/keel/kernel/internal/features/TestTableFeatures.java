package dev.keel.kernel.internal.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.Protocol;
import dev.keel.kernel.exceptions.UnsupportedProtocolException;
import dev.keel.kernel.internal.Values;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which protocols Keel reads, and the exact refusal for those it does not. */
class TestTableFeatures {
  private static final String SUPPORTED =
      "[columnMapping, deletionVectors, timestampNtz, typeWidening, "
          + "typeWidening-preview, v2Checkpoint, vacuumProtocolCheck, variantShredding, variantShredding-preview, "
          + "variantType, variantType-preview]";

  private static Protocol protocol(int reader, int writer, String readerFeatures) {
    Set<String> features =
        readerFeatures == null ? Set.of() : new TreeSet<>(Arrays.asList(readerFeatures.split(" ")));
    return Values.make().protocol(reader, writer, features, Set.of());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1|2|",
        "2|5|",
        "3|7|deletionVectors columnMapping",
        "3|7|v2Checkpoint timestampNtz",
        "3|7|variantType typeWidening vacuumProtocolCheck"
      })
  void readableProtocolsPass(int reader, int writer, String features) {
    TableFeatures.checkReadable("mem:/t", protocol(reader, writer, features));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "3|7|futureThing|[futureThing]",
        "3|7|zeta deletionVectors alpha|[alpha, zeta]",
      })
  void unknownReaderFeaturesAreRefusedByName(
      int reader, int writer, String features, String named) {
    assertThatThrownBy(
            () -> TableFeatures.checkReadable("mem:/t", protocol(reader, writer, features)))
        .isInstanceOf(UnsupportedProtocolException.class)
        .hasMessage(
            "Cannot read `mem:/t`: reader feature(s) "
                + named
                + " are not supported by Keel 0.1. "
                + "Supported reader features: "
                + SUPPORTED
                + ".");
  }

  @ParameterizedTest
  @CsvSource({"4", "0", "99"})
  void readerVersionsOutsideOneToThreeAreRefused(int reader) {
    assertThatThrownBy(() -> TableFeatures.checkReadable("mem:/t", protocol(reader, 7, null)))
        .isInstanceOf(UnsupportedProtocolException.class)
        .hasMessage(
            "Cannot read `mem:/t`: it requires reader version "
                + reader
                + " and Keel supports reader versions 1 to 3. Upgrade Keel or read the table with a newer reader.");
  }

  @Test
  void columnMappingIsActiveWhenListedOrImpliedByReaderVersionTwo() {
    assertThat(TableFeatures.isReaderFeatureActive(protocol(2, 5, null), "columnMapping")).isTrue();
    assertThat(TableFeatures.isReaderFeatureActive(protocol(1, 2, null), "columnMapping"))
        .isFalse();
    assertThat(
            TableFeatures.isReaderFeatureActive(protocol(3, 7, "columnMapping"), "columnMapping"))
        .isTrue();
    assertThat(
            TableFeatures.isReaderFeatureActive(protocol(3, 7, "deletionVectors"), "columnMapping"))
        .isFalse();
    assertThat(
            TableFeatures.isReaderFeatureActive(
                protocol(3, 7, "deletionVectors"), "deletionVectors"))
        .isTrue();
  }

  @Test
  void theSupportedListIsWhatTheRefusalNames() {
    assertThat(TableFeatures.supportedReaderFeatures().toString()).isEqualTo(SUPPORTED);
  }
}
