package dev.keel.kernel.internal.deletionvectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.Engine;
import dev.keel.kernel.engine.ExpressionHandler;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.exceptions.InvalidTableException;
import dev.keel.kernel.internal.data.GenericRow;
import dev.keel.kernel.testing.InMemoryFileSystemClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Deletion vectors decoded from bytes laid out by hand from PROTOCOL.md ("Deletion Vector Format",
 * "Deletion Vector File Storage Format") and the RoaringBitmap portable format it builds on.
 */
class TestDeletionVectors {

  /** Little-endian byte writer. */
  private static final class Le {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Le i16(int v) {
      out.write(v & 0xff);
      out.write((v >> 8) & 0xff);
      return this;
    }

    Le i32(int v) {
      return i16(v & 0xffff).i16(v >>> 16);
    }

    Le i64(long v) {
      return i32((int) v).i32((int) (v >>> 32));
    }

    Le bytes(byte[] b) {
      out.write(b, 0, b.length);
      return this;
    }

    byte[] done() {
      return out.toByteArray();
    }
  }

  /**
   * Bucket 0: an array container {0, 5} at key 0 and {3} at key 1 (value 65539), no run containers.
   */
  private static byte[] arrayBucket() {
    return new Le()
        .i32(12346)
        .i32(2) // cookie without runs, 2 containers
        .i16(0)
        .i16(1)
        .i16(1)
        .i16(0) // key 0 card 2, key 1 card 1
        .i32(0)
        .i32(0) // offsets (ignored)
        .i16(0)
        .i16(5) // container 0
        .i16(3) // container 1
        .done();
  }

  /** A run container {100..199} at key 0, in the run format (one container: no offsets). */
  private static byte[] runBucket() {
    return new Le()
        .i32(12347 | (0 << 16))
        .bytes(new byte[] {1}) // cookie with runs, size 1; container 0 is a run
        .i16(0)
        .i16(99) // key 0, card 100
        .i16(1)
        .i16(100)
        .i16(99) // 1 run: start 100, length-1 99
        .done();
  }

  /** A bitmap container holding the 5000 even numbers 0..9998 (more than 4096 values). */
  private static byte[] bitmapBucket() {
    Le le = new Le().i32(12346).i32(1).i16(0).i16(4999).i32(0);
    long[] words = new long[1024];
    for (int v = 0; v < 10000; v += 2) {
      words[v / 64] |= 1L << (v % 64);
    }
    for (long w : words) {
      le.i64(w);
    }
    return le.done();
  }

  private static byte[] portable(int[] keys, byte[]... buckets) {
    Le le = new Le().i32(RoaringBitmapArray.MAGIC).i64(buckets.length);
    for (int i = 0; i < buckets.length; i++) {
      le.i32(keys[i]).bytes(buckets[i]);
    }
    return le.done();
  }

  @Test
  void decodesArrayRunAndBitmapContainersAcrossBuckets() {
    RoaringBitmapArray dv =
        RoaringBitmapArray.deserialize(portable(new int[] {0, 1}, arrayBucket(), runBucket()));
    long[] expected =
        LongStream.concat(
                LongStream.of(0, 5, 65539),
                LongStream.rangeClosed(100, 199).map(v -> (1L << 32) + v))
            .toArray();
    assertThat(dv.toArray()).containsExactly(expected);
    assertThat(dv.contains(5)).isTrue();
    assertThat(dv.contains(6)).isFalse();
    assertThat(dv.contains((1L << 32) + 150)).isTrue();
    RoaringBitmapArray bitmap =
        RoaringBitmapArray.deserialize(portable(new int[] {0}, bitmapBucket()));
    assertThat(bitmap.cardinality()).isEqualTo(5000);
    assertThat(bitmap.contains(9998)).isTrue();
    assertThat(bitmap.contains(9999)).isFalse();
  }

  @Test
  void serializesToThePortableLayout() {
    byte[] expected =
        new Le()
            .i32(RoaringBitmapArray.MAGIC)
            .i64(1)
            .i32(0) // one bucket, key 0
            .i32(12346)
            .i32(2) // cookie without runs, 2 containers
            .i16(0)
            .i16(1)
            .i16(1)
            .i16(0) // key 0 card 2, key 1 card 1
            .i32(24)
            .i32(28) // offsets from the cookie: 8 + 2 * 8 header bytes, then 2 values of 2 bytes
            .i16(0)
            .i16(5)
            .i16(3)
            .done();
    assertThat(RoaringBitmapArray.of(new long[] {65539, 5, 0, 5}).serialize()).isEqualTo(expected);
    assertThat(RoaringBitmapArray.of(new long[0]).serialize())
        .isEqualTo(new Le().i32(RoaringBitmapArray.MAGIC).i64(0).done());
  }

  @Test
  void serializedSetsReadBack() {
    java.util.Random random = new java.util.Random(42);
    for (int round = 0; round < 20; round++) {
      long[] values = new long[random.nextInt(20000)];
      for (int i = 0; i < values.length; i++) {
        // dense runs (bitmap containers), sparse values and a second 32-bit bucket
        values[i] =
            switch (i % 3) {
              case 0 -> random.nextInt(70000);
              case 1 -> random.nextInt(Integer.MAX_VALUE);
              default -> (1L << 32) + random.nextInt(1000);
            };
      }
      RoaringBitmapArray set = RoaringBitmapArray.of(values);
      RoaringBitmapArray back = RoaringBitmapArray.deserialize(set.serialize());
      assertThat(back.toArray())
          .containsExactly(LongStream.of(values).sorted().distinct().toArray());
    }
    RoaringBitmapArray a = RoaringBitmapArray.of(new long[] {1, 3});
    assertThat(a.union(RoaringBitmapArray.of(new long[] {3, 2})).toArray())
        .containsExactly(1, 2, 3);
    assertThatThrownBy(() -> RoaringBitmapArray.of(new long[] {-1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("row indexes must not be negative: -1");
  }

  @Test
  void rejectsOtherFormats() {
    byte[] bad = portable(new int[] {0}, arrayBucket());
    bad[0] = 0;
    assertThatThrownBy(() -> RoaringBitmapArray.deserialize(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unexpected deletion vector magic number 1681511168, expected 1681511377");
  }

  @Test
  void z85RoundTripsAndMatchesTheSpecExample() {
    // RFC 32's test vector: 0x86 0x4F 0xD2 0x6F 0xB5 0x59 0xF7 0x5B is "HelloWorld".
    byte[] hello = {(byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B};
    assertThat(Z85.encode(hello)).isEqualTo("HelloWorld");
    assertThat(Z85.decode("HelloWorld")).containsExactly(hello);
    UUID id = UUID.fromString("0c6cbaaf-5e04-4c9d-8959-1088814f58ef");
    assertThat(Z85.decodeUuid(Z85.encodeUuid(id))).isEqualTo(id);
    assertThatThrownBy(() -> Z85.decode("abc"))
        .hasMessage("Z85 text must be a multiple of 5 characters long, got 3");
  }

  /** An engine with only a file system, enough for deletion vectors. */
  private static Engine engineOver(FileSystemClient fs) {
    return new Engine() {
      @Override
      public FileSystemClient getFileSystemClient() {
        return fs;
      }

      @Override
      public JsonHandler getJsonHandler() {
        throw new UnsupportedOperationException();
      }

      @Override
      public ParquetHandler getParquetHandler() {
        throw new UnsupportedOperationException();
      }

      @Override
      public ExpressionHandler getExpressionHandler() {
        throw new UnsupportedOperationException();
      }
    };
  }

  private static Row descriptor(
      String storageType, String pathOrInline, Integer offset, int size, long cardinality) {
    return new GenericRow(
        ScanFile.DELETION_VECTOR_SCHEMA,
        new Object[] {storageType, pathOrInline, offset, size, cardinality, null});
  }

  private static byte[] dvFile(byte[] bitmap, boolean corruptChecksum) {
    CRC32 crc = new CRC32();
    crc.update(bitmap);
    ByteBuffer b = ByteBuffer.allocate(1 + 4 + bitmap.length + 4).order(ByteOrder.BIG_ENDIAN);
    b.put((byte) 1)
        .putInt(bitmap.length)
        .put(bitmap)
        .putInt((int) crc.getValue() ^ (corruptChecksum ? 1 : 0));
    return b.array();
  }

  @Test
  void loadsRelativeAbsoluteAndInlineDeletionVectors() {
    InMemoryFileSystemClient fs = new InMemoryFileSystemClient();
    Engine engine = engineOver(fs);
    byte[] bitmap = portable(new int[] {0}, arrayBucket());
    UUID id = UUID.randomUUID();
    fs.put("mem:/t/ab/deletion_vector_" + id + ".bin", dvFile(bitmap, false), 1);
    String relative = "ab" + Z85.encodeUuid(id);
    assertThat(DeletionVectors.filePath("mem:/t", "u", relative))
        .isEqualTo("mem:/t/ab/deletion_vector_" + id + ".bin");
    RoaringBitmapArray u =
        DeletionVectors.load(
            engine, "mem:/t", descriptor("u", relative, 1, bitmap.length, 3), "f.parquet");
    assertThat(u.toArray()).containsExactly(0, 5, 65539);
    RoaringBitmapArray p =
        DeletionVectors.load(
            engine,
            "mem:/t",
            descriptor("p", "mem:/t/ab/deletion_vector_" + id + ".bin", 1, bitmap.length, 3),
            "f.parquet");
    assertThat(p.toArray()).containsExactly(0, 5, 65539);
    byte[] padded = java.util.Arrays.copyOf(bitmap, (bitmap.length + 3) / 4 * 4);
    RoaringBitmapArray i =
        DeletionVectors.load(
            engine,
            "mem:/t",
            descriptor("i", Z85.encode(padded), null, bitmap.length, 3),
            "f.parquet");
    assertThat(i.toArray()).containsExactly(0, 5, 65539);
  }

  @Test
  void corruptDeletionVectorsAreClearErrors() {
    InMemoryFileSystemClient fs = new InMemoryFileSystemClient();
    Engine engine = engineOver(fs);
    byte[] bitmap = portable(new int[] {0}, arrayBucket());
    fs.put("mem:/t/bad.bin", dvFile(bitmap, true), 1);
    assertThatThrownBy(
            () ->
                DeletionVectors.load(
                    engine,
                    "mem:/t",
                    descriptor("p", "mem:/t/bad.bin", 1, bitmap.length, 3),
                    "f.parquet"))
        .isInstanceOf(InvalidTableException.class)
        .hasMessage(
            "Cannot apply the deletion vector of `f.parquet` stored mem:/t/bad.bin: checksum mismatch. "
                + "The deletion vector is corrupt; rows cannot be filtered safely.");
    fs.put("mem:/t/good.bin", dvFile(bitmap, false), 1);
    assertThatThrownBy(
            () ->
                DeletionVectors.load(
                    engine,
                    "mem:/t",
                    descriptor("p", "mem:/t/good.bin", 1, bitmap.length, 4),
                    "f.parquet"))
        .hasMessage(
            "Cannot apply the deletion vector of `f.parquet` stored mem:/t/good.bin: it holds 3 rows but the log says 4. "
                + "The deletion vector is corrupt; rows cannot be filtered safely.");
    assertThatThrownBy(
            () ->
                DeletionVectors.load(engine, "mem:/t", descriptor("x", "?", 1, 1, 1), "f.parquet"))
        .hasMessageContaining("unknown storage type 'x'");
    assertThat("x".getBytes(StandardCharsets.UTF_8)).hasSize(1);
  }
}
