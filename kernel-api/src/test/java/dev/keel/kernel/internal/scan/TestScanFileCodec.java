package dev.keel.kernel.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.exceptions.KernelException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Scan files as JSON (what a coordinator ships to workers) and as detached heap copies. */
class TestScanFileCodec {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"path\":\"a.parquet\",\"partitionValues\":{},\"size\":10,\"modificationTime\":1}",
        "{\"path\":\"q\\\"u\\\\o\\nt\\u0001e \u00e9.parquet\",\"partitionValues\":{\"k\\t\":\"v\\\"\"},"
            + "\"size\":10,\"modificationTime\":1}",
        "{\"path\":\"p=x%20y/b.parquet\",\"partitionValues\":{\"p\":\"x y\",\"q\":null},\"size\":20,\"modificationTime\":2,"
            + "\"stats\":\"{\\\"numRecords\\\":3}\"}",
        "{\"path\":\"c.parquet\",\"partitionValues\":{},\"size\":30,\"modificationTime\":3,\"deletionVector\":{\"storageType\":\"u\","
            + "\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":4,\"sizeInBytes\":40,\"cardinality\":6},"
            + "\"baseRowId\":100,\"defaultRowCommitVersion\":7}"
      })
  void aScanFileSurvivesJsonAndDetachingUnchanged(String json) {
    Row row = ScanFileCodec.fromJson(json);
    assertThat(ScanFileCodec.toJson(row)).isEqualTo(json);
    assertThat(ScanFileCodec.toJson(ScanFileCodec.detach(row))).isEqualTo(json);
    assertThat(ScanFile.toJson(ScanFile.fromJson(json))).isEqualTo(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[1,2]", "{\"path\":3}"})
  void somethingElseIsRefusedNamingIt(String json) {
    assertThatThrownBy(() -> ScanFile.getPath(ScanFileCodec.fromJson(json)))
        .isInstanceOf(KernelException.class)
        .hasMessageStartingWith(
            "Cannot read a scan file from `" + json + "`: it was not written by ScanFile.toJson (");
  }

  @org.junit.jupiter.api.Test
  void aFieldOfTheWrongTypeIsNamed() {
    assertThatThrownBy(() -> ScanFileCodec.fromJson("{\"path\":\"a\",\"size\":\"10\"}"))
        .isInstanceOf(KernelException.class)
        .hasMessage(
            "Cannot read a scan file from `{\"path\":\"a\",\"size\":\"10\"}`: it was not written by"
                + " ScanFile.toJson (java.lang.IllegalArgumentException: field `size` is \"10\", not a long).");
  }
}
