package dev.keel.kernel.internal.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestFileNames {
  @Test
  void parsesEveryKindOfLogFileName() {
    assertParsed("00000000000000000012.json", FileNames.Kind.DELTA, 12, -1, 0, 0);
    assertParsed("09223372036854775807.json", FileNames.Kind.DELTA, Long.MAX_VALUE, -1, 0, 0);
    assertParsed("00000000000000000012.crc", FileNames.Kind.CHECKSUM, 12, -1, 0, 0);
    assertParsed(
        "00000000000000000010.checkpoint.parquet", FileNames.Kind.CLASSIC_CHECKPOINT, 10, -1, 1, 1);
    assertParsed(
        "00000000000000000010.checkpoint.0000000002.0000000003.parquet",
        FileNames.Kind.MULTIPART_CHECKPOINT,
        10,
        -1,
        2,
        3);
    assertParsed(
        "00000000000000000010.checkpoint.80a083e8-7026-4e79-81be-64bd76c43a11.json",
        FileNames.Kind.V2_CHECKPOINT,
        10,
        -1,
        1,
        1);
    assertParsed(
        "00000000000000000004.00000000000000000009.compacted.json",
        FileNames.Kind.COMPACTION,
        9,
        4,
        0,
        0);
  }

  @Test
  void namesThatAlmostMatchAreOther() {
    for (String name :
        new String[] {
          "0000000000000000012.json",
          "000000000000000000012.json",
          "0000000000000000001a.json",
          "00000000000000000012.jsom",
          "00000000000000000012.json.tmp",
          "0000000000000000001x.crc",
          "00000000000000000012.crc2",
          "_last_checkpoint",
          "",
          "\u0661\u0662000000000000000012.json"
        }) {
      assertThat(FileNames.parse(name).kind).as(name).isEqualTo(FileNames.Kind.OTHER);
    }
  }

  private static void assertParsed(
      String name, FileNames.Kind kind, long version, long start, int part, int parts) {
    FileNames.Parsed p = FileNames.parse(name);
    assertThat(p.kind).as(name).isEqualTo(kind);
    assertThat(p.version).as(name).isEqualTo(version);
    assertThat(p.startVersion).as(name).isEqualTo(start);
    assertThat(p.part).as(name).isEqualTo(part);
    assertThat(p.numParts).as(name).isEqualTo(parts);
  }
}
