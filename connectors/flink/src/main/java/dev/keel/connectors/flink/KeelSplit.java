package dev.keel.connectors.flink;

import dev.keel.kernel.ScanFile;
import dev.keel.kernel.data.Row;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One data file of a Keel scan: its scan file row as JSON ({@code ScanFile.toJson}) and the scan
 * state it is read with ({@code ScanState.toJson}), and how many of its rows a reader already
 * emitted before the checkpoint this split was restored from (they are skipped, not emitted again).
 */
public final class KeelSplit implements SourceSplit {
  private final String id;
  private final String scanState;
  private final String scanFile;
  private final long rowsEmitted;

  /**
   * A split of one scan file, none of its rows emitted yet.
   *
   * @param sequence unique among the source's splits
   * @param scanState the scan state's JSON
   * @param file a scan file row ({@code ScanFile.SCHEMA})
   */
  static KeelSplit of(long sequence, String scanState, Row file) {
    return new KeelSplit(
        sequence + ":" + ScanFile.getPath(file), scanState, ScanFile.toJson(file), 0);
  }

  KeelSplit(String id, String scanState, String scanFile, long rowsEmitted) {
    this.id = id;
    this.scanState = scanState;
    this.scanFile = scanFile;
    this.rowsEmitted = rowsEmitted;
  }

  @Override
  public String splitId() {
    return id;
  }

  String scanState() {
    return scanState;
  }

  String scanFile() {
    return scanFile;
  }

  /** Rows of the file already emitted (in the order the file is read). */
  long rowsEmitted() {
    return rowsEmitted;
  }

  KeelSplit withRowsEmitted(long rows) {
    return new KeelSplit(id, scanState, scanFile, rows);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeelSplit s
        && id.equals(s.id)
        && scanState.equals(s.scanState)
        && scanFile.equals(s.scanFile)
        && rowsEmitted == s.rowsEmitted;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, scanFile, rowsEmitted);
  }

  @Override
  public String toString() {
    return "KeelSplit{" + id + ", " + rowsEmitted + " rows emitted}";
  }
}
