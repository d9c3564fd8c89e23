package dev.keel.kernel.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.internal.util.Json;
import dev.keel.kernel.testing.InMemoryEngine;
import dev.keel.kernel.utils.FileStatus;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Version checksum files ({@code NNN.crc}): what is read from a complete one, and that anything
 * less is ignored.
 */
class TestChecksum {
  private static final String COMPLETE =
      "{\"txnId\":\"x\",\"tableSizeBytes\":300,\"numFiles\":3,\"numMetadata\":1,"
          + "\"numProtocol\":1,\"inCommitTimestampOpt\":1700000000000,"
          + "\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],"
          + "\"writerFeatures\":[\"deletionVectors\",\"domainMetadata\"]},"
          + "\"metadata\":{\"id\":\"t-9\",\"name\":\"events\",\"format\":{\"provider\":\"parquet\",\"options\":{}},"
          + "\"schemaString\":\"{}\",\"partitionColumns\":[\"p\"],\"configuration\":{\"delta.appendOnly\":\"true\"},"
          + "\"createdTime\":5},"
          + "\"setTransactions\":[{\"appId\":\"ingest\",\"version\":4,\"lastUpdated\":1}],"
          + "\"domainMetadata\":[{\"domain\":\"a\",\"configuration\":\"{}\",\"removed\":false},"
          + "{\"domain\":\"gone\",\"configuration\":\"{}\",\"removed\":true}]}";

  @Test
  void aCompleteChecksumGivesTotalsProtocolMetadataTransactionsAndDomains() {
    Checksum c = Checksum.parse(Json.parse(COMPLETE)).orElseThrow();
    assertThat(c.tableSizeBytes).isEqualTo(300);
    assertThat(c.numFiles).isEqualTo(3);
    assertThat(c.inCommitTimestamp).contains(1700000000000L);
    assertThat(c.protocol.toString())
        .isEqualTo(
            "Protocol{minReaderVersion=3, minWriterVersion=7, "
                + "readerFeatures=[deletionVectors], writerFeatures=[deletionVectors, domainMetadata]}");
    assertThat(c.metadata.getId()).isEqualTo("t-9");
    assertThat(c.metadata.getName()).contains("events");
    assertThat(c.metadata.getPartitionColumns()).containsExactly("p");
    assertThat(c.metadata.getConfiguration()).isEqualTo(Map.of("delta.appendOnly", "true"));
    assertThat(c.metadata.getCreatedTime()).contains(5L);
    assertThat(c.setTransactions).contains(Map.of("ingest", 4L));
    assertThat(c.domainMetadata).contains(Map.of("a", "{}"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tableSizeBytes",
        "numFiles",
        "protocol",
        "metadata",
        "minReaderVersion",
        "schemaString",
        "id\""
      })
  void aChecksumMissingSomethingItMustHaveIsIgnored(String field) {
    String broken = COMPLETE.replace("\"" + field, "\"x" + field);
    assertThat(broken).isNotEqualTo(COMPLETE);
    assertThat(Checksum.parse(Json.parse(broken))).isEmpty();
  }

  @Test
  void anUnreadableFileIsIgnored() {
    InMemoryEngine engine = new InMemoryEngine();
    engine.files().put("mem:/t/_delta_log/00000000000000000000.crc", "{\"tableSizeBytes\":");
    assertThat(
            Checksum.read(
                engine, FileStatus.of("mem:/t/_delta_log/00000000000000000000.crc", 18, 1)))
        .isEmpty();
    assertThat(
            Checksum.read(
                engine, FileStatus.of("mem:/t/_delta_log/00000000000000000001.crc", 18, 1)))
        .isEqualTo(Optional.empty());
    engine.files().put("mem:/t/_delta_log/00000000000000000002.crc", COMPLETE);
    assertThat(
            Checksum.read(
                engine,
                FileStatus.of("mem:/t/_delta_log/00000000000000000002.crc", COMPLETE.length(), 1)))
        .map(c -> c.numFiles)
        .contains(3L);
  }
}
