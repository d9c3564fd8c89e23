package dev.keel.kernel.internal.deletionvectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.keel.kernel.ScanFile;
import dev.keel.kernel.exceptions.EngineException;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.internal.data.GenericRow;
import dev.keel.kernel.testing.InMemoryEngine;
import dev.keel.kernel.testing.InMemoryFileSystemClient;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A deletion vector descriptor and the file it points to under the fuzzer. The fuzzer chooses the
 * descriptor's fields (storage type, path or inline bytes, offset, size, cardinality) and the
 * file's bytes, framed as the protocol frames them (size, bitmap, CRC-32) when it asks, so that it
 * reaches the bitmap. Whatever it chooses, loading gives a set of exactly the declared cardinality
 * or an {@link InvalidTableException} (an {@link EngineException} where the file cannot be read),
 * never another error, and never allocates what a size or count claims before the bytes are there.
 * {@code -Pfuzz -Dfuzz.target=TestDeletionVectorFuzz} fuzzes it.
 */
class TestDeletionVectorFuzz {
  private static final String TABLE = "mem:/t";
  private static final UUID ID = new UUID(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L);

  @FuzzTest(maxDuration = "30m")
  void loadsOrRefuses(FuzzedDataProvider data) {
    InMemoryFileSystemClient fs = new InMemoryFileSystemClient();
    InMemoryEngine engine = new InMemoryEngine(fs);
    String storageType = data.pickValue(new String[] {"i", "u", "p", "x"});
    Integer offset = data.consumeBoolean() ? null : data.consumeInt(-2, 1 << 20);
    int size = data.consumeBoolean() ? data.consumeInt() : data.consumeInt(0, 4096);
    long cardinality = data.consumeBoolean() ? data.consumeLong() : data.consumeLong(0, 100_000);
    boolean framed = data.consumeBoolean();
    String pathOrInline;
    switch (storageType) {
      case "u":
        pathOrInline = data.consumeString(4) + Z85.encodeUuid(ID);
        break;
      case "p":
        pathOrInline = TABLE + "/dv.bin";
        break;
      default:
        pathOrInline = data.consumeString(64);
    }
    byte[] bitmap = data.consumeRemainingAsBytes();
    if ("i".equals(storageType) && framed) {
      pathOrInline = Z85.encode(java.util.Arrays.copyOf(bitmap, bitmap.length / 4 * 4));
    }
    byte[] file = framed ? frame(bitmap, offset == null ? 1 : Math.max(0, offset)) : bitmap;
    fs.put(TABLE + "/dv.bin", file, 1);
    if ("u".equals(storageType)) {
      try {
        fs.put(DeletionVectors.filePath(TABLE, "u", pathOrInline), file, 1);
      } catch (IllegalArgumentException refusedPrefix) {
        // the loader must refuse it too
      }
    }
    GenericRow dv =
        new GenericRow(
            ScanFile.DELETION_VECTOR_SCHEMA,
            new Object[] {storageType, pathOrInline, offset, size, cardinality, null});
    try {
      RoaringBitmapArray rows = DeletionVectors.load(engine, TABLE, dv, "part-0.parquet");
      assertThat(rows.cardinality()).isEqualTo(cardinality);
    } catch (InvalidTableException | EngineException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /** The file layout of PROTOCOL.md: at {@code offset}, the big-endian size, bitmap and CRC-32. */
  private static byte[] frame(byte[] bitmap, int offset) {
    CRC32 crc = new CRC32();
    crc.update(bitmap);
    ByteBuffer b = ByteBuffer.allocate(offset + 4 + bitmap.length + 4);
    b.position(offset);
    b.putInt(bitmap.length).put(bitmap).putInt((int) crc.getValue());
    return b.array();
  }

  @Test
  void aSizeFarPastWhatTheRowsNeedIsRefusedBeforeReading() {
    InMemoryFileSystemClient fs = new InMemoryFileSystemClient();
    fs.put(TABLE + "/dv.bin", new byte[16], 1);
    GenericRow dv =
        new GenericRow(
            ScanFile.DELETION_VECTOR_SCHEMA,
            new Object[] {"p", TABLE + "/dv.bin", 1, Integer.MAX_VALUE - 4, 3L, null});
    assertThatThrownBy(
            () -> DeletionVectors.load(new InMemoryEngine(fs), TABLE, dv, "part-0.parquet"))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot apply the deletion vector of `part-0.parquet` stored by the descriptor"
                + " `mem:/t/dv.bin`: its size of 2147483643 bytes cannot hold 3 rows. The deletion"
                + " vector is corrupt; rows cannot be filtered safely.");
    assertThat(fs.reads.get()).isZero();
  }

  @Test
  void anInlineVectorShorterThanItsSizeIsRefused() {
    GenericRow dv =
        new GenericRow(
            ScanFile.DELETION_VECTOR_SCHEMA,
            new Object[] {"i", Z85.encode(new byte[8]), null, 100, 3L, null});
    assertThatThrownBy(
            () -> DeletionVectors.load(new InMemoryEngine(), TABLE, dv, "part-0.parquet"))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot apply the deletion vector of `part-0.parquet` stored inline: it holds 8 bytes"
                + " but the log says 100. The deletion vector is corrupt; rows cannot be filtered"
                + " safely.");
  }
}
