package dev.keel.kernel.engine;

import static java.util.Objects.requireNonNull;

import dev.keel.kernel.annotations.Stable;
import dev.keel.kernel.data.ColumnarBatch;

/** A batch read from a file, with the file's path. Closing it closes the batch. */
@Stable
public final class FileReadResult implements AutoCloseable {
  private final ColumnarBatch data;
  private final String filePath;

  /**
   * @param data the batch
   * @param filePath the file it was read from
   */
  public FileReadResult(ColumnarBatch data, String filePath) {
    this.data = requireNonNull(data, "data is null");
    this.filePath = requireNonNull(filePath, "filePath is null");
  }

  /**
   * @return the batch; owned by this result
   */
  public ColumnarBatch getData() {
    return data;
  }

  /**
   * @return the path of the file the batch came from
   */
  public String getFilePath() {
    return filePath;
  }

  @Override
  public void close() {
    data.close();
  }
}
