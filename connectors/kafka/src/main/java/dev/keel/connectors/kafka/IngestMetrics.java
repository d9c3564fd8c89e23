package dev.keel.connectors.kafka;

import java.util.Map;

/**
 * What an ingester has done so far.
 *
 * @param messages messages committed to the table (dead letters included)
 * @param bytes bytes of those messages
 * @param commits data commits made
 * @param deadLetters messages sent to the dead-letter table
 * @param conflicts batches dropped because another worker committed one of their partitions
 * @param lastCommitMillis how long the last batch took to commit (parsing the messages, writing the
 *     files, committing)
 * @param totalCommitMillis how long all batches took to commit
 * @param lag messages not yet read, by partition, as the consumer last knew it
 */
public record IngestMetrics(
    long messages,
    long bytes,
    long commits,
    long deadLetters,
    long conflicts,
    long lastCommitMillis,
    long totalCommitMillis,
    Map<Integer, Long> lag) {
  /** Nothing done yet. */
  public static final IngestMetrics NONE = new IngestMetrics(0, 0, 0, 0, 0, 0, 0, Map.of());

  /**
   * A status line: the totals, the rates since {@code earlier} (messages and megabytes a second),
   * the last commit's time and the lag, such as {@code ingested 1,200 messages (1,048,576 bytes) in
   * 2 commits; 120 messages/s, 0.1 MB/s over the last 10.0 s; 0 dead letters, 0 conflicts; last
   * commit 35 ms; lag {0=0}}.
   *
   * @param earlier the figures at the start of the interval ({@link #NONE} for the whole run)
   * @param millis how long ago those were taken
   * @return the line
   */
  public String describeSince(IngestMetrics earlier, long millis) {
    double seconds = Math.max(millis, 1) / 1000.0;
    return String.format(
        java.util.Locale.ROOT,
        "ingested %,d messages (%,d bytes) in %,d commits; %,.0f messages/s, %,.1f MB/s over the"
            + " last %.1f s; %,d dead letters, %,d conflicts; last commit %,d ms; lag %s",
        messages,
        bytes,
        commits,
        (messages - earlier.messages) / seconds,
        (bytes - earlier.bytes) / seconds / 1e6,
        seconds,
        deadLetters,
        conflicts,
        lastCommitMillis,
        lag);
  }
}
