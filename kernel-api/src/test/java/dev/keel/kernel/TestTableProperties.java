package dev.keel.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.exceptions.InvalidExpressionException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestTableProperties {
  @Test
  void unsetPropertiesReadAsTheirDefaults() {
    TableProperties p = TableProperties.of(Map.of());
    assertThat(p.isAppendOnly()).isFalse();
    assertThat(p.getCheckpointInterval()).isEqualTo(10);
    assertThat(p.getDataSkippingNumIndexedCols()).isEqualTo(32);
    assertThat(p.isCheckpointWriteStatsAsJson()).isTrue();
    assertThat(p.isCheckpointWriteStatsAsStruct()).isFalse();
    assertThat(p.getDeletedFileRetentionMillis()).isEqualTo(7L * 24 * 3600 * 1000);
    assertThat(p.getLogRetentionMillis()).isEqualTo(30L * 24 * 3600 * 1000);
    assertThat(p.getSetTransactionRetentionMillis()).isEmpty();
    assertThat(p.isV2CheckpointPolicy()).isFalse();
    assertThat(p.getTargetFileSize()).isEqualTo(128L * 1024 * 1024);
  }

  @ParameterizedTest
  @CsvSource({
    "1048576, 1048576",
    "100mb, 104857600",
    "64 MB, 67108864",
    "1g, 1073741824",
    "512KB, 524288",
    "2000b, 2000",
    "0, 134217728",
    "-5mb, 134217728",
    "big, 134217728",
    "99999999999gb, 134217728"
  })
  void targetFileSizeReadsBytesWithBinaryUnitsAndFallsBackTo128MiB(String value, long bytes) {
    assertThat(TableProperties.of(Map.of("delta.targetFileSize", value)).getTargetFileSize())
        .isEqualTo(bytes);
  }

  @Test
  void setPropertiesReadTyped() {
    TableProperties p =
        TableProperties.of(
            Map.of(
                "delta.appendOnly",
                "TRUE",
                "delta.checkpointInterval",
                " 25 ",
                "delta.dataSkippingNumIndexedCols",
                "-1",
                "delta.checkpoint.writeStatsAsJson",
                "false",
                "delta.deletedFileRetentionDuration",
                "interval 2 days",
                "delta.setTransactionRetentionDuration",
                "interval 1 hours",
                "delta.checkpointPolicy",
                "v2",
                "delta.enableDeletionVectors",
                "true"));
    assertThat(p.isAppendOnly()).isTrue();
    assertThat(p.getCheckpointInterval()).isEqualTo(25);
    assertThat(p.getDataSkippingNumIndexedCols()).isEqualTo(-1);
    assertThat(p.isCheckpointWriteStatsAsJson()).isFalse();
    assertThat(p.getDeletedFileRetentionMillis()).isEqualTo(2L * 24 * 3600 * 1000);
    assertThat(p.getSetTransactionRetentionMillis()).contains(3_600_000L);
    assertThat(p.isV2CheckpointPolicy()).isTrue();
    assertThat(p.isDeletionVectorsEnabled()).isTrue();
    assertThat(p.get("delta.appendOnly")).contains("TRUE");
  }

  @Test
  void valuesOtherWritersLeftThatDoNotParseReadAsTheDefault() {
    TableProperties p =
        TableProperties.of(
            Map.of(
                "delta.checkpointInterval",
                "often",
                "delta.appendOnly",
                "yes",
                "delta.dataSkippingNumIndexedCols",
                "-7",
                "delta.deletedFileRetentionDuration",
                "a while"));
    assertThat(p.getCheckpointInterval()).isEqualTo(10);
    assertThat(p.isAppendOnly()).isFalse();
    assertThat(p.getDataSkippingNumIndexedCols()).isEqualTo(32);
    assertThat(p.getDeletedFileRetentionMillis()).isEqualTo(7L * 24 * 3600 * 1000);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "delta.appendOnly|yes|it must be true or false",
        "delta.enableChangeDataFeed|1|it must be true or false",
        "delta.checkpointInterval|0|it must be a whole number of commits, at least 1",
        "delta.checkpointInterval|ten|it must be a whole number of commits, at least 1",
        "delta.dataSkippingNumIndexedCols|-2|it must be a whole number of columns, or -1 for all",
        "delta.logRetentionDuration|30|it must be an interval such as `interval 7 days`",
        "delta.checkpointPolicy|V2|it must be classic or v2",
        "delta.targetFileSize|0|it must be a positive size in bytes, kb, mb or gb, e.g. 128mb",
        "delta.targetFileSize|1tb|it must be a positive size in bytes, kb, mb or gb, e.g. 128mb",
        "delta.columnMapping.mode|names|it must be none, name or id"
      })
  void validateRefusesValuesThatDoNotParse(String key, String value, String why) {
    assertThatThrownBy(() -> TableProperties.validate(Map.of(key, value)))
        .isInstanceOf(InvalidExpressionException.class)
        .hasMessage("Cannot set table property `" + key + "` to `" + value + "`: " + why + ".");
  }

  @Test
  void validateAcceptsGoodValuesAndUnknownKeys() {
    TableProperties.validate(
        Map.of(
            "delta.appendOnly",
            "false",
            "delta.checkpointInterval",
            "5",
            "delta.deletedFileRetentionDuration",
            "interval 1 weeks",
            "delta.columnMapping.mode",
            "name",
            "my.own.key",
            "anything"));
  }
}
