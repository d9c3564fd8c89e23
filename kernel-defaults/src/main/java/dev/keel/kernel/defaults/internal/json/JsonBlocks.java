package dev.keel.kernel.defaults.internal.json;

import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.internal.util.LookAheadIterator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * A JSON-lines file cut into consecutive blocks of whole lines, each about {@code blockBytes} long
 * (a block ends after the last newline that fits; a line longer than a block makes the block
 * longer), read from the stream one block at a time. Parsing the blocks of a large commit file on
 * several threads is what lets a snapshot load use more than one core on a log of few, large files.
 */
final class JsonBlocks extends LookAheadIterator<JsonBlocks.Block> {
  static final int DEFAULT_BLOCK_BYTES = 1 << 20;

  /** Bytes {@code [0, length)} of {@code bytes}: whole lines. */
  record Block(byte[] bytes, int length) implements JsonFileBatches.Source {
    @Override
    public InputStream open() {
      return new ByteArrayInputStream(bytes, 0, length);
    }
  }

  /**
   * Block-sized buffers for reuse: a block's buffer is given back once its lines are parsed, so a
   * large log is read through a few buffers instead of one new array per block. Thread-safe.
   */
  static final class Buffers {
    private final int blockBytes;
    private final ArrayBlockingQueue<byte[]> free;

    Buffers(int blockBytes, int keep) {
      this.blockBytes = blockBytes;
      this.free = new ArrayBlockingQueue<>(Math.max(1, keep));
    }

    /**
     * @return a buffer of at least {@code length} bytes, a pooled one when a block-sized one will
     *     do
     */
    byte[] take(int length) {
      if (length <= blockBytes) {
        byte[] b = free.poll();
        return b != null ? b : new byte[blockBytes];
      }
      return new byte[length];
    }

    /** Keeps a block-sized buffer no one reads any more for the next block (when there is room). */
    void give(byte[] b) {
      if (b.length == blockBytes) {
        free.offer(b);
      }
    }
  }

  private final String path;
  private final JsonFileBatches.Source source;
  private final Buffers buffers;
  private final int blockBytes;
  private InputStream in;
  private byte[] carry = new byte[0]; // the start of a line the previous block cut off
  private boolean eof;

  /**
   * @param buffers where block buffers come from; the caller gives each block's back when done with
   *     it
   */
  JsonBlocks(String path, JsonFileBatches.Source source, Buffers buffers) {
    this.path = path;
    this.source = source;
    this.buffers = buffers;
    this.blockBytes = buffers.blockBytes;
  }

  @Override
  protected Block computeNext() {
    return eof && carry.length == 0 ? null : read();
  }

  private Block read() {
    if (in == null) {
      try {
        in = source.open();
      } catch (IOException e) {
        eof = true;
        carry = new byte[0];
        throw Errors.engineFailure("open JSON file", path, e);
      }
    }
    try {
      byte[] buf = buffers.take(Math.max(blockBytes, carry.length * 2));
      System.arraycopy(carry, 0, buf, 0, carry.length);
      int len = carry.length;
      while (true) {
        if (!eof) {
          int n = in.readNBytes(buf, len, buf.length - len);
          len += n;
          eof = len < buf.length;
        }
        int cut = lastNewline(buf, len);
        if (eof) {
          carry = new byte[0];
          return len == 0 ? null : new Block(buf, len);
        }
        if (cut >= 0) {
          carry = Arrays.copyOfRange(buf, cut + 1, len);
          return new Block(buf, cut + 1);
        }
        byte[] longer = Arrays.copyOf(buf, buf.length * 2); // one line longer than the block
        buffers.give(buf);
        buf = longer;
      }
    } catch (IOException e) {
      eof = true;
      carry = new byte[0];
      throw Errors.engineFailure("read JSON file", path, e);
    }
  }

  private static int lastNewline(byte[] buf, int len) {
    for (int i = len - 1; i >= 0; i--) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  @Override
  protected void closeSource() {
    eof = true;
    carry = new byte[0];
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        in = null;
      }
    }
  }
}
