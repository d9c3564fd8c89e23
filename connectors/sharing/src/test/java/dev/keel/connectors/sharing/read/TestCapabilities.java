package dev.keel.connectors.sharing.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.connectors.sharing.http.SharingException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestCapabilities {
  private static final Set<String> PLAIN = Set.of();
  private static final Set<String> DVS = Set.of("deletionVectors");
  private static final Set<String> V2 =
      new java.util.TreeSet<>(Set.of("v2Checkpoint", "timestampNtz"));

  @Test
  void parquetIsTheDefaultAndPreferredWhereTheTableAllowsIt() {
    assertThat(Capabilities.parse(null).choose(PLAIN, Map.of(), "t"))
        .isEqualTo(Capabilities.Format.PARQUET);
    assertThat(Capabilities.parse("responseformat=delta,parquet").choose(PLAIN, Map.of(), "t"))
        .isEqualTo(Capabilities.Format.PARQUET);
    assertThat(Capabilities.parse("responseFormat=DELTA").choose(PLAIN, Map.of(), "t"))
        .isEqualTo(Capabilities.Format.DELTA);
    assertThat(Capabilities.parse(null).includeEndStreamAction()).isFalse();
    assertThat(
            Capabilities.parse(" responseformat = delta ; includeendstreamaction=true ")
                .includeEndStreamAction())
        .isTrue();
  }

  @Test
  void deletionVectorsAndColumnMappingNeedTheDeltaFormat() {
    assertThat(Capabilities.needsDeltaFormat(DVS, Map.of())).isTrue();
    assertThat(Capabilities.needsDeltaFormat(PLAIN, Map.of("delta.columnMapping.mode", "name")))
        .isTrue();
    assertThat(Capabilities.needsDeltaFormat(PLAIN, Map.of("delta.columnMapping.mode", "none")))
        .isFalse();
    assertThat(
            Capabilities.parse("responseformat=delta,parquet;readerfeatures=deletionvectors")
                .choose(DVS, Map.of(), "t"))
        .isEqualTo(Capabilities.Format.DELTA);
    assertThatThrownBy(() -> Capabilities.parse(null).choose(DVS, Map.of(), "s.x.t"))
        .isInstanceOf(SharingException.class)
        .hasMessage(
            "The table `s.x.t` uses deletion vectors or column mapping, so its files cannot be read"
                + " without its log: ask for responseformat=delta in the delta-sharing-capabilities"
                + " header (a client of delta-sharing 1.1 or later).");
  }

  @Test
  void theDeltaFormatNeedsTheReaderFeaturesThatChangeHowFilesRead() {
    assertThatThrownBy(
            () -> Capabilities.parse("responseformat=delta").choose(V2, Map.of(), "s.x.t"))
        .hasMessage(
            "The table `s.x.t` needs the reader features [timestampNtz], which the client did not"
                + " declare (readerfeatures= in the delta-sharing-capabilities header): upgrade the"
                + " client.");
    // v2 checkpoints concern the log, which the server reads
    assertThat(
            Capabilities.parse("responseformat=delta;readerfeatures=timestampntz")
                .choose(V2, Map.of(), "t"))
        .isEqualTo(Capabilities.Format.DELTA);
    assertThatThrownBy(() -> Capabilities.parse("responseformat=csv").choose(PLAIN, Map.of(), "t"))
        .hasMessage(
            "The response formats [csv] are not supported: ask for responseformat=parquet or"
                + " responseformat=delta in the delta-sharing-capabilities header.");
  }
}
