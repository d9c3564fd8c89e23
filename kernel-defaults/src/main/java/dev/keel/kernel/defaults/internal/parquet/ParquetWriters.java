package dev.keel.kernel.defaults.internal.parquet;

import dev.keel.kernel.data.ColumnarBatch;
import dev.keel.kernel.defaults.internal.fs.LocalFileSystemClient;
import dev.keel.kernel.engine.DataFileStatistics;
import dev.keel.kernel.engine.DataFileStatus;
import dev.keel.kernel.engine.FileSystemClient;
import dev.keel.kernel.expressions.Column;
import dev.keel.kernel.internal.Errors;
import dev.keel.kernel.utils.CloseableIterator;
import dev.keel.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;

/**
 * Writes batches as Snappy-compressed Parquet files: data files with statistics, and atomic single
 * files.
 */
final class ParquetWriters {
  private final Configuration conf;
  private final FileSystemClient fs;
  private final long targetFileSize;
  private final long rowGroupSize;

  ParquetWriters(Configuration conf, FileSystemClient fs, long targetFileSize, long rowGroupSize) {
    this.conf = conf;
    this.fs = fs;
    this.targetFileSize = targetFileSize;
    this.rowGroupSize = rowGroupSize;
  }

  private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
    private final BatchWriteSupport support;

    Builder(OutputFile file, BatchWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected BatchWriteSupport getWriteSupport(Configuration conf) {
      return support;
    }
  }

  private boolean nativeFiles(String path) {
    return fs instanceof dev.keel.kernel.defaults.internal.fs.DefaultFileSystemClient
        && ((dev.keel.kernel.defaults.internal.fs.DefaultFileSystemClient) fs).isNative(path);
  }

  private OutputFile outputFile(String path) throws IOException {
    if (!nativeFiles(path)) {
      return FileSystemFiles.output(fs, path);
    }
    if (LocalFileSystemClient.handles(path)) {
      return new LocalOutputFile(localPath(path));
    }
    return HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(path), conf);
  }

  private static Path localPath(String path) {
    return Paths.get(path.startsWith("file:") ? path.replaceFirst("^file:(//)?", "") : path);
  }

  private ParquetWriter<Integer> open(OutputFile file, BatchWriteSupport support)
      throws IOException {
    return open(file, support, null);
  }

  /**
   * @param first the file's first batch: top-level columns whose sample of it is mostly distinct
   *     values are written without trying a dictionary (which parquet-mr would build, then drop)
   */
  private ParquetWriter<Integer> open(
      OutputFile file, BatchWriteSupport support, ColumnarBatch first) throws IOException {
    Builder b =
        new Builder(file, support)
            .withConf(conf)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.CREATE)
            .withRowGroupSize(rowGroupSize)
            .withPageRowCountLimit((int) Math.min(20_000, Math.max(1, rowGroupSize / 8)));
    if (first != null) {
      for (int c = 0; c < first.getSchema().length(); c++) {
        if (DictionarySample.mostlyDistinct(
            first.getColumnVector(c), first.getSchema().at(c).getDataType(), first.getSize())) {
          b = b.withDictionaryEncoding(first.getSchema().at(c).getName(), false);
        }
      }
    }
    return b.build();
  }

  private static void writeBatch(
      ParquetWriter<Integer> writer, BatchWriteSupport support, ColumnarBatch batch)
      throws IOException {
    support.setBatch(batch);
    for (int row = 0; row < batch.getSize(); row++) {
      writer.write(row);
    }
  }

  CloseableIterator<DataFileStatus> writeFiles(
      String directory, CloseableIterator<ColumnarBatch> data, List<Column> statsColumns)
      throws IOException {
    List<DataFileStatus> written = new ArrayList<>();
    String dir =
        directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    fs.mkdirs(dir);
    ParquetWriter<Integer> writer = null;
    BatchWriteSupport support = null;
    DataFileStatistics.Collector stats = null;
    String current = null;
    try (data) {
      while (data.hasNext()) {
        try (ColumnarBatch batch = data.next()) {
          if (writer == null) {
            current =
                dir
                    + "/part-"
                    + String.format("%05d", written.size())
                    + "-"
                    + UUID.randomUUID()
                    + ".c000.snappy.parquet";
            support = new BatchWriteSupport(batch.getSchema());
            writer = open(outputFile(current), support, batch);
            stats = DataFileStatistics.collector(batch.getSchema(), statsColumns);
          }
          writeBatch(writer, support, batch);
          stats.add(batch);
          if (writer.getDataSize() >= targetFileSize) {
            writer.close();
            written.add(status(current, stats));
            writer = null;
          }
        }
      }
      if (writer != null) {
        writer.close();
        written.add(status(current, stats));
        writer = null;
      }
      return CloseableIterator.of(written);
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        try {
          writer.close();
        } catch (IOException | RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      List<String> toDelete = new ArrayList<>();
      written.forEach(w -> toDelete.add(w.getPath()));
      if (current != null) {
        toDelete.add(current);
      }
      for (String p : toDelete) {
        try {
          fs.delete(p);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private DataFileStatus status(String path, DataFileStatistics.Collector stats)
      throws IOException {
    FileStatus s = fs.getFileStatus(path);
    return new DataFileStatus(
        s.getPath(), s.getSize(), s.getModificationTime(), Optional.of(stats.result()));
  }

  private boolean exists(String path) throws IOException {
    try {
      fs.getFileStatus(path);
      return true;
    } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  void writeFileAtomically(String filePath, CloseableIterator<ColumnarBatch> data)
      throws IOException {
    // Local: temporary file hard-linked into place. Other clients: one put-if-absent write at
    // close.
    boolean local = nativeFiles(filePath) && LocalFileSystemClient.handles(filePath);
    String target = filePath;
    String temp =
        local
            ? localPath(filePath)
                .resolveSibling(
                    "." + localPath(filePath).getFileName() + "." + UUID.randomUUID() + ".tmp")
                .toString()
            : filePath;
    if (!local && exists(filePath)) {
      throw Errors.pathAlreadyExists(filePath);
    }
    ParquetWriter<Integer> writer = null;
    try (data) {
      BatchWriteSupport support = null;
      while (data.hasNext()) {
        try (ColumnarBatch batch = data.next()) {
          if (writer == null) {
            support = new BatchWriteSupport(batch.getSchema());
            writer = open(outputFile(temp), support);
          }
          writeBatch(writer, support, batch);
        }
      }
      if (writer == null) {
        throw new IllegalArgumentException(
            "No batch to write to " + filePath + ": the schema is unknown.");
      }
      writer.close();
      writer = null;
      if (local) {
        try {
          Files.createLink(localPath(target), Paths.get(temp));
        } catch (FileAlreadyExistsException e) {
          throw Errors.pathAlreadyExists(target);
        }
      }
    } finally {
      if (writer != null) {
        writer.close();
      }
      if (local) {
        Files.deleteIfExists(Paths.get(temp));
      }
    }
  }
}
