package dev.keel.connectors.trino;

import io.airlift.slice.Slice;
import io.trino.filesystem.TrinoInput;
import io.trino.parquet.AbstractParquetDataSource;
import io.trino.parquet.ParquetDataSourceId;
import io.trino.parquet.ParquetReaderOptions;
import java.io.IOException;

/**
 * A Parquet file on a Trino file system, for Trino's Parquet reader: positioned reads of one {@link
 * TrinoInput}, which this source owns and closes.
 */
final class TrinoParquetDataSource extends AbstractParquetDataSource {
  private final TrinoInput input;

  TrinoParquetDataSource(String path, long size, TrinoInput input, ParquetReaderOptions options) {
    super(new ParquetDataSourceId(path), size, options);
    this.input = input;
  }

  @Override
  protected Slice readTailInternal(int length) throws IOException {
    return input.readTail(length);
  }

  @Override
  protected void readInternal(long position, byte[] buffer, int offset, int length)
      throws IOException {
    input.readFully(position, buffer, offset, length);
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
