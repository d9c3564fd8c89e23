package dev.keel.kernel.defaults.internal.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * The codecs the Parquet reader decompresses pages with: parquet-hadoop's own, except that a Snappy
 * page held in a heap array is decompressed by one native call straight into the page's new array.
 * parquet-hadoop's Snappy codec goes through a stream and two direct buffers (the compressed bytes
 * copied in, the result copied out), which cost 10–20% more CPU in the page reads of a 1M-row
 * checkpoint's {@code add.path} and {@code add.stats}. Compressors, other codecs and pages in
 * direct buffers are left to the delegate. {@link #release} releases the delegate.
 */
final class PageCodecs implements CompressionCodecFactory {
  private final CompressionCodecFactory delegate;

  /**
   * @param delegate the factory for everything but Snappy pages in heap arrays; released with this
   *     one
   */
  PageCodecs(CompressionCodecFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return delegate.getCompressor(codec);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    BytesInputDecompressor other = delegate.getDecompressor(codec);
    return codec == CompressionCodecName.SNAPPY ? new SnappyPages(other) : other;
  }

  @Override
  public void release() {
    delegate.release();
  }

  /** Snappy pages in heap arrays by one native call; any other input through {@code other}. */
  static final class SnappyPages implements BytesInputDecompressor {
    private final BytesInputDecompressor other;

    SnappyPages(BytesInputDecompressor other) {
      this.other = other;
    }

    /**
     * @throws IOException if the page's Snappy header does not give {@code uncompressedSize} bytes,
     *     or the bytes are not valid Snappy
     */
    @Override
    public BytesInput decompress(BytesInput compressed, int uncompressedSize) throws IOException {
      ByteBuffer in = compressed.toByteBuffer();
      if (!in.hasArray()) {
        return other.decompress(compressed, uncompressedSize);
      }
      byte[] bytes = in.array();
      int from = in.arrayOffset() + in.position();
      int length = in.remaining();
      int stated = Snappy.uncompressedLength(bytes, from, length);
      if (stated != uncompressedSize) {
        throw new IOException(
            "a Snappy page holds "
                + stated
                + " bytes but its header says "
                + uncompressedSize
                + "; the file is corrupt");
      }
      byte[] out = new byte[uncompressedSize];
      Snappy.uncompress(bytes, from, length, out, 0);
      return BytesInput.from(out);
    }

    @Override
    public void decompress(
        ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      other.decompress(input, compressedSize, output, uncompressedSize);
    }

    @Override
    public void release() {
      other.release();
    }
  }
}
