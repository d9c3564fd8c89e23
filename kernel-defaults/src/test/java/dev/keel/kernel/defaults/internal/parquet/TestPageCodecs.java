package dev.keel.kernel.defaults.internal.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopCodecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Pages compressed by parquet-hadoop's own codecs, decompressed through {@link PageCodecs}. */
class TestPageCodecs {
  private PageCodecs codecs;

  @BeforeEach
  void open() {
    codecs = new PageCodecs(HadoopCodecs.newFactory(new Configuration(), 0));
  }

  @AfterEach
  void close() {
    codecs.release();
  }

  private static byte[] page(int size, long seed) {
    Random r = new Random(seed);
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      // Repetitive enough to compress, varied enough to need literals and copies.
      out[i] = (byte) (i % 97 < 40 ? 'a' + r.nextInt(26) : '0' + (i % 10));
    }
    return out;
  }

  private static byte[] compress(
      CompressionCodecFactory factory, CompressionCodecName codec, byte[] raw) throws IOException {
    BytesInputCompressor c = factory.getCompressor(codec);
    return c.compress(BytesInput.from(raw)).toByteArray();
  }

  @Test
  void snappyPageInsideALargerArrayDecompressesToTheOriginalBytes() throws IOException {
    byte[] raw = page(300_000, 1);
    byte[] compressed = compress(codecs, CompressionCodecName.SNAPPY, raw);
    // The page sits in the middle of a chunk's bytes, as parquet-hadoop hands it out.
    byte[] chunk = new byte[compressed.length + 30];
    java.util.Arrays.fill(chunk, (byte) 0x5a);
    System.arraycopy(compressed, 0, chunk, 17, compressed.length);
    BytesInput in = BytesInput.from(ByteBuffer.wrap(chunk, 17, compressed.length).slice());

    BytesInputDecompressor d = codecs.getDecompressor(CompressionCodecName.SNAPPY);
    assertThat(d).isInstanceOf(PageCodecs.SnappyPages.class);
    assertThat(d.decompress(in, raw.length).toByteArray()).isEqualTo(raw);
  }

  @Test
  void snappyPageWhoseHeaderStatesAnotherSizeIsRefused() throws IOException {
    byte[] raw = page(1000, 2);
    byte[] compressed = Snappy.compress(raw);
    BytesInputDecompressor d = codecs.getDecompressor(CompressionCodecName.SNAPPY);
    assertThatThrownBy(() -> d.decompress(BytesInput.from(compressed), 999))
        .isInstanceOf(IOException.class)
        .hasMessage("a Snappy page holds 1000 bytes but its header says 999; the file is corrupt");
  }

  @Test
  void corruptSnappyBytesFail() throws IOException {
    byte[] compressed = Snappy.compress(page(5000, 3));
    // Keep the length header, turn the body into copies that reach before the start.
    for (int i = 3; i < compressed.length; i++) {
      compressed[i] = (byte) 0xff;
    }
    BytesInputDecompressor d = codecs.getDecompressor(CompressionCodecName.SNAPPY);
    assertThatThrownBy(() -> d.decompress(BytesInput.from(compressed), 5000))
        .isInstanceOf(IOException.class);
  }

  @Test
  void snappyPageInADirectBufferGoesToTheDelegate() throws IOException {
    byte[] raw = page(50_000, 4);
    byte[] compressed = Snappy.compress(raw);
    ByteBuffer direct = ByteBuffer.allocateDirect(compressed.length);
    direct.put(compressed).flip();
    BytesInputDecompressor d = codecs.getDecompressor(CompressionCodecName.SNAPPY);
    assertThat(d.decompress(BytesInput.from(direct), raw.length).toByteArray()).isEqualTo(raw);

    ByteBuffer out = ByteBuffer.allocateDirect(raw.length);
    direct.rewind();
    d.decompress(direct, compressed.length, out, raw.length);
    byte[] back = new byte[raw.length];
    out.rewind();
    out.get(back);
    assertThat(back).isEqualTo(raw);
  }

  @Test
  void otherCodecsAreTheDelegates() throws IOException {
    byte[] raw = page(20_000, 5);
    byte[] compressed = compress(codecs, CompressionCodecName.GZIP, raw);
    BytesInputDecompressor d = codecs.getDecompressor(CompressionCodecName.GZIP);
    assertThat(d).isNotInstanceOf(PageCodecs.SnappyPages.class);
    assertThat(d.decompress(BytesInput.from(compressed), raw.length).toByteArray()).isEqualTo(raw);
  }

  /** Counts releases; hands out nothing. */
  private static final class CountingFactory implements CompressionCodecFactory {
    int released;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void release() {
      released++;
    }
  }

  @Test
  void releaseReleasesTheDelegate() {
    CountingFactory delegate = new CountingFactory();
    new PageCodecs(delegate).release();
    assertThat(delegate.released).isEqualTo(1);
  }
}
