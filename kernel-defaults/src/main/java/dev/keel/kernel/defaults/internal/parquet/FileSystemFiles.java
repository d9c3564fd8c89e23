package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.engine.FileSystemClient;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet {@link InputFile}s and {@link OutputFile}s over any {@link FileSystemClient}, used when
 * the engine was given a file system client of its own. Reads are ranged reads of up to {@value
 * #CHUNK} bytes through {@link FileSystemClient#readRange}; writes are buffered in memory and
 * stored with one put-if-absent {@link FileSystemClient#write}, so they are atomic.
 */
final class FileSystemFiles {
  private FileSystemFiles() {}

  private static final int CHUNK = 1 << 20;

  static InputFile input(FileSystemClient fs, String path) throws IOException {
    long length = fs.getFileStatus(path).getSize();
    return new InputFile() {
      @Override
      public long getLength() {
        return length;
      }

      @Override
      public SeekableInputStream newStream() {
        return new RangeStream(fs, path, length);
      }
    };
  }

  static OutputFile output(FileSystemClient fs, String path) {
    return new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) {
        return new BufferedOutput(fs, path);
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) {
        return new BufferedOutput(fs, path);
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 0;
      }

      @Override
      public String getPath() {
        return path;
      }
    };
  }

  private static final class BufferedOutput extends PositionOutputStream {
    private final FileSystemClient fs;
    private final String path;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean closed;

    BufferedOutput(FileSystemClient fs, String path) {
      this.fs = fs;
      this.path = path;
    }

    @Override
    public long getPos() {
      return buffer.size();
    }

    @Override
    public void write(int b) {
      buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        fs.write(path, buffer.toByteArray(), false);
      }
    }
  }

  /** A seekable stream that fetches one chunk at a time with ranged reads. */
  private static final class RangeStream extends SeekableInputStream {
    private final FileSystemClient fs;
    private final String path;
    private final long length;
    private long pos;
    private byte[] chunk = new byte[0];
    private long chunkStart;

    RangeStream(FileSystemClient fs, String path, long length) {
      this.fs = fs;
      this.path = path;
      this.length = length;
    }

    private boolean fill() throws IOException {
      if (pos >= length) {
        return false;
      }
      if (pos < chunkStart || pos >= chunkStart + chunk.length) {
        int n = (int) Math.min(CHUNK, length - pos);
        chunk = fs.readRange(path, pos, n);
        chunkStart = pos;
      }
      return true;
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) {
      pos = newPos;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      return chunk[(int) (pos++ - chunkStart)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int at = (int) (pos - chunkStart);
      int n = Math.min(len, chunk.length - at);
      System.arraycopy(chunk, at, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      int done = 0;
      while (done < len) {
        int n = read(bytes, start + done, len - done);
        if (n < 0) {
          throw new EOFException(
              "Reached the end of " + path + " with " + (len - done) + " bytes still to read");
        }
        done += n;
      }
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      int len = buf.remaining();
      byte[] tmp = new byte[len];
      int n = read(tmp, 0, len);
      if (n > 0) {
        buf.put(tmp, 0, n);
      }
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      byte[] tmp = new byte[buf.remaining()];
      readFully(tmp);
      buf.put(tmp);
    }
  }
}
