package dev.keel.kernel.internal.txn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.kernel.Metadata;
import dev.keel.kernel.Protocol;
import dev.keel.kernel.internal.Values;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The protocol a table needs once its metadata asks for a feature: a legacy protocol that implies
 * the feature is kept; otherwise a table-features protocol lists what the legacy versions implied
 * plus the new feature (reader version 3 only when a reader feature is needed), as Spark does.
 */
class TestProtocolUpgrade {
  private static final String SCHEMA =
      "{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\","
          + "\"nullable\":true,\"metadata\":{}}]}";

  private static Set<String> set(String spaceSeparated) {
    return spaceSeparated.isBlank()
        ? Set.of()
        : new TreeSet<>(Arrays.asList(spaceSeparated.trim().split(" ")));
  }

  private static Metadata metadata(String properties) {
    Map<String, String> config = new LinkedHashMap<>();
    for (String kv : properties.split(";")) {
      if (!kv.isBlank()) {
        config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return Values.make()
        .metadata(
            "t",
            Optional.empty(),
            Optional.empty(),
            "parquet",
            Map.of(),
            SCHEMA,
            java.util.List.of(),
            config,
            Optional.empty());
  }

  @ParameterizedTest(name = "{0}/{1} [{2}][{3}] + {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // reader | writer | reader features | writer features | properties || expected reader |
        // writer | reader features | writer features
        "1|2|||delta.appendOnly=true                 |1|2|||",
        "1|4|||delta.enableChangeDataFeed=true       |1|4|||",
        "2|5|||delta.columnMapping.mode=name         |2|5|||",
        "1|2|||delta.enableChangeDataFeed=true       |1|7||appendOnly changeDataFeed invariants",
        "1|2|||delta.enableDeletionVectors=true      |3|7|deletionVectors|appendOnly deletionVectors invariants",
        "1|2|||delta.columnMapping.mode=name         |3|7|columnMapping|appendOnly columnMapping invariants",
        "1|2|||delta.checkpointPolicy=v2             |3|7|v2Checkpoint|appendOnly invariants v2Checkpoint",
        "2|5|||delta.enableDeletionVectors=true      |3|7|columnMapping deletionVectors|appendOnly changeDataFeed checkConstraints columnMapping deletionVectors generatedColumns invariants",
        "1|7||appendOnly|delta.enableInCommitTimestamps=true|1|7||appendOnly inCommitTimestamp",
        "3|7|deletionVectors|deletionVectors|delta.enableDeletionVectors=true|3|7|deletionVectors|deletionVectors",
        "1|2|||delta.enableDeletionVectors=false     |1|2|||",
      })
  void aFeatureTheMetadataNeedsIsAddedOnce(
      int reader,
      int writer,
      String readerFeatures,
      String writerFeatures,
      String properties,
      int expectedReader,
      int expectedWriter,
      String expectedReaderFeatures,
      String expectedWriterFeatures) {
    Protocol current =
        Values.make()
            .protocol(
                reader, writer, set(nullToEmpty(readerFeatures)), set(nullToEmpty(writerFeatures)));
    Protocol upgraded = ProtocolUpgrade.forMetadata(current, metadata(properties.trim()));
    assertThat(upgraded.getMinReaderVersion()).isEqualTo(expectedReader);
    assertThat(upgraded.getMinWriterVersion()).isEqualTo(expectedWriter);
    assertThat(upgraded.getReaderFeatures()).isEqualTo(set(nullToEmpty(expectedReaderFeatures)));
    assertThat(upgraded.getWriterFeatures()).isEqualTo(set(nullToEmpty(expectedWriterFeatures)));
    if (upgraded.equals(current)) {
      assertThat(upgraded)
          .isSameAs(
              current); // nothing to upgrade: the same protocol, so no protocol action is written
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
