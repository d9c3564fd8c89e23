package dev.keel.kernel.internal.engine;

import dev.keel.kernel.data.ColumnVector;
import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.data.Row;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.FileReadResult;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.engine.JsonHandler;
import dev.keel.kernel.engine.ParquetHandler;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.expressions.Predicate;
import dev.keel.kernel.types.StructType;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** Handlers that call another handler for everything; subclasses override what they watch. */
public final class Forwarding {
  private Forwarding() {}

  /** A file system client that forwards every call. */
  public static class FileSystem implements FileSystemClient {
    protected final FileSystemClient delegate;

    public FileSystem(FileSystemClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public CloseableIterator<FileStatus> listFrom(String filePath) throws IOException {
      return delegate.listFrom(filePath);
    }

    @Override
    public String resolvePath(String path) throws IOException {
      return delegate.resolvePath(path);
    }

    @Override
    public FileStatus getFileStatus(String path) throws IOException {
      return delegate.getFileStatus(path);
    }

    @Override
    public InputStream open(String path) throws IOException {
      return delegate.open(path);
    }

    @Override
    public byte[] readRange(String path, long offset, int length) throws IOException {
      return delegate.readRange(path, offset, length);
    }

    @Override
    public void write(String path, byte[] content, boolean overwrite) throws IOException {
      delegate.write(path, content, overwrite);
    }

    @Override
    public boolean delete(String path) throws IOException {
      return delegate.delete(path);
    }

    @Override
    public boolean mkdirs(String path) throws IOException {
      return delegate.mkdirs(path);
    }

    @Override
    public CloseableIterator<FileStatus> listRecursively(String directory) throws IOException {
      return delegate.listRecursively(directory);
    }
  }

  /** A JSON handler that forwards every call. */
  public static class Json implements JsonHandler {
    protected final JsonHandler delegate;

    public Json(JsonHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public ColumnarBatch parseJson(
        ColumnVector jsonStrings, StructType outputSchema, Optional<ColumnVector> selection) {
      return delegate.parseJson(jsonStrings, outputSchema, selection);
    }

    @Override
    public CloseableIterator<FileReadResult> readJsonFiles(
        CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
        throws IOException {
      return delegate.readJsonFiles(files, schema, predicate);
    }

    @Override
    public void writeJsonFileAtomically(String path, CloseableIterator<Row> rows, boolean overwrite)
        throws IOException {
      delegate.writeJsonFileAtomically(path, rows, overwrite);
    }
  }

  /** A Parquet handler that forwards every call. */
  public static class Parquet implements ParquetHandler {
    protected final ParquetHandler delegate;

    public Parquet(ParquetHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public CloseableIterator<FileReadResult> readParquetFiles(
        CloseableIterator<FileStatus> files, StructType schema, Optional<Predicate> predicate)
        throws IOException {
      return delegate.readParquetFiles(files, schema, predicate);
    }

    @Override
    public CloseableIterator<DataFileStatus> writeParquetFiles(
        String directoryPath, CloseableIterator<ColumnarBatch> data, List<Column> statsColumns)
        throws IOException {
      return delegate.writeParquetFiles(directoryPath, data, statsColumns);
    }

    @Override
    public void writeParquetFileAtomically(String filePath, CloseableIterator<ColumnarBatch> data)
        throws IOException {
      delegate.writeParquetFileAtomically(filePath, data);
    }
  }
}
